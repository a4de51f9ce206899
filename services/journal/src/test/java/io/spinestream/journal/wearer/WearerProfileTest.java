package io.spinestream.journal.wearer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.Limits;
import io.spinestream.events.payload.WearerProfile;
import io.spinestream.events.topic.Topics;
import io.spinestream.journal.support.Ids;
import io.spinestream.journal.support.JournalApi;
import io.spinestream.journal.support.TopicReader;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.spinestream.journal.support.JournalApi.clinician;
import static io.spinestream.journal.support.JournalApi.createWearer;
import static io.spinestream.journal.support.JournalApi.enrol;
import static io.spinestream.journal.support.JournalApi.get;
import static io.spinestream.journal.support.JournalApi.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class WearerProfileTest {

    private static final String CLINIC = "clinic-a";

    @Test
    void givenClinician_whenWearerEnrolledWithConditionsAndLimits_thenProfileVersion1IsPublishedKeyedByWearer() {
        String id = enrol(CLINIC, Map.of("conditions", List.of("disc_herniation"), "limits", Map.of("flexionDeg", 18)))
                .statusCode(201)
                .header("Location", startsWith("http"))
                .body("profileVersion", equalTo(1))
                .body("conditions", contains("disc_herniation"))
                .body("limits.flexionDeg", equalTo(18.0f))
                .body("limits.extensionDeg", nullValue())
                .body("timeZone", equalTo("Europe/Berlin"))
                .extract().path("id");

        try (TopicReader profiles = new TopicReader(Topics.WEARER_PROFILES.name())) {
            var records = profiles.awaitFor(id, found -> !found.isEmpty());
            var event = records.get(0).value();
            assertThat(event.id()).isEqualTo(EventIds.of(EventType.WEARER_PROFILE, id, "1"));
            assertThat(event.type()).isEqualTo(EventType.WEARER_PROFILE);
            assertThat(event.source()).isEqualTo(EventSources.JOURNAL);
            assertThat(event.subject()).isEqualTo(id);
            assertThat(event.clinicId()).isEqualTo(CLINIC);
            WearerProfile profile = event.dataAs(WearerProfile.class);
            assertThat(profile.version()).isEqualTo(1);
            assertThat(profile.conditions()).containsExactly("disc_herniation");
            assertThat(profile.limits().flexionDeg()).isEqualTo(18.0);
            assertThat(profile.birthYear()).isEqualTo(1980);
        }
    }

    @Test
    void givenClinicAdmin_whenWearerEnrolledWithoutConditionsOrLimits_thenItsProfileIsPublishedAtOnceWithNoneOfThem() {
        String id = JournalApi.post(TestTokens.bearer(Roles.CLINIC_ADMIN, CLINIC), "/v1/wearers",
                        Map.of("displayName", "Sam Example", "birthYear", 1975))
                .statusCode(201).extract().path("id");

        try (TopicReader profiles = new TopicReader(Topics.WEARER_PROFILES.name())) {
            var records = profiles.awaitFor(id, found -> !found.isEmpty());
            assertThat(records).hasSize(1);
            var event = records.get(0).value();
            assertThat(event.id()).isEqualTo(EventIds.of(EventType.WEARER_PROFILE, id, "1"));
            assertThat(event.clinicId()).isEqualTo(CLINIC);
            WearerProfile profile = event.dataAs(WearerProfile.class);
            assertThat(profile.wearerId()).isEqualTo(id);
            assertThat(profile.version()).isEqualTo(1);
            assertThat(profile.conditions()).isEmpty();
            assertThat(profile.limits()).isEqualTo(Limits.none());
            assertThat(profile.birthYear()).isEqualTo(1975);
        }
    }

    @Test
    void givenWearer_whenClinicianChangesLimitsTwice_thenEachVersionIsPublishedInOrderAndTheHistorySaysWhoWhatWhy() {
        String id = createWearer(CLINIC);
        String clinician = "Bearer " + TestTokens.forClinic(CLINIC).role(Roles.CLINICIAN).subject("dr-jones").sign();

        put(clinician, "/v1/wearers/" + id + "/profile", Map.of("conditions", List.of("spinal_stenosis"),
                "limits", Map.of("extensionDeg", 8), "reason", "MRI confirmed stenosis"))
                .statusCode(200).body("profileVersion", equalTo(2));
        put(clinician, "/v1/wearers/" + id + "/profile", Map.of("conditions", List.of("spinal_stenosis"),
                "limits", Map.of("extensionDeg", 6)))
                .statusCode(200).body("profileVersion", equalTo(3));

        try (TopicReader profiles = new TopicReader(Topics.WEARER_PROFILES.name())) {
            var records = profiles.awaitFor(id, found -> found.size() >= 3);
            assertThat(records).extracting(r -> r.value().dataAs(WearerProfile.class).version())
                    .containsExactly(1L, 2L, 3L);
            assertThat(records.get(2).value().dataAs(WearerProfile.class).limits().extensionDeg()).isEqualTo(6.0);
        }
        get(clinician(CLINIC), "/v1/wearers/" + id + "/profile/history").statusCode(200)
                .body("version", contains(1, 2, 3))
                .body("[1].changedBy", equalTo("dr-jones"))
                .body("[1].reason", equalTo("MRI confirmed stenosis"))
                .body("[1].changes.field", contains("conditions", "limits.extensionDeg"))
                .body("[2].changes[0].field", equalTo("limits.extensionDeg"))
                .body("[2].changes[0].from", equalTo(8.0f))
                .body("[2].changes[0].to", equalTo(6.0f));
    }

    @Test
    void givenCurrentProfile_whenTheSameProfileIsSentAgain_thenNoNewVersion() {
        String id = createWearer(CLINIC);
        Map<String, Object> profile = Map.of("conditions", List.of("muscle_strain", "facet_irritation"),
                "limits", Map.of("rotationDeg", 12));
        put(clinician(CLINIC), "/v1/wearers/" + id + "/profile", profile).statusCode(200).body("profileVersion", equalTo(2));

        put(clinician(CLINIC), "/v1/wearers/" + id + "/profile", profile).statusCode(200)
                .body("profileVersion", equalTo(2))
                .body("conditions", contains("facet_irritation", "muscle_strain"));
        get(clinician(CLINIC), "/v1/wearers/" + id + "/profile/history").body("version", contains(1, 2));
    }

    @Test
    void givenBirthYearChange_whenPatched_thenItIsANewProfileVersion() {
        String id = createWearer(CLINIC);
        JournalApi.as(clinician(CLINIC)).body(Map.of("birthYear", 1970, "displayName", "P. E."))
                .when().patch("/v1/wearers/" + id).then().statusCode(200)
                .body("profileVersion", equalTo(2)).body("birthYear", equalTo(1970)).body("displayName", equalTo("P. E."));
        JournalApi.as(clinician(CLINIC)).body(Map.of("displayName", "Pat"))
                .when().patch("/v1/wearers/" + id).then().statusCode(200).body("profileVersion", equalTo(2));
    }

    @Test
    void givenClinicAdmin_whenSettingLimits_then403() {
        String id = createWearer(CLINIC);
        put(TestTokens.bearer(Roles.CLINIC_ADMIN, CLINIC), "/v1/wearers/" + id + "/profile",
                Map.of("conditions", List.of(), "limits", Map.of("flexionDeg", 18)))
                .statusCode(403).contentType("application/problem+json");
        JournalApi.post(TestTokens.bearer(Roles.CLINIC_ADMIN, CLINIC), "/v1/wearers",
                        Map.of("displayName", "X", "limits", Map.of("flexionDeg", 18)))
                .statusCode(403).contentType("application/problem+json");
    }

    @Test
    void givenWearerToken_whenSettingOwnLimits_then403() {
        String id = createWearer(CLINIC);
        put(JournalApi.wearerToken(CLINIC, id), "/v1/wearers/" + id + "/profile",
                Map.of("conditions", List.of(), "limits", Map.of("flexionDeg", 40)))
                .statusCode(403);
    }

    @Test
    void givenUnknownConditionAndImpossibleLimit_whenProfileSent_then400NamingBothFields() {
        String id = createWearer(CLINIC);
        put(clinician(CLINIC), "/v1/wearers/" + id + "/profile",
                Map.of("conditions", List.of("broken_back"), "limits", Map.of("flexionDeg", 0)))
                .statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(startsWith("conditions")))
                .body("violations.field", hasItem("limits.flexionDeg"));
    }

    @Test
    void givenUnknownTimeZoneOrFutureBirthYear_whenEnrolled_then400() {
        enrol(CLINIC, Map.of("timeZone", "Mars/Olympus")).statusCode(400)
                .body("violations[0].field", equalTo("timeZone"));
        enrol(CLINIC, Map.of("birthYear", java.time.Year.now().getValue() + 1)).statusCode(400)
                .body("violations[0].field", equalTo("birthYear"));
    }

    @Test
    void givenWearer_whenTheyWithdrawEhrConsent_thenItIsRecordedWithWhoAndWhen() {
        String id = createWearer(CLINIC);
        put(clinician(CLINIC), "/v1/wearers/" + id + "/consent", Map.of("ehrExport", true)).statusCode(200)
                .body("consent.ehrExport", equalTo(true));
        put(JournalApi.wearerToken(CLINIC, id), "/v1/wearers/" + id + "/consent", Map.of("ehrExport", false))
                .statusCode(200)
                .body("consent.ehrExport", equalTo(false))
                .body("consent.recordedBy", equalTo(id));
        put(JournalApi.wearerToken(CLINIC, "someone-else"), "/v1/wearers/" + id + "/consent", Map.of("ehrExport", true))
                .statusCode(404);
    }

    @Test
    void givenSeveralWearers_whenListedPageByPage_thenEveryWearerOfTheClinicOnceNewestFirstAndNoneOfAnother() {
        String clinic = Ids.unique("clinic-list");
        List<String> enrolled = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            enrolled.add(createWearer(clinic));
        }
        createWearer(Ids.unique("clinic-other"));
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = JournalApi.as(clinician(clinic)).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/v1/wearers").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        java.util.Collections.reverse(enrolled);
        assertThat(seen).containsExactlyElementsOf(enrolled);
    }
}
