package io.spinestream.notification.feed;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.spinestream.events.EventType;
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
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class FeedResourceTest {

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
    void givenDashboardsOfTwoClinics_whenAlertsOfBothArrive_thenEachDashboardShowsOnlyItsClinicsAlerts() {
        String clinicA = "clinic-feed-a-" + UUID.randomUUID();
        String clinicB = "clinic-feed-b-" + UUID.randomUUID();
        Alert ofA = TestAlerts.formFault(clinicA, TestAlerts.uniqueBelt(), AlertCodes.ROUNDED_BACK, null);
        Alert ofB = TestAlerts.redFlag(clinicB, "w-feed", "saddle_numbness", Severity.CRITICAL);
        Alert laterOfA = TestAlerts.formFault(clinicA, ofA.beltId(), AlertCodes.HIGH_IMPACT, null);

        try (SseClient dashboardA = SseClient.subscribe(feed, TestTokens.bearer(Roles.CLINICIAN, clinicA));
             SseClient dashboardB = SseClient.subscribe(feed, TestTokens.bearer(Roles.CLINIC_ADMIN, clinicB))) {
            kafka.publish(Topics.ALERTS, ofB.wearerId(), TestAlerts.event(EventType.JOURNAL_RED_FLAG, ofB));
            kafka.publish(Topics.ALERTS, ofA.beltId(), TestAlerts.event(EventType.FORM_FAULT, ofA));
            await().atMost(Duration.ofSeconds(60)).until(() -> contains(dashboardB, ofB.alertId()));
            // A's stream is ordered: had B's alert leaked to it, it would be there before this later alert of A.
            kafka.publish(Topics.ALERTS, laterOfA.beltId(), TestAlerts.event(EventType.FORM_FAULT, laterOfA));
            await().atMost(Duration.ofSeconds(60)).until(() -> contains(dashboardA, laterOfA.alertId()));

            assertThat(contains(dashboardA, ofA.alertId())).isTrue();
            assertThat(contains(dashboardA, ofB.alertId())).as("clinic A's dashboard shows clinic B's alert").isFalse();
            assertThat(contains(dashboardB, ofA.alertId())).as("clinic B's dashboard shows clinic A's alert").isFalse();
            assertThat(contains(dashboardB, laterOfA.alertId())).isFalse();
            assertThat(dashboardA.events()).allSatisfy(e -> assertThat(e.data()).contains(clinicA).doesNotContain(clinicB));
            assertThat(dashboardA.events().get(0).name()).isEqualTo("alert");
        }
    }

    @Test
    void givenDashboard_whenAnAlertIsAcknowledged_thenItsStateChangeAppearsOnTheFeed() {
        String clinic = "clinic-feed-" + UUID.randomUUID();
        Alert alert = TestAlerts.formFault(clinic, TestAlerts.uniqueBelt(), AlertCodes.EXCESSIVE_ARCH, null);

        try (SseClient dashboard = SseClient.subscribe(feed, TestTokens.bearer(Roles.CLINICIAN, clinic))) {
            kafka.publish(Topics.ALERTS, alert.beltId(), TestAlerts.event(EventType.FORM_FAULT, alert));
            await().atMost(Duration.ofSeconds(60)).until(() -> contains(dashboard, alert.alertId()));

            given().auth().oauth2(TestTokens.forClinic(clinic).role(Roles.CLINICIAN).sign())
                    .contentType(ContentType.JSON).body("{\"note\":\"on it\"}")
                    .when().post("/v1/alerts/" + alert.alertId() + "/acknowledge").then().statusCode(200);

            await().atMost(Duration.ofSeconds(60)).until(() -> dashboard.events().stream()
                    .anyMatch(e -> "alert-state-changed".equals(e.name()) && e.data().contains(alert.alertId())
                            && e.data().contains("\"state\":\"acknowledged\"")));
        }
    }

    @Test
    void givenNoTokenOrAWearersToken_whenFeedOpened_then401Or403Problem() {
        given().when().get("/v1/feed").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.forClinic("clinic-x").role(Roles.WEARER).sign())
                .when().get("/v1/feed").then().statusCode(403).contentType("application/problem+json");
    }

    private static boolean contains(SseClient dashboard, String alertId) {
        return dashboard.events().stream().anyMatch(e -> e.data().contains(alertId));
    }
}
