package io.spinestream.platform.audit;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AccessFactsTest {

    record Page(List<String> items, String nextCursor) {
    }

    record Single(String id, String note) {
    }

    record Session(String id, String wearerId, String activity) {
    }

    record Mistyped(String id, Integer wearerId) {
    }

    @Test
    void givenRoles_whenDescribed_thenOnlyPlatformRolesSortedAndNoneForNoKnownRole() {
        assertThat(AccessFacts.role(Set.of("clinician"))).isEqualTo("clinician");
        assertThat(AccessFacts.role(Set.of("wearer", "clinician", "offline_access"))).isEqualTo("clinician,wearer");
        assertThat(AccessFacts.role(Set.of("offline_access"))).isEqualTo("none");
        assertThat(AccessFacts.role(Set.of("belt"))).isEqualTo("belt");
    }

    @Test
    void givenForwardedForAndNoTrustedProxy_whenAddressTaken_thenThePeerBecauseAnyoneCanSendTheHeader() {
        assertThat(AccessFacts.clientAddress("10.0.0.9", "203.0.113.7", 0)).isEqualTo("10.0.0.9");
    }

    @Test
    void givenOneTrustedProxy_whenAddressTaken_thenTheAddressThatProxyAppendedNotWhatTheClientClaimed() {
        // the client sent "198.51.100.1" itself; the proxy appended the address it saw
        assertThat(AccessFacts.clientAddress("10.0.0.9", "198.51.100.1, 203.0.113.7", 1)).isEqualTo("203.0.113.7");
        assertThat(AccessFacts.clientAddress("10.0.0.9", "198.51.100.1, 203.0.113.7, 10.0.0.2", 2))
                .isEqualTo("203.0.113.7");
    }

    @Test
    void givenTrustedProxiesButAMissingShortOrForgedHeader_whenAddressTaken_thenThePeer() {
        assertThat(AccessFacts.clientAddress("10.0.0.9", null, 1)).isEqualTo("10.0.0.9");
        assertThat(AccessFacts.clientAddress("10.0.0.9", "203.0.113.7", 2)).isEqualTo("10.0.0.9");
        assertThat(AccessFacts.clientAddress("10.0.0.9", "<script>alert(1)</script>", 1)).isEqualTo("10.0.0.9");
        assertThat(AccessFacts.clientAddress("10.0.0.9", "2001:db8::1", 1)).isEqualTo("2001:db8::1");
    }

    @Test
    void givenLongOrDirtyUserAgent_whenKept_thenControlCharactersGoneAndCutTo200() {
        assertThat(AccessFacts.userAgent("app/1.0\r\nX-Evil: 1")).isEqualTo("app/1.0X-Evil: 1");
        assertThat(AccessFacts.userAgent("x".repeat(500))).hasSize(AccessFacts.USER_AGENT_MAX);
        assertThat(AccessFacts.userAgent(null)).isNull();
        assertThat(AccessFacts.userAgent(" \t")).isNull();
        String emoji = "a".repeat(199) + "\uD83D\uDE00";
        assertThat(AccessFacts.userAgent(emoji)).hasSize(199);
    }

    @Test
    void givenRequestIdHeader_whenTaken_thenKeptOnlyWhenAPlainToken() {
        assertThat(AccessFacts.requestId("req-42.a:b")).isEqualTo("req-42.a:b");
        assertThat(AccessFacts.requestId("has space")).isNotEqualTo("has space").hasSize(36);
        assertThat(AccessFacts.requestId("x".repeat(65))).hasSize(36);
        assertThat(AccessFacts.requestId(null)).hasSize(36);
    }

    @Test
    void givenClassAndMethodPaths_whenJoined_thenOneTemplateWithSingleSlashes() {
        assertThat(AccessFacts.operation("GET", "/v1/wearers/{wearerId}/pain-entries", "{entryId}"))
                .isEqualTo("GET /v1/wearers/{wearerId}/pain-entries/{entryId}");
        assertThat(AccessFacts.operation("POST", "/v1/wearers/", "")).isEqualTo("POST /v1/wearers");
        assertThat(AccessFacts.operation("GET", "v1/alerts", "/{id}/")).isEqualTo("GET /v1/alerts/{id}");
    }

    @Test
    void givenAnswers_whenCounted_thenListsAndPagesCountAndSingleResourcesDoNot() {
        assertThat(AccessFacts.itemCount(List.of("a", "b"))).isEqualTo(2);
        assertThat(AccessFacts.itemCount(new Page(List.of("a", "b", "c"), "next"))).isEqualTo(3);
        assertThat(AccessFacts.itemCount(new Single("pe-1", "canary"))).isNull();
        assertThat(AccessFacts.itemCount("a string")).isNull();
        assertThat(AccessFacts.itemCount(null)).isNull();
    }

    @Test
    void givenLocationOrPathValue_whenTakenAsId_thenOnlyIdsPass() {
        assertThat(AccessFacts.idFromLocation("/v1/wearers/w-42/pain-entries/pe-981")).isEqualTo("pe-981");
        assertThat(AccessFacts.idFromLocation("http://h/v1/wearers/w-7?x=1")).isEqualTo("w-7");
        assertThat(AccessFacts.idFromLocation(null)).isNull();
        assertThat(AccessFacts.id("SB-000123")).isEqualTo("SB-000123");
        assertThat(AccessFacts.id("back pain, sharp")).isNull();
    }

    @Test
    void givenAnsweredResource_whenItsWearerTaken_thenTheWearerIdComponentWhenItIsAnId() {
        assertThat(AccessFacts.wearerOf(new Session("s-1", "w-42", "deadlift"))).isEqualTo("w-42");
        assertThat(AccessFacts.wearerOf(new Session("s-1", null, "deadlift"))).isNull();
        assertThat(AccessFacts.wearerOf(new Session("s-1", "Pat Example, born 1980", "deadlift"))).isNull();
        assertThat(AccessFacts.wearerOf(new Mistyped("s-1", 42))).isNull();
        assertThat(AccessFacts.wearerOf(new Single("s-1", "w-42"))).isNull();
        assertThat(AccessFacts.wearerOf(List.of("w-42"))).isNull();
    }
}
