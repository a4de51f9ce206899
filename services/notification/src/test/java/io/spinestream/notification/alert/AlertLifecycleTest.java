package io.spinestream.notification.alert;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.AlertCodes;
import io.spinestream.events.payload.AlertState;
import io.spinestream.events.payload.AlertStateChanged;
import io.spinestream.events.payload.Severity;
import io.spinestream.events.topic.Topics;
import io.spinestream.notification.testkit.KafkaTestClient;
import io.spinestream.notification.testkit.TestAlerts;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class AlertLifecycleTest {

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
    void givenAlertsOfTwoWearers_whenFilteredByWearerSeverityTypeAndState_thenOnlyMatchingAlertsListed() {
        String clinic = uniqueClinic();
        Alert w1Warning = TestAlerts.formFault(clinic, "SB-W1" + suffix(), AlertCodes.ROUNDED_BACK, "s-1");
        Alert w1Critical = TestAlerts.withSeverity(
                TestAlerts.formFault(clinic, w1Warning.beltId(), AlertCodes.HIGH_IMPACT, "s-1"), Severity.CRITICAL);
        Alert w2RedFlag = TestAlerts.redFlag(clinic, "w-other", "night_pain", Severity.WARNING);
        publish(EventType.FORM_FAULT, w1Warning);
        publish(EventType.FORM_FAULT, w1Critical);
        publish(EventType.JOURNAL_RED_FLAG, w2RedFlag);
        awaitListed(clinic, 3);

        given().auth().oauth2(token(Roles.CLINICIAN, clinic)).queryParam("wearerId", w1Warning.wearerId())
                .when().get("/v1/alerts")
                .then().statusCode(200).body("items.size()", equalTo(2))
                .body("items.wearerId", everyItem(equalTo(w1Warning.wearerId())));
        given().auth().oauth2(token(Roles.CLINICIAN, clinic)).queryParam("severity", "critical")
                .when().get("/v1/alerts")
                .then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(w1Critical.alertId()));
        given().auth().oauth2(token(Roles.CLINICIAN, clinic)).queryParam("type", EventType.JOURNAL_RED_FLAG.type())
                .when().get("/v1/alerts")
                .then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(w2RedFlag.alertId()));

        acknowledge(clinic, w1Warning.alertId(), "seen").then().statusCode(200);

        given().auth().oauth2(token(Roles.CLINICIAN, clinic)).queryParam("state", "open")
                .when().get("/v1/alerts")
                .then().statusCode(200).body("items.size()", equalTo(2))
                .body("items.id", not(hasItem(w1Warning.alertId())));
        given().auth().oauth2(token(Roles.CLINICIAN, clinic)).queryParam("state", "acknowledged")
                .when().get("/v1/alerts")
                .then().statusCode(200).body("items.id", equalTo(List.of(w1Warning.alertId())));
    }

    @Test
    void givenMoreAlertsThanAPage_whenPagedWithTheCursor_thenEveryAlertShownOnceNewestFirst() {
        String clinic = uniqueClinic();
        String belt = TestAlerts.uniqueBelt();
        for (int i = 0; i < 5; i++) {
            publish(EventType.FORM_FAULT, TestAlerts.formFault(clinic, belt, AlertCodes.OVERUSE, null));
        }
        awaitListed(clinic, 5);

        List<String> seen = new ArrayList<>();
        List<String> raisedAt = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token(Roles.CLINICIAN, clinic)).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/v1/alerts").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            raisedAt.addAll(page.getList("items.raisedAt", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        assertThat(raisedAt).isSortedAccordingTo((a, b) -> java.time.Instant.parse(b).compareTo(java.time.Instant.parse(a)));
    }

    @Test
    void givenOpenAlert_whenAcknowledgedThenResolved_thenWhoWhenAndNoteShownAndEachStepPublished() {
        String clinic = uniqueClinic();
        Alert alert = TestAlerts.formFault(clinic, TestAlerts.uniqueBelt(), AlertCodes.TWIST_UNDER_LOAD, null);
        publish(EventType.FORM_FAULT, alert);
        awaitListed(clinic, 1);
        String physio = "u-physio-" + suffix();

        given().auth().oauth2(TestTokens.forClinic(clinic).role(Roles.CLINICIAN).subject(physio).sign())
                .contentType(ContentType.JSON).body("{\"note\":\"Talked it through with the wearer\"}")
                .when().post("/v1/alerts/" + alert.alertId() + "/acknowledge")
                .then().statusCode(200)
                .body("state", equalTo("acknowledged"))
                .body("acknowledged.by", equalTo(physio))
                .body("acknowledged.at", notNullValue())
                .body("acknowledged.note", equalTo("Talked it through with the wearer"))
                .body("resolved", nullValue());
        given().auth().oauth2(TestTokens.forClinic(clinic).role(Roles.CLINICIAN).subject(physio).sign())
                .contentType(ContentType.JSON).body("{}")
                .when().post("/v1/alerts/" + alert.alertId() + "/resolve")
                .then().statusCode(200)
                .body("state", equalTo("resolved"))
                .body("resolved.by", equalTo(physio))
                .body("acknowledged.note", equalTo("Talked it through with the wearer"));

        List<Event<?>> changes = kafka.read(Topics.ALERT_LIFECYCLE,
                e -> e.data() instanceof AlertStateChanged c && c.alertId().equals(alert.alertId()), 2,
                Duration.ofSeconds(60));
        assertThat(changes).extracting(e -> ((AlertStateChanged) e.data()).state())
                .containsExactly(AlertState.ACKNOWLEDGED, AlertState.RESOLVED);
        Event<?> acknowledged = changes.get(0);
        assertThat(acknowledged.id())
                .isEqualTo(EventIds.of(EventType.ALERT_STATE_CHANGED, alert.alertId(), "acknowledged"));
        assertThat(acknowledged.type()).isEqualTo(EventType.ALERT_STATE_CHANGED);
        assertThat(acknowledged.source()).isEqualTo(EventSources.NOTIFICATION);
        assertThat(acknowledged.subject()).isEqualTo(alert.alertId());
        assertThat(acknowledged.clinicId()).isEqualTo(clinic);
        AlertStateChanged data = (AlertStateChanged) acknowledged.data();
        assertThat(data.changedBy()).isEqualTo(physio);
        assertThat(data.note()).isEqualTo("Talked it through with the wearer");
    }

    @Test
    void givenResolvedAlert_whenAcknowledgedOrResolvedAgain_then409Problem() {
        String clinic = uniqueClinic();
        Alert alert = TestAlerts.formFault(clinic, TestAlerts.uniqueBelt(), AlertCodes.BREATH_HOLD, null);
        publish(EventType.FORM_FAULT, alert);
        awaitListed(clinic, 1);
        given().auth().oauth2(token(Roles.CLINICIAN, clinic)).contentType(ContentType.JSON).body("{}")
                .when().post("/v1/alerts/" + alert.alertId() + "/resolve").then().statusCode(200);

        acknowledge(clinic, alert.alertId(), null)
                .then().statusCode(409).contentType("application/problem+json").body("status", equalTo(409));
        given().auth().oauth2(token(Roles.CLINICIAN, clinic)).contentType(ContentType.JSON).body("{}")
                .when().post("/v1/alerts/" + alert.alertId() + "/resolve")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void givenInvalidFiltersOrNote_whenRequested_then400ProblemNamingTheField() {
        String clinic = uniqueClinic();
        given().auth().oauth2(token(Roles.CLINICIAN, clinic)).queryParam("severity", "urgent")
                .when().get("/v1/alerts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("severity"));
        given().auth().oauth2(token(Roles.CLINICIAN, clinic)).queryParam("type", "io.example.other.v1")
                .when().get("/v1/alerts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("type"));
        given().auth().oauth2(token(Roles.CLINICIAN, clinic)).queryParam("cursor", "not-a-cursor")
                .when().get("/v1/alerts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("cursor"));
        given().auth().oauth2(token(Roles.CLINICIAN, clinic)).queryParam("limit", 0)
                .when().get("/v1/alerts")
                .then().statusCode(400).body("violations.field", hasItem("limit"));
        given().auth().oauth2(token(Roles.CLINICIAN, clinic)).contentType(ContentType.JSON)
                .body("{\"note\":\"" + "x".repeat(2001) + "\"}")
                .when().post("/v1/alerts/any/acknowledge")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("note"));
    }

    @Test
    void givenAlertOfClinicA_whenClinicBListsOrChangesIt_thenNotListedAnd404AsIfAbsent() {
        String clinicA = uniqueClinic();
        String clinicB = uniqueClinic();
        Alert alert = TestAlerts.formFault(clinicA, TestAlerts.uniqueBelt(), AlertCodes.SLUMPED_SITTING, null);
        publish(EventType.FORM_FAULT, alert);
        awaitListed(clinicA, 1);

        given().auth().oauth2(token(Roles.CLINICIAN, clinicB)).when().get("/v1/alerts")
                .then().statusCode(200).body("items.size()", equalTo(0));
        acknowledge(clinicB, alert.alertId(), null)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token(Roles.CLINICIAN, clinicB)).contentType(ContentType.JSON).body("{}")
                .when().post("/v1/alerts/" + alert.alertId() + "/resolve")
                .then().statusCode(404);
        given().auth().oauth2(token(Roles.CLINICIAN, clinicA)).when().get("/v1/alerts/" + alert.alertId())
                .then().statusCode(200).body("state", equalTo("open"));
    }

    @Test
    void givenRolesThatMayNot_whenAlertsListedOrAcknowledged_then403OrUnauthenticated401() {
        String clinic = uniqueClinic();
        given().auth().oauth2(token(Roles.WEARER, clinic)).when().get("/v1/alerts")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(token(Roles.INTEGRATOR, clinic)).contentType(ContentType.JSON).body("{}")
                .when().post("/v1/alerts/x/acknowledge")
                .then().statusCode(403);
        given().when().get("/v1/alerts").then().statusCode(401).contentType("application/problem+json");
    }

    private static io.restassured.response.Response acknowledge(String clinic, String alertId, String note) {
        return given().auth().oauth2(token(Roles.CLINICIAN, clinic)).contentType(ContentType.JSON)
                .body(note == null ? "{}" : "{\"note\":\"" + note + "\"}")
                .when().post("/v1/alerts/" + alertId + "/acknowledge");
    }

    private static void publish(EventType type, Alert alert) {
        kafka.publish(Topics.ALERTS, TestAlerts.keyOf(alert), TestAlerts.event(type, alert));
    }

    private static void awaitListed(String clinic, int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().auth().oauth2(token(Roles.CLINICIAN, clinic)).queryParam("limit", 200)
                        .when().get("/v1/alerts")
                        .then().statusCode(200).body("items.size()", equalTo(count)));
    }

    private static String token(String role, String clinic) {
        return TestTokens.forClinic(clinic).role(role).sign();
    }

    private static String uniqueClinic() {
        return "clinic-" + suffix();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
