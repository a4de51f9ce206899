package io.spinestream.notification.webhook;

import com.standardwebhooks.Webhook;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.spinestream.events.EventType;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.AlertCodes;
import io.spinestream.events.payload.Severity;
import io.spinestream.events.topic.Topics;
import io.spinestream.notification.alert.AlertTypes;
import io.spinestream.notification.testkit.KafkaTestClient;
import io.spinestream.notification.testkit.MutableClock;
import io.spinestream.notification.testkit.TestAlerts;
import io.spinestream.notification.testkit.WebhookApi;
import io.spinestream.notification.testkit.WebhookReceiver;
import io.spinestream.notification.testkit.WebhookReceiver.Answer;
import io.spinestream.notification.testkit.WebhookReceiver.Received;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
import static org.awaitility.Awaitility.await;

/**
 * The delivery queue lives in PostgreSQL only: dispatchers are created and dropped here as
 * instances start, crash and restart, each with a clock the test moves, so every step of a
 * multi-day schedule is checked without waiting for it.
 */
@QuarkusTest
@TestProfile(ManualDispatchProfile.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class DurableDispatchTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaTestClient kafka;

    @Inject
    DeliveryScheduler scheduler;

    @Inject
    DeliveryLogRetention retention;

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
        clinic = "clinic-durable-" + UUID.randomUUID().toString().substring(0, 8);
        api = new WebhookApi(clinic);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void givenAFailedFirstAttempt_whenTheDispatcherIsReplacedByAFreshOne_thenTheRetryComesOnScheduleWithTheSameWebhookId()
            throws Exception {
        receiver.answering(Answer.status(503));
        WebhookApi.Endpoint endpoint = api.subscribe(receiver.url(), List.of());
        String deliveryId = enqueueAlert();
        MutableClock clock = MutableClock.startingNow();

        runToCompletion(scheduler.newWorker("before-restart", clock));
        JsonPath afterFirst = api.delivery(endpoint.id(), deliveryId);

        assertThat(receiver.received()).hasSize(1);
        assertThat(afterFirst.getString("status")).isEqualTo("pending");
        assertThat(afterFirst.getInt("attemptCount")).isEqualTo(1);
        // First pause 1 min, jitter ±20 %.
        assertThat(Duration.between(clock.instant(), Instant.parse(afterFirst.getString("nextAttemptAt"))))
                .isBetween(Duration.ofSeconds(47), Duration.ofSeconds(73));

        // The instance is gone; a new one starts with nothing but the database.
        runToCompletion(scheduler.newWorker("after-restart", new MutableClock(clock.instant().plusSeconds(10))));
        assertThat(receiver.received()).as("not due yet").hasSize(1);
        assertThat(api.delivery(endpoint.id(), deliveryId).getInt("attemptCount")).isEqualTo(1);
        runToCompletion(scheduler.newWorker("after-restart", new MutableClock(clock.instant().plus(Duration.ofMinutes(2)))));

        List<Received> requests = receiver.received();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).header("webhook-id")).isEqualTo(requests.get(0).header("webhook-id"));
        new Webhook(endpoint.secret()).verify(requests.get(1).body(), requests.get(1).headers());
        JsonPath done = api.delivery(endpoint.id(), deliveryId);
        assertThat(done.getString("status")).isEqualTo("succeeded");
        assertThat(done.getList("attempts.statusCode", Integer.class)).containsExactly(503, 204);
    }

    @Test
    void givenADispatcherThatDiedMidAttempt_whenItsLeaseRunsOut_thenAnotherDeliversItWithTheSameWebhookId() {
        receiver.answering(Answer.hanging());
        WebhookApi.Endpoint endpoint = api.subscribe(receiver.url(), List.of());
        String deliveryId = enqueueAlert();
        MutableClock clock = MutableClock.startingNow();

        DeliveryWorker dying = scheduler.newWorker("dying", clock);
        DeliveryWorker.Pass stuck = dying.runOnce().await().atMost(WAIT);
        receiver.awaitRequests(1);

        runToCompletion(scheduler.newWorker("other", new MutableClock(clock.instant().plusSeconds(5))));
        assertThat(receiver.received()).as("the lease still holds").hasSize(1);
        runToCompletion(scheduler.newWorker("other", new MutableClock(clock.instant().plusSeconds(31))));

        List<Received> requests = receiver.received();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).header("webhook-id")).isEqualTo(requests.get(0).header("webhook-id"));
        // The dead instance's attempt ends eventually (timeout); it must not overwrite what the other recorded.
        stuck.completion().await().atMost(WAIT);
        JsonPath done = api.delivery(endpoint.id(), deliveryId);
        assertThat(done.getString("status")).isEqualTo("succeeded");
        assertThat(done.getList("attempts.outcome", String.class)).containsExactly("success");
    }

    @Test
    void givenAReceiverAnswering429WithRetryAfter_whenRetried_thenNotBeforeTheTimeItAskedFor() {
        receiver.answering(Answer.retryAfter(429, "120"));
        WebhookApi.Endpoint endpoint = api.subscribe(receiver.url(), List.of());
        String deliveryId = enqueueAlert();
        MutableClock clock = MutableClock.startingNow();

        runToCompletion(scheduler.newWorker("w", clock));
        JsonPath afterFirst = api.delivery(endpoint.id(), deliveryId);

        assertThat(afterFirst.getInt("lastStatusCode")).isEqualTo(429);
        // 120 s asked for outweighs the 1 min (±20 %) pause of the schedule.
        assertThat(Instant.parse(afterFirst.getString("nextAttemptAt"))).isEqualTo(clock.instant().plusSeconds(120));
        runToCompletion(scheduler.newWorker("w", new MutableClock(clock.instant().plusSeconds(100))));
        assertThat(receiver.received()).as("asked to wait 120 s").hasSize(1);
        runToCompletion(scheduler.newWorker("w", new MutableClock(clock.instant().plusSeconds(120))));
        assertThat(receiver.received()).hasSize(2);
        assertThat(api.delivery(endpoint.id(), deliveryId).getString("status")).isEqualTo("succeeded");
    }

    @Test
    void givenAReceiverAnswering503WithAnHttpDate_whenRetried_thenNotBeforeThatDate() {
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(Instant.now().plus(Duration.ofMinutes(10)).atZone(java.time.ZoneOffset.UTC));
        receiver.answering(Answer.retryAfter(503, date));
        WebhookApi.Endpoint endpoint = api.subscribe(receiver.url(), List.of());
        String deliveryId = enqueueAlert();
        MutableClock clock = MutableClock.startingNow();

        runToCompletion(scheduler.newWorker("w", clock));

        Instant next = Instant.parse(api.delivery(endpoint.id(), deliveryId).getString("nextAttemptAt"));
        assertThat(Duration.between(clock.instant(), next)).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(11));
    }

    @Test
    void givenAnEndpointFailingLongerThanAllowed_whenItFailsAgain_thenItIsDisabledItsQueueDeadLetteredAndTheClinicTold() {
        receiver.alwaysAnswering(500);
        WebhookApi.Endpoint endpoint = api.subscribe(receiver.url(), List.of(EventType.FORM_FAULT.type()));
        enqueueAlert();
        Instant t0 = MutableClock.startingNow().instant();

        runToCompletion(scheduler.newWorker("w", new MutableClock(t0)));
        assertThat(Instant.parse(api.endpoint(endpoint.id()).getString("failingSince"))).isEqualTo(t0);
        runToCompletion(scheduler.newWorker("w", new MutableClock(t0.plus(Duration.ofMinutes(2)))));
        runToCompletion(scheduler.newWorker("w", new MutableClock(t0.plus(Duration.ofMinutes(10)))));
        assertThat(api.endpoint(endpoint.id()).getBoolean("enabled")).as("failing for 10 min of the 1 h allowed").isTrue();
        String second = enqueueAlert();
        runToCompletion(scheduler.newWorker("w", new MutableClock(t0.plus(Duration.ofMinutes(90)))));

        JsonPath after = api.endpoint(endpoint.id());
        assertThat(after.getBoolean("enabled")).isFalse();
        assertThat(after.getString("disabledReason")).contains("failed since");
        assertThat(receiver.received()).hasSizeGreaterThanOrEqualTo(4);
        List<Map<String, Object>> dead = api.deliveries(endpoint.id(), Map.of("status", "dead_lettered")).getList("items");
        assertThat(dead).extracting(d -> d.get("id")).contains(second);
        JsonPath notices = given().auth().oauth2(TestTokens.forClinic(clinic).role(Roles.CLINICIAN).sign())
                .queryParam("type", AlertTypes.ENDPOINT_DISABLED)
                .when().get("/v1/alerts").then().statusCode(200).extract().jsonPath();
        assertThat(notices.getList("items.details.endpointId", String.class)).containsExactly(endpoint.id());
        assertThat(notices.getString("items[0].reason")).contains(endpoint.id());
    }

    @Test
    void givenADigestEndpoint_whenFaultsOfASessionArrive_thenCriticalGoesAtOnceAndTheRestAsOneDigestAfterTheWindow()
            throws Exception {
        WebhookApi.Endpoint endpoint = api.subscribe(Map.of("url", receiver.url(),
                "eventTypes", List.of(EventType.FORM_FAULT.type()),
                "digest", Map.of("enabled", true, "window", "PT10M")));
        String belt = TestAlerts.uniqueBelt();
        String session = "session-" + UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Alert first = TestAlerts.raisedAt(TestAlerts.formFault(clinic, belt, AlertCodes.ROUNDED_BACK, session), start);
        Alert second = TestAlerts.raisedAt(TestAlerts.formFault(clinic, belt, AlertCodes.ROUNDED_BACK, session),
                start.plusMillis(700));
        Alert critical = TestAlerts.withSeverity(TestAlerts.raisedAt(
                TestAlerts.formFault(clinic, belt, AlertCodes.HIGH_IMPACT, session), start.plusMillis(900)), Severity.CRITICAL);
        Alert third = TestAlerts.raisedAt(TestAlerts.formFault(clinic, belt, AlertCodes.TWIST_UNDER_LOAD, session),
                start.plusMillis(1500));
        for (Alert alert : List.of(first, second, critical, third)) {
            kafka.publish(Topics.ALERTS, belt, TestAlerts.event(EventType.FORM_FAULT, alert));
        }
        awaitAlerts(4);

        runToCompletion(scheduler.newWorker("w", MutableClock.startingNow()));
        List<Received> atOnce = receiver.received();
        assertThat(atOnce).hasSize(1);
        assertThat(JsonPath.from(atOnce.get(0).body()).getString("data.alertId")).isEqualTo(critical.alertId());

        runToCompletion(scheduler.newWorker("w", new MutableClock(Instant.now().plus(Duration.ofMinutes(11)))));

        List<Received> all = receiver.received();
        assertThat(all).hasSize(2);
        Received digest = all.get(1);
        new Webhook(endpoint.secret()).verify(digest.body(), digest.headers());
        JsonPath body = JsonPath.from(digest.body());
        assertThat(body.getString("type")).isEqualTo(WebhookEventTypes.FORM_FAULT_DIGEST);
        assertThat(body.getString("data.sessionId")).isEqualTo(session);
        assertThat(body.getString("data.beltId")).isEqualTo(belt);
        assertThat(body.getInt("data.count")).isEqualTo(3);
        assertThat(body.getList("data.alerts.alertId", String.class))
                .containsExactly(first.alertId(), second.alertId(), third.alertId());
    }

    @Test
    void givenFinishedAndPendingDeliveries_whenTheLogsRetentionHasPassed_thenOnlyTheFinishedOnesAreDeleted() {
        WebhookApi.Endpoint endpoint = api.subscribe(receiver.url(), List.of());
        String finished = enqueueAlert();
        runToCompletion(scheduler.newWorker("w", MutableClock.startingNow()));
        String pending = enqueueAlert();

        retention.pruneBefore(Instant.now().plus(Duration.ofDays(1))).await().atMost(WAIT);

        given().auth().oauth2(api.token()).when().get("/v1/webhooks/endpoints/" + endpoint.id() + "/deliveries/" + finished)
                .then().statusCode(404);
        assertThat(api.delivery(endpoint.id(), pending).getString("status")).isEqualTo("pending");
    }

    /** Publishes an alert for the clinic and waits until its delivery is queued; returns the delivery id. */
    private String enqueueAlert() {
        List<String> before = api.deliveries(endpointIdOf(), Map.of()).getList("items.id", String.class);
        Alert alert = TestAlerts.formFault(clinic, TestAlerts.uniqueBelt(), AlertCodes.OVERUSE, null);
        kafka.publish(Topics.ALERTS, alert.beltId(), TestAlerts.event(EventType.FORM_FAULT, alert));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() ->
                api.deliveries(endpointIdOf(), Map.of()).getList("items.id", String.class).size() > before.size());
        return api.deliveries(endpointIdOf(), Map.of()).getList("items.id", String.class).stream()
                .filter(id -> !before.contains(id)).findFirst().orElseThrow();
    }

    private String endpointIdOf() {
        return given().auth().oauth2(api.token()).when().get("/v1/webhooks/endpoints")
                .then().statusCode(200).extract().jsonPath().getString("[0].id");
    }

    private void awaitAlerts(int count) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() ->
                given().auth().oauth2(TestTokens.forClinic(clinic).role(Roles.CLINICIAN).sign())
                        .when().get("/v1/alerts").then().extract().jsonPath().getList("items").size() >= count);
    }

    /** One pass of the worker (over every test's deliveries that are due), waiting for its attempts to be recorded. */
    private static void runToCompletion(DeliveryWorker worker) {
        DeliveryWorker.Pass pass = worker.runOnce().await().atMost(WAIT);
        pass.completion().await().atMost(WAIT);
    }
}
