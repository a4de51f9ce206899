package io.spinestream.notification.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.spinestream.events.EventType;
import io.spinestream.events.payload.AccessRecorded;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.events.payload.Severity;
import io.spinestream.events.topic.Topics;
import io.spinestream.notification.testkit.KafkaTestClient;
import io.spinestream.notification.testkit.TestAlerts;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.AuditTopicProbe;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Red flags are health data: every read and change of an alert through notification's API is on the audit
 * topic, with who, which wearer and what, and none of the alert's content; so is a refused attempt.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class AlertAuditTest {

    private static final String CANARY = "canary-5d1e-bladder-change";

    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void givenARedFlag_whenAClinicianListsReadsAndAcknowledgesIt_thenEachAccessIsRecordedWithItsWearerAndNoContent() {
        String clinic = "clinic-" + UUID.randomUUID().toString().substring(0, 8);
        String wearer = "w-" + UUID.randomUUID().toString().substring(0, 8);
        Alert flag = TestAlerts.redFlag(clinic, wearer, "bladder_or_bowel_change", Severity.CRITICAL);
        kafka.publish(Topics.ALERTS, TestAlerts.keyOf(flag), TestAlerts.event(EventType.JOURNAL_RED_FLAG, flag));
        String physio = TestTokens.forClinic(clinic).role(Roles.CLINICIAN).subject("u-physio-9").sign();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(physio)
                .queryParam("wearerId", wearer).when().get("/v1/alerts")
                .then().statusCode(200).body("items.size()", equalTo(1)));
        given().auth().oauth2(physio).when().get("/v1/alerts/" + flag.alertId()).then().statusCode(200);
        given().auth().oauth2(physio).contentType(ContentType.JSON).body("{\"note\":\"" + CANARY + "\"}")
                .when().post("/v1/alerts/" + flag.alertId() + "/acknowledge").then().statusCode(200);
        given().auth().oauth2(TestTokens.forClinic(clinic).role(Roles.INTEGRATOR).subject("u-hook").sign())
                .when().get("/v1/alerts/" + flag.alertId()).then().statusCode(403);

        try (AuditTopicProbe probe = new AuditTopicProbe(clinic)) {
            AccessRecorded read = probe.await("GET /v1/alerts/{id}", 200);
            AccessRecorded ack = probe.await("POST /v1/alerts/{id}/acknowledge", 200);
            AccessRecorded refused = probe.await("GET /v1/alerts/{id}", 403);
            // Every poll of the list above was recorded; the clinic's records are in order on one partition,
            // and the last poll was the one that found the alert.
            List<AccessRecorded> lists = probe.until(records -> true).stream()
                    .filter(r -> r.operation().equals("GET /v1/alerts")).toList();
            assertThat(lists).isNotEmpty();
            AccessRecorded list = lists.get(lists.size() - 1);

            assertThat(list.wearerId()).isEqualTo(wearer);
            assertThat(list.itemCount()).isEqualTo(1);
            assertThat(read).satisfies(r -> {
                assertThat(r.service()).isEqualTo("notification");
                assertThat(r.subject()).isEqualTo("u-physio-9");
                assertThat(r.role()).isEqualTo("clinician");
                assertThat(r.wearerId()).as("taken from the alert answered").isEqualTo(wearer);
                assertThat(r.resource()).isEqualTo("alert");
                assertThat(r.resourceId()).isEqualTo(flag.alertId());
                assertThat(r.action()).isEqualTo(AuditAction.READ);
            });
            assertThat(ack.action()).isEqualTo(AuditAction.UPDATE);
            assertThat(ack.wearerId()).isEqualTo(wearer);
            assertThat(refused.role()).isEqualTo("integrator");
            assertThat(refused.wearerId()).as("nothing was answered to tell whose it is").isNull();
            assertThat(probe.until(r -> true)).allSatisfy(r -> assertThat(r.toString()).doesNotContain(CANARY)
                    .doesNotContain("bladder"));
        }
    }
}
