package io.spinestream.notification.alert;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.AlertCodes;
import io.spinestream.events.payload.Severity;
import io.spinestream.events.topic.Topics;
import io.spinestream.notification.testkit.KafkaTestClient;
import io.spinestream.notification.testkit.SseClient;
import io.spinestream.notification.testkit.TestAlerts;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class AlertIntakeTest {

    private static final String CLINIC = "clinic-intake-" + UUID.randomUUID().toString().substring(0, 8);
    private static KafkaTestClient kafka;

    @TestHTTPResource("/v1/feed")
    URI feed;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void givenFormFaultPublished_whenConsumed_thenTheClinicianReadsItWithAllItsFacts() {
        Alert alert = TestAlerts.formFault(CLINIC, TestAlerts.uniqueBelt(), AlertCodes.ROUNDED_BACK, "session-1");

        kafka.publish(Topics.ALERTS, alert.beltId(), TestAlerts.event(EventType.FORM_FAULT, alert));

        awaitRecorded(alert.alertId());
        given().header("Authorization", TestTokens.bearer(Roles.CLINICIAN, CLINIC))
                .when().get("/v1/alerts/" + alert.alertId())
                .then().statusCode(200)
                .body("type", equalTo(EventType.FORM_FAULT.type()))
                .body("code", equalTo("ROUNDED_BACK"))
                .body("severity", equalTo("warning"))
                .body("state", equalTo("open"))
                .body("beltId", equalTo(alert.beltId()))
                .body("wearerId", equalTo(alert.wearerId()))
                .body("sessionId", equalTo("session-1"))
                .body("activity", equalTo("deadlift"))
                .body("value", equalTo(23.4f))
                .body("limit", equalTo(20.0f))
                .body("unit", equalTo("deg"))
                .body("late", equalTo(false))
                .body("reason", equalTo(alert.reason()))
                .body("details.limitSource", equalTo("default"))
                .body("raisedAt", equalTo(alert.at().toString()))
                .body("acknowledged", nullValue());
    }

    @Test
    void givenJournalRedFlag_whenConsumed_thenListedForItsWearerWithoutBelt() {
        Alert alert = TestAlerts.redFlag(CLINIC, "w-" + UUID.randomUUID(), "saddle_numbness", Severity.CRITICAL);

        kafka.publish(Topics.ALERTS, alert.wearerId(), TestAlerts.event(EventType.JOURNAL_RED_FLAG, alert));

        awaitRecorded(alert.alertId());
        given().header("Authorization", TestTokens.bearer(Roles.CLINICIAN, CLINIC))
                .queryParam("wearerId", alert.wearerId())
                .when().get("/v1/alerts")
                .then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(alert.alertId()))
                .body("items[0].type", equalTo(EventType.JOURNAL_RED_FLAG.type()))
                .body("items[0].severity", equalTo("critical"))
                .body("items[0].beltId", nullValue());
    }

    @Test
    void givenTheSameAlertEventTwice_whenConsumed_thenTheDashboardSeesItOnce() {
        String belt = TestAlerts.uniqueBelt();
        Alert alert = TestAlerts.formFault(CLINIC, belt, AlertCodes.EXCESSIVE_ARCH, null);
        Alert marker = TestAlerts.formFault(CLINIC, belt, AlertCodes.HIGH_IMPACT, null);
        Event<Alert> event = TestAlerts.event(EventType.FORM_FAULT, alert);

        try (SseClient dashboard = SseClient.subscribe(feed, TestTokens.bearer(Roles.CLINICIAN, CLINIC))) {
            kafka.publish(Topics.ALERTS, belt, event);
            kafka.publish(Topics.ALERTS, belt, event);
            // Same key, same partition: once the marker is on the feed, both copies were handled.
            kafka.publish(Topics.ALERTS, belt, TestAlerts.event(EventType.FORM_FAULT, marker));

            await().atMost(Duration.ofSeconds(60)).until(() -> dashboard.events().stream()
                    .anyMatch(e -> e.data().contains(marker.alertId())));
            assertThat(dashboard.events()).filteredOn(e -> e.data().contains(alert.alertId())).hasSize(1);
        }
    }

    @Test
    void givenUnreadableRecordsOnTheTopic_whenConsumed_thenSkippedAndLaterAlertsStillRecorded() {
        String belt = TestAlerts.uniqueBelt();
        Alert after = TestAlerts.formFault(CLINIC, belt, AlertCodes.OVERUSE, null);

        kafka.publishRaw(Topics.ALERTS, belt, "not json".getBytes(StandardCharsets.UTF_8));
        kafka.publishRaw(Topics.ALERTS, belt, ("{\"specversion\":\"1.0\",\"id\":\"x-1\",\"source\":\"/elsewhere\","
                + "\"type\":\"com.example.unknown.v1\",\"time\":\"2026-11-20T10:15:30Z\",\"clinicid\":\"" + CLINIC
                + "\",\"data\":{}}").getBytes(StandardCharsets.UTF_8));
        kafka.publish(Topics.ALERTS, belt, TestAlerts.event(EventType.FORM_FAULT, after));

        awaitRecorded(after.alertId());
    }

    private static void awaitRecorded(String alertId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer(Roles.CLINICIAN, CLINIC))
                        .when().get("/v1/alerts/" + alertId)
                        .then().statusCode(200));
    }
}
