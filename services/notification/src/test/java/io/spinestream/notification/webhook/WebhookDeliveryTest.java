package io.spinestream.notification.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.spinestream.events.EventType;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.AlertCodes;
import io.spinestream.events.payload.Severity;
import io.spinestream.events.topic.Topics;
import io.spinestream.notification.alert.AlertTypes;
import io.spinestream.notification.testkit.KafkaTestClient;
import io.spinestream.notification.testkit.TestAlerts;
import io.spinestream.notification.testkit.WebhookApi;
import io.spinestream.notification.testkit.WebhookReceiver;
import io.spinestream.notification.testkit.WebhookReceiver.Answer;
import io.spinestream.notification.testkit.WebhookReceiver.Received;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Alerts reach integrators' receivers, signed, retried, dead-lettered and replayed (real HTTP on loopback). */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class WebhookDeliveryTest {

    private static KafkaTestClient kafka;

    private WebhookReceiver receiver;
    private String clinic;
    private WebhookApi api;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @BeforeEach
    void newClinicAndReceiver() {
        receiver = WebhookReceiver.start();
        clinic = "clinic-wh-" + UUID.randomUUID().toString().substring(0, 8);
        api = new WebhookApi(clinic);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void givenAReceiverFailingTwice_whenAnAlertArrives_thenItGetsTheDeliveryOnceItRecoversWithTheSameWebhookIdEveryTime()
            throws Exception {
        receiver.answering(Answer.status(500), Answer.status(503));
        WebhookApi.Endpoint endpoint = api.subscribe(receiver.url(), List.of(EventType.FORM_FAULT.type()));
        Alert alert = TestAlerts.formFault(clinic, TestAlerts.uniqueBelt(), AlertCodes.ROUNDED_BACK, null);

        publish(EventType.FORM_FAULT, alert);

        List<Received> requests = receiver.awaitRequests(3);
        assertThat(requests).extracting(r -> r.header("webhook-id")).containsOnly(requests.get(0).header("webhook-id"));
        for (Received request : requests) {
            new Webhook(endpoint.secret()).verify(request.body(), request.headers());
        }
        JsonPath body = JsonPath.from(requests.get(2).body());
        assertThat(body.getString("type")).isEqualTo(EventType.FORM_FAULT.type());
        assertThat(Instant.parse(body.getString("timestamp"))).isEqualTo(alert.at());
        assertThat(body.getString("data.alertId")).isEqualTo(alert.alertId());
        assertThat(body.getString("data.code")).isEqualTo("ROUNDED_BACK");
        assertThat(requests.get(2).header("content-type")).startsWith("application/json");

        Map<String, Object> delivery = api.awaitDeliveries(endpoint.id(), "succeeded", 1).get(0);
        assertThat(delivery.get("webhookId")).isEqualTo(requests.get(0).header("webhook-id"));
        JsonPath detail = api.delivery(endpoint.id(), (String) delivery.get("id"));
        assertThat(detail.getInt("attemptCount")).isEqualTo(3);
        assertThat(detail.getList("attempts.statusCode", Integer.class)).containsExactly(500, 503, 204);
        assertThat(detail.getList("attempts.outcome", String.class)).containsExactly("http_error", "http_error", "success");
        assertThat(detail.getInt("lastStatusCode")).isEqualTo(204);
        assertThat(detail.getLong("lastLatencyMs")).isNotNegative();
        assertThat(api.endpoint(endpoint.id()).getString("failingSince")).isNull();
    }

    @Test
    void givenAReceiverAnswering410_whenADeliveryArrives_thenTheEndpointIsDisabledAndTheClinicIsTold() {
        receiver.answering(Answer.status(410));
        WebhookApi.Endpoint endpoint = api.subscribe(receiver.url(), List.of());
        Alert alert = TestAlerts.redFlag(clinic, "w-410", "night_pain", Severity.WARNING);

        publish(EventType.JOURNAL_RED_FLAG, alert);

        await().atMost(Duration.ofSeconds(60)).until(() -> !api.endpoint(endpoint.id()).getBoolean("enabled"));
        assertThat(api.endpoint(endpoint.id()).getString("disabledReason")).contains("410");
        Map<String, Object> dead = api.awaitDeliveries(endpoint.id(), "dead_lettered", 1).get(0);
        assertThat((String) dead.get("deadLetterReason")).contains("410");
        JsonPath notices = given().auth().oauth2(TestTokens.forClinic(clinic).role(Roles.CLINIC_ADMIN).sign())
                .queryParam("type", AlertTypes.ENDPOINT_DISABLED)
                .when().get("/v1/alerts").then().statusCode(200).extract().jsonPath();
        assertThat(notices.getList("items.details.endpointId", String.class)).containsExactly(endpoint.id());
        assertThat(notices.getString("items[0].severity")).isEqualTo("warning");
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void givenAReceiverThatNeverSucceeds_whenTheScheduleRunsOut_thenTheDeliveryIsDeadLetteredAndVisibleAndCanBeReplayed()
            throws Exception {
        receiver.alwaysAnswering(500);
        WebhookApi.Endpoint endpoint = api.subscribe(receiver.url(), List.of(EventType.FORM_FAULT.type()));
        Alert alert = TestAlerts.formFault(clinic, TestAlerts.uniqueBelt(), AlertCodes.OVERUSE, null);

        publish(EventType.FORM_FAULT, alert);

        Map<String, Object> dead = api.awaitDeliveries(endpoint.id(), "dead_lettered", 1).get(0);
        // The test schedule has three pauses: four attempts, then the dead letter.
        assertThat(dead.get("attemptCount")).isEqualTo(4);
        assertThat((String) dead.get("deadLetterReason")).contains("4 attempts");
        assertThat(receiver.received()).hasSize(4);
        assertThat(api.endpoint(endpoint.id()).getBoolean("enabled")).isTrue();

        receiver.close();
        receiver = WebhookReceiver.start();
        given().auth().oauth2(api.token()).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "eventTypes", List.of(EventType.FORM_FAULT.type())))
                .when().put("/v1/webhooks/endpoints/" + endpoint.id()).then().statusCode(200);
        String replayId = given().auth().oauth2(api.token()).contentType(ContentType.JSON).body("{}")
                .when().post("/v1/webhooks/endpoints/" + endpoint.id() + "/deliveries/" + dead.get("id") + "/replay")
                .then().statusCode(202).extract().path("id");

        Received replayed = receiver.awaitRequests(1).get(0);
        assertThat(replayed.header("webhook-id")).isEqualTo(dead.get("webhookId"));
        new Webhook(endpoint.secret()).verify(replayed.body(), replayed.headers());
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "succeeded".equals(api.delivery(endpoint.id(), replayId).getString("status")));
        assertThat(api.delivery(endpoint.id(), replayId).getString("replayOf")).isEqualTo(dead.get("id"));
    }

    @Test
    void givenDeliveredAlerts_whenATimeRangeIsReplayed_thenEachIsSentAgainOnceWithItsWebhookId() {
        WebhookApi.Endpoint endpoint = api.subscribe(receiver.url(), List.of());
        Instant since = Instant.now().minusSeconds(1);
        String belt = TestAlerts.uniqueBelt();
        publish(EventType.FORM_FAULT, TestAlerts.formFault(clinic, belt, AlertCodes.HIGH_IMPACT, null));
        publish(EventType.FORM_FAULT, TestAlerts.formFault(clinic, belt, AlertCodes.BREATH_HOLD, null));
        api.awaitDeliveries(endpoint.id(), "succeeded", 2);
        List<String> firstIds = receiver.received().stream().map(r -> r.header("webhook-id")).toList();

        int replayed = given().auth().oauth2(api.token()).contentType(ContentType.JSON)
                .body(Map.of("since", since.toString(), "until", Instant.now().plusSeconds(1).toString()))
                .when().post("/v1/webhooks/endpoints/" + endpoint.id() + "/deliveries/replay")
                .then().statusCode(202).extract().path("replayed");

        assertThat(replayed).isEqualTo(2);
        List<Received> all = receiver.awaitRequests(4);
        assertThat(all.subList(2, 4)).extracting(r -> r.header("webhook-id")).containsExactlyInAnyOrderElementsOf(firstIds);
        given().auth().oauth2(api.token()).contentType(ContentType.JSON)
                .body(Map.of("since", Instant.now().toString(), "until", Instant.now().minusSeconds(60).toString()))
                .when().post("/v1/webhooks/endpoints/" + endpoint.id() + "/deliveries/replay")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void givenTheSameAlertEventTwice_whenConsumed_thenTheReceiverGetsOneDelivery() {
        WebhookApi.Endpoint endpoint = api.subscribe(receiver.url(), List.of());
        String belt = TestAlerts.uniqueBelt();
        Alert alert = TestAlerts.formFault(clinic, belt, AlertCodes.EXCESSIVE_ARCH, null);
        Alert marker = TestAlerts.formFault(clinic, belt, AlertCodes.SLUMPED_SITTING, null);

        publish(EventType.FORM_FAULT, alert);
        publish(EventType.FORM_FAULT, alert);
        publish(EventType.FORM_FAULT, marker);

        api.awaitDeliveries(endpoint.id(), "succeeded", 2);
        // The log is the queue: what is not in it is never sent.
        assertThat(api.deliveries(endpoint.id(), Map.of()).getList("items")).hasSize(2);
        assertThat(receiver.received()).filteredOn(r -> r.body().contains(alert.alertId())).hasSize(1);
    }

    @Test
    void givenARotatedSecret_whenDeliveredDuringTheOverlap_thenBothSecretsVerifyAndAfterARetirementOnlyTheNewOne()
            throws Exception {
        WebhookApi.Endpoint endpoint = api.subscribe(receiver.url(), List.of());
        String rotatedSecret = given().auth().oauth2(api.token()).contentType(ContentType.JSON).body("{\"overlap\":\"PT1H\"}")
                .when().post("/v1/webhooks/endpoints/" + endpoint.id() + "/rotate-secret")
                .then().statusCode(200).extract().path("secret");

        publish(EventType.FLEET_ALERT, new Alert(TestAlerts.uniqueId(), "BELT_SILENT", Severity.WARNING, clinic,
                TestAlerts.uniqueBelt(), null, null, Instant.now(), null, null, null, false, null, null, Map.of()));
        Received duringOverlap = receiver.awaitRequests(1).get(0);

        assertThat(duringOverlap.header("webhook-signature").split(" ")).hasSize(2);
        new Webhook(endpoint.secret()).verify(duringOverlap.body(), duringOverlap.headers());
        new Webhook(rotatedSecret).verify(duringOverlap.body(), duringOverlap.headers());

        String newest = given().auth().oauth2(api.token()).contentType(ContentType.JSON).body("{\"overlap\":\"PT0S\"}")
                .when().post("/v1/webhooks/endpoints/" + endpoint.id() + "/rotate-secret")
                .then().statusCode(200).extract().path("secret");
        publish(EventType.FLEET_ALERT, new Alert(TestAlerts.uniqueId(), "BELT_SILENT", Severity.WARNING, clinic,
                TestAlerts.uniqueBelt(), null, null, Instant.now(), null, null, null, false, null, null, Map.of()));
        Received afterRetirement = receiver.awaitRequests(2).get(1);

        assertThat(afterRetirement.header("webhook-signature").split(" ")).hasSize(1);
        new Webhook(newest).verify(afterRetirement.body(), afterRetirement.headers());
        assertThatThrownBy(() -> new Webhook(rotatedSecret).verify(afterRetirement.body(), afterRetirement.headers()))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void givenEndpointsFilteringTypes_whenAlertsOfSeveralTypesAndAStateChangeHappen_thenEachGetsOnlyItsTypes() {
        WebhookReceiver lifecycleReceiver = WebhookReceiver.start();
        try {
            api.subscribe(receiver.url(), List.of(EventType.JOURNAL_RED_FLAG.type()));
            api.subscribe(lifecycleReceiver.url(), List.of(EventType.ALERT_STATE_CHANGED.type()));
            Alert fault = TestAlerts.formFault(clinic, TestAlerts.uniqueBelt(), AlertCodes.ROUNDED_BACK, null);
            Alert redFlag = TestAlerts.redFlag(clinic, "w-filter", "fever", Severity.WARNING);

            publish(EventType.FORM_FAULT, fault);
            publish(EventType.JOURNAL_RED_FLAG, redFlag);
            Received only = receiver.awaitRequests(1).get(0);
            given().auth().oauth2(TestTokens.forClinic(clinic).role(Roles.CLINICIAN).subject("u-7").sign())
                    .contentType(ContentType.JSON).body("{\"note\":\"called\"}")
                    .when().post("/v1/alerts/" + fault.alertId() + "/acknowledge").then().statusCode(200);

            Received change = lifecycleReceiver.awaitRequests(1).get(0);
            assertThat(JsonPath.from(only.body()).getString("data.alertId")).isEqualTo(redFlag.alertId());
            JsonPath changed = JsonPath.from(change.body());
            assertThat(changed.getString("type")).isEqualTo(EventType.ALERT_STATE_CHANGED.type());
            assertThat(changed.getString("data.alertId")).isEqualTo(fault.alertId());
            assertThat(changed.getString("data.state")).isEqualTo("acknowledged");
            assertThat(changed.getString("data.changedBy")).isEqualTo("u-7");
            assertThat(lifecycleReceiver.received()).hasSize(1);
        } finally {
            lifecycleReceiver.close();
        }
    }

    @Test
    void givenEndpointsOfTwoClinics_whenAnAlertOfOneArrives_thenOnlyThatClinicsReceiverGetsIt() {
        WebhookReceiver otherReceiver = WebhookReceiver.start();
        try {
            String otherClinic = clinic + "-other";
            new WebhookApi(otherClinic).subscribe(otherReceiver.url(), List.of());
            api.subscribe(receiver.url(), List.of());
            Alert ofOther = TestAlerts.formFault(otherClinic, TestAlerts.uniqueBelt(), AlertCodes.HIGH_IMPACT, null);
            Alert ofThis = TestAlerts.formFault(clinic, TestAlerts.uniqueBelt(), AlertCodes.HIGH_IMPACT, null);

            publish(EventType.FORM_FAULT, ofOther);
            publish(EventType.FORM_FAULT, ofThis);

            assertThat(otherReceiver.awaitRequests(1).get(0).body()).contains(ofOther.alertId()).doesNotContain(ofThis.alertId());
            assertThat(receiver.awaitRequests(1).get(0).body()).contains(ofThis.alertId()).doesNotContain(ofOther.alertId());
        } finally {
            otherReceiver.close();
        }
    }

    private static void publish(EventType type, Alert alert) {
        kafka.publish(Topics.ALERTS, TestAlerts.keyOf(alert), TestAlerts.event(type, alert));
    }
}
