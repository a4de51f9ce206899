package io.spinestream.notification.erasure;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.erasure.ErasureEvents;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.AlertCodes;
import io.spinestream.events.payload.AlertStateChanged;
import io.spinestream.events.payload.ErasureCompleted;
import io.spinestream.events.payload.ErasureRequested;
import io.spinestream.events.payload.Severity;
import io.spinestream.events.topic.Topics;
import io.spinestream.notification.support.OutboxRelay;
import io.spinestream.notification.testkit.KafkaTestClient;
import io.spinestream.notification.testkit.SseClient;
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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Right to erasure, notification's part, on real PostgreSQL and Kafka: an erasure request produced to the
 * requests topic as the journal does removes everything notification holds of the wearer — alerts and their
 * history, unsent lifecycle events, the delivery log and the queue, digests being collected — and the receipt
 * on the receipts topic counts it. Whatever still arrives for the wearer is dropped.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class ErasureTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static KafkaTestClient kafka;

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/v1/feed")
    URI feed;

    private final List<WebhookReceiver> receivers = new ArrayList<>();
    private final List<Runnable> cleanups = new ArrayList<>();

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @AfterEach
    void cleanUp() {
        cleanups.forEach(Runnable::run);
        receivers.forEach(WebhookReceiver::close);
    }

    /**
     * A clinic's integrations: a receiver that answers 204, one that always fails (its deliveries are
     * dead-lettered after the test schedule), one that asks to come back in an hour (its deliveries stay
     * queued), and a digest endpoint that collects form faults for an hour.
     */
    private final class Clinic {
        final String id = "clinic-erasure-" + UUID.randomUUID().toString().substring(0, 8);
        final WebhookApi api = new WebhookApi(id);
        final WebhookReceiver okReceiver = receiver();
        final WebhookApi.Endpoint ok;
        final WebhookApi.Endpoint failing;
        final WebhookApi.Endpoint later;
        final WebhookApi.Endpoint digest;

        Clinic() {
            ok = subscribe(Map.of("url", okReceiver.url()));
            failing = subscribe(Map.of("url", receiver().alwaysAnswering(500).url()));
            Answer[] comeBackInAnHour = new Answer[200];
            java.util.Arrays.fill(comeBackInAnHour, Answer.retryAfter(503, "3600"));
            later = subscribe(Map.of("url", receiver().answering(comeBackInAnHour).url()));
            digest = subscribe(Map.of("url", receiver().url(), "eventTypes", List.of(EventType.FORM_FAULT.type()),
                    "digest", Map.of("enabled", true, "window", "PT1H")));
        }

        private WebhookApi.Endpoint subscribe(Map<String, Object> body) {
            WebhookApi.Endpoint endpoint = api.subscribe(body);
            cleanups.add(() -> given().auth().oauth2(api.token()).when().delete("/v1/webhooks/endpoints/" + endpoint.id()));
            return endpoint;
        }

        List<WebhookApi.Endpoint> endpoints() {
            return List.of(ok, failing, later, digest);
        }

        String clinician() {
            return TestTokens.forClinic(id).role(Roles.CLINICIAN).subject("u-physio-" + id).sign();
        }
    }

    /** A wearer's alerts in a clinic: a form fault of their belt in a session, and a journal red flag. */
    private record Wearer(String id, String belt, Alert fault, Alert redFlag) {
        List<String> alertIds() {
            return List.of(fault.alertId(), redFlag.alertId());
        }
    }

    private WebhookReceiver receiver() {
        WebhookReceiver receiver = WebhookReceiver.start();
        receivers.add(receiver);
        return receiver;
    }

    private static Wearer wearer(Clinic clinic) {
        String wearer = "w-" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        String belt = TestAlerts.uniqueBelt();
        Alert fault = TestAlerts.ofWearer(TestAlerts.formFault(clinic.id, belt, AlertCodes.ROUNDED_BACK,
                "session-" + UUID.randomUUID()), wearer);
        Alert redFlag = TestAlerts.redFlag(clinic.id, wearer, "night_pain", Severity.WARNING);
        return new Wearer(wearer, belt, fault, redFlag);
    }

    /** Publishes the wearer's alerts and waits until the clinic sees them. */
    private static void raise(Clinic clinic, Wearer wearer) {
        kafka.publish(Topics.ALERTS, wearer.belt(), TestAlerts.event(EventType.FORM_FAULT, wearer.fault()));
        kafka.publish(Topics.ALERTS, wearer.id(), TestAlerts.event(EventType.JOURNAL_RED_FLAG, wearer.redFlag()));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() ->
                alerts(clinic, Map.of("wearerId", wearer.id())).size() == 2);
    }

    private static List<String> alerts(Clinic clinic, Map<String, ?> query) {
        return given().auth().oauth2(clinic.clinician()).queryParams(query)
                .when().get("/v1/alerts").then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }

    private static void acknowledge(Clinic clinic, String alertId, int expectedStatus) {
        given().auth().oauth2(clinic.clinician()).contentType(ContentType.JSON)
                .body(Map.of("note", "Talked it through with the wearer: pain at night since the weekend"))
                .when().post("/v1/alerts/" + alertId + "/acknowledge").then().statusCode(expectedStatus);
    }

    /** The ids of the endpoint's deliveries (from its log) whose payload names one of {@code needles}. */
    private static Set<String> deliveriesNaming(Clinic clinic, WebhookApi.Endpoint endpoint, Collection<String> needles) {
        Set<String> found = new HashSet<>();
        for (String id : clinic.api.deliveries(endpoint.id(), Map.of("limit", 200)).getList("items.id", String.class)) {
            String body = clinic.api.delivery(endpoint.id(), id).getString("body");
            if (needles.stream().anyMatch(body::contains)) {
                found.add(id);
            }
        }
        return found;
    }

    private static List<String> deliveryIds(Clinic clinic, WebhookApi.Endpoint endpoint) {
        return clinic.api.deliveries(endpoint.id(), Map.of("limit", 200)).getList("items.id", String.class);
    }

    /**
     * Until every delivery has settled where the clinic's receivers put it: 3 per wearer succeeded, dead-lettered
     * (after the test schedule's 4 attempts) and queued for an hour (after 1 attempt).
     */
    private static void awaitSettled(Clinic clinic, int perEndpoint) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
                clinic.api.deliveries(clinic.ok.id(), Map.of("status", "succeeded")).getList("items").size() == perEndpoint
                        && clinic.api.deliveries(clinic.failing.id(), Map.of("status", "dead_lettered")).getList("items")
                        .size() == perEndpoint
                        && clinic.api.deliveries(clinic.later.id(), Map.of()).getList("items.attemptCount", Integer.class)
                        .stream().filter(n -> n == 1).count() == perEndpoint);
    }

    private static String erasureId() {
        return "er-" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }

    /** The erasure request exactly as the journal publishes it (keyed by the wearer). */
    private static Event<ErasureRequested> request(String erasureId, String clinic, String wearer) {
        return ErasureEvents.requested(new ErasureRequested(erasureId, clinic, wearer,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }

    /** Every receipt of the erasure on the receipts topic, read with a consumer of its own, once {@code count} are. */
    private static List<Event<?>> receipts(String erasureId, int count) {
        List<Event<?>> found = kafka.read(Topics.ERASURE_RECEIPTS, event -> erasureId.equals(event.subject()), count, WAIT);
        assertThat(found).as("receipts of " + erasureId).hasSize(count);
        return found;
    }

    private long count(String sql, Object... params) throws Exception {
        try (Connection connection = dataSource.getConnection(); var query = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                query.setObject(i + 1, params[i]);
            }
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private List<String> tables() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             var query = connection.prepareStatement("SELECT table_name FROM information_schema.tables"
                     + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
             var rows = query.executeQuery()) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    /** Rows of any table, but those listed, whose text (every column) contains {@code text}: by table. */
    private Map<String, Long> rowsMentioning(String text, Set<String> except) throws Exception {
        Map<String, Long> found = new HashMap<>();
        for (String table : tables()) {
            if (!except.contains(table)) {
                long n = count("SELECT count(*) FROM \"" + table + "\" t WHERE strpos(CAST(t AS text), ?) > 0", text);
                if (n > 0) {
                    found.put(table, n);
                }
            }
        }
        return found;
    }

    /** What notification holds of a wearer, by kind, counted in its tables. */
    private Map<String, Long> heldOf(Clinic clinic, Wearer wearer) throws Exception {
        String[] alerts = wearer.alertIds().toArray(String[]::new);
        return Map.of(
                "alerts", count("SELECT count(*) FROM alert WHERE clinic_id = ? AND wearer_id = ?", clinic.id, wearer.id()),
                "alert_state_changes", count("SELECT count(*) FROM alert_state_change WHERE alert_id IN (?, ?)", (Object[]) alerts),
                "outbox_events", count("SELECT count(*) FROM event_outbox WHERE record_key IN (?, ?)", (Object[]) alerts),
                "webhook_deliveries", count("SELECT count(*) FROM webhook_delivery WHERE clinic_id = ? AND wearer_id = ?",
                        clinic.id, wearer.id()),
                "webhook_attempts", count("SELECT count(*) FROM webhook_attempt WHERE delivery_id IN (SELECT id FROM"
                        + " webhook_delivery WHERE clinic_id = ? AND wearer_id = ?)", clinic.id, wearer.id()),
                "webhook_digest_items", count("SELECT count(*) FROM webhook_digest_item WHERE clinic_id = ? AND wearer_id = ?",
                        clinic.id, wearer.id()));
    }

    /** Holds the outbox relay's lock, as a relaying instance would: lifecycle events stay in the outbox meanwhile. */
    private final class RelayHeld implements AutoCloseable {
        private final Connection connection;

        RelayHeld() throws Exception {
            connection = dataSource.getConnection();
            try (var lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, OutboxRelay.RELAY_LOCK);
                lock.execute();
            }
        }

        @Override
        public void close() throws Exception {
            try (var unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, OutboxRelay.RELAY_LOCK);
                unlock.execute();
            } finally {
                connection.close();
            }
        }
    }

    private static double metric(String name, String outcome) {
        String metrics = RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^" + name + "\\{[^}]*outcome=\"" + outcome + "\"[^}]*} (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void givenAWearerWithAlertsAndDeliveries_whenTheErasureRequestArrives_thenNothingOfThemIsLeftAndTheReceiptCountsIt()
            throws Exception {
        Clinic clinic = new Clinic();
        Wearer erased = wearer(clinic);
        Wearer other = wearer(clinic);
        Instant since = Instant.now().minusSeconds(1);
        raise(clinic, erased);
        raise(clinic, other);
        String erasureId = erasureId();
        Event<?> receipt;
        Map<String, Long> otherBefore;
        Map<String, Long> otherAfter;
        Map<String, String> erasedDeliveries = new HashMap<>();
        Map<String, List<String>> otherDeliveries = new HashMap<>();
        try (RelayHeld relay = new RelayHeld()) {
            acknowledge(clinic, erased.redFlag().alertId(), 200);
            acknowledge(clinic, other.redFlag().alertId(), 200);
            awaitSettled(clinic, 6);
            for (WebhookApi.Endpoint endpoint : clinic.endpoints()) {
                deliveriesNaming(clinic, endpoint, erased.alertIds()).forEach(id -> erasedDeliveries.put(id, endpoint.id()));
                otherDeliveries.put(endpoint.id(), deliveryIds(clinic, endpoint).stream()
                        .filter(id -> !erasedDeliveries.containsKey(id)).toList());
            }
            // Fault, red flag and the red flag's acknowledgement, to each of the three non-digest endpoints.
            assertThat(erasedDeliveries).hasSize(9);
            otherBefore = heldOf(clinic, other);
            assertThat(heldOf(clinic, erased)).as("what the erasure will find").containsAllEntriesOf(Map.of(
                    "alerts", 2L, "outbox_events", 1L, "webhook_digest_items", 1L));

            kafka.publish(Topics.ERASURE_REQUESTS, erased.id(), request(erasureId, clinic.id, erased.id()));

            receipt = receipts(erasureId, 1).get(0);
            otherAfter = heldOf(clinic, other);
        }

        // The receipt, as the journal will record it: notification's, with what it removed by kind.
        assertThat(receipt.id()).isEqualTo(ErasureEvents.completedId(erasureId, Topics.NOTIFICATION));
        assertThat(receipt.type()).isEqualTo(EventType.ERASURE_COMPLETED);
        assertThat(receipt.source()).isEqualTo(EventSources.NOTIFICATION);
        assertThat(receipt.clinicId()).isEqualTo(clinic.id);
        ErasureCompleted completed = receipt.dataAs(ErasureCompleted.class);
        assertThat(completed.erasureId()).isEqualTo(erasureId);
        assertThat(completed.service()).isEqualTo(Topics.NOTIFICATION);
        assertThat(completed.removed()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "alerts", 2L,
                "alert_state_changes", 1L,
                // the acknowledgement, held in the outbox while the relay was busy: it never goes out now
                "outbox_events", 1L,
                // succeeded (ok endpoint) and dead-lettered (failing endpoint): 3 each
                "webhook_deliveries", 6L,
                // queued for a retry in an hour: cancelled
                "cancelled_webhook_deliveries", 3L,
                // 1 per succeeded, 4 per dead-lettered, 1 per queued delivery
                "webhook_attempts", 18L,
                "webhook_digest_items", 1L));

        // Nothing in any table names the wearer, their alerts or their deliveries; only the erasure record
        // keeps the wearer's id (and the processed-event ids, the alerts' ids: ids only, against replays).
        assertThat(rowsMentioning(erased.id(), Set.of("erasure"))).isEmpty();
        for (String id : erased.alertIds()) {
            assertThat(rowsMentioning(id, Set.of("processed_event"))).as(id).isEmpty();
        }
        for (String id : erasedDeliveries.keySet()) {
            assertThat(rowsMentioning(id, Set.of())).as(id).isEmpty();
        }
        // The other wearer of the clinic keeps everything.
        assertThat(otherAfter).isEqualTo(otherBefore);

        // Every API answers as if the wearer had never been there.
        assertThat(alerts(clinic, Map.of("wearerId", erased.id()))).isEmpty();
        assertThat(alerts(clinic, Map.of())).containsExactlyInAnyOrderElementsOf(other.alertIds());
        for (String alertId : erased.alertIds()) {
            given().auth().oauth2(clinic.clinician()).when().get("/v1/alerts/" + alertId)
                    .then().statusCode(404).contentType("application/problem+json");
        }
        acknowledge(clinic, erased.fault().alertId(), 404);
        for (WebhookApi.Endpoint endpoint : clinic.endpoints()) {
            assertThat(deliveryIds(clinic, endpoint)).as(endpoint.id())
                    .containsExactlyInAnyOrderElementsOf(otherDeliveries.get(endpoint.id()));
        }
        erasedDeliveries.forEach((deliveryId, endpointId) -> {
            String delivery = "/v1/webhooks/endpoints/" + endpointId + "/deliveries/" + deliveryId;
            given().auth().oauth2(clinic.api.token()).when().get(delivery)
                    .then().statusCode(404).contentType("application/problem+json");
            given().auth().oauth2(clinic.api.token()).contentType(ContentType.JSON).body("{}")
                    .when().post(delivery + "/replay").then().statusCode(404);
        });
        // The other wearer's queued deliveries are still queued.
        assertThat(clinic.api.deliveries(clinic.later.id(), Map.of()).getList("items.status", String.class))
                .hasSize(3).containsOnly("pending");

        // A replay of everything the healthy receiver got sends the other wearer's messages only.
        int before = clinic.okReceiver.received().size();
        int replayed = given().auth().oauth2(clinic.api.token()).contentType(ContentType.JSON)
                .body(Map.of("since", since.toString(), "until", Instant.now().plusSeconds(1).toString()))
                .when().post("/v1/webhooks/endpoints/" + clinic.ok.id() + "/deliveries/replay")
                .then().statusCode(202).extract().path("replayed");
        assertThat(replayed).isEqualTo(3);
        List<Received> replays = clinic.okReceiver.awaitRequests(before + 3).subList(before, before + 3);
        assertThat(replays).allSatisfy(r -> {
            assertThat(r.body()).doesNotContain(erased.id());
            erased.alertIds().forEach(id -> assertThat(r.body()).doesNotContain(id));
        });

        // The relay, free again, publishes the other wearer's acknowledgement; the erased one's never goes out.
        List<Event<?>> lifecycle = kafka.read(Topics.ALERT_LIFECYCLE, e -> e.data() instanceof AlertStateChanged change
                && (change.alertId().equals(other.redFlag().alertId()) || change.alertId().equals(erased.redFlag().alertId())),
                1, WAIT);
        assertThat(lifecycle).extracting(e -> ((AlertStateChanged) e.data()).alertId())
                .containsExactly(other.redFlag().alertId());
    }

    @Test
    void givenAnErasureCarriedOut_whenItsRequestIsReadAgain_thenTheSameReceiptGoesOutAndNothingElseIsDeleted() throws Exception {
        Clinic clinic = new Clinic();
        Wearer erased = wearer(clinic);
        Wearer other = wearer(clinic);
        raise(clinic, erased);
        raise(clinic, other);
        awaitSettled(clinic, 4);
        String erasureId = erasureId();
        Event<ErasureRequested> request = request(erasureId, clinic.id, erased.id());
        kafka.publish(Topics.ERASURE_REQUESTS, erased.id(), request);
        Event<?> first = receipts(erasureId, 1).get(0);
        Map<String, Long> otherBefore = heldOf(clinic, other);
        // A row of the wearer that reappeared (e.g. restored by hand): a repeated request removes it, uncounted.
        try (Connection connection = dataSource.getConnection();
             var insert = connection.prepareStatement("INSERT INTO alert (id, clinic_id, event_type, code, severity,"
                     + " wearer_id, raised_at) VALUES (?, ?, ?, 'night_pain', 'warning', ?, ?)")) {
            insert.setString(1, TestAlerts.uniqueId());
            insert.setString(2, clinic.id);
            insert.setString(3, EventType.JOURNAL_RED_FLAG.type());
            insert.setString(4, erased.id());
            insert.setTimestamp(5, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }

        kafka.publish(Topics.ERASURE_REQUESTS, erased.id(), request);

        List<Event<?>> both = receipts(erasureId, 2);
        Event<?> again = both.get(1);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.time()).isEqualTo(first.time());
        assertThat(again.dataAs(ErasureCompleted.class)).isEqualTo(first.dataAs(ErasureCompleted.class));
        assertThat(first.dataAs(ErasureCompleted.class).removed()).containsEntry("alerts", 2L)
                .containsEntry("webhook_deliveries", 4L).containsEntry("cancelled_webhook_deliveries", 2L);
        assertThat(count("SELECT count(*) FROM alert WHERE wearer_id = ?", erased.id())).isZero();
        assertThat(heldOf(clinic, other)).isEqualTo(otherBefore);
        assertThat(alerts(clinic, Map.of())).containsExactlyInAnyOrderElementsOf(other.alertIds());
        assertThat(count("SELECT count(*) FROM erasure WHERE id = ?", erasureId)).isOne();
    }

    @Test
    void givenAnErasedWearer_whenTheirAlertsArriveLate_thenNoneIsStoredDeliveredOrShownOnTheFeed() throws Exception {
        Clinic clinic = new Clinic();
        Wearer erased = wearer(clinic);
        String erasureId = erasureId();
        kafka.publish(Topics.ERASURE_REQUESTS, erased.id(), request(erasureId, clinic.id, erased.id()));
        // Held nothing here yet: every kind checked, none found.
        assertThat(receipts(erasureId, 1).get(0).dataAs(ErasureCompleted.class).removed().values()).isNotEmpty()
                .containsOnly(0L);
        double droppedBefore = metric("notification_alerts_received_total", "erased_wearer");
        // The belt is someone else's now: their alert comes after the late one on the belt's partition.
        Wearer next = wearer(clinic);
        Alert marker = TestAlerts.ofWearer(TestAlerts.formFault(clinic.id, erased.belt(), AlertCodes.HIGH_IMPACT, null),
                next.id());

        try (SseClient dashboard = SseClient.subscribe(feed, TestTokens.bearer(Roles.CLINICIAN, clinic.id))) {
            RecordMetadata lateFault = kafka.publish(Topics.ALERTS, erased.belt(),
                    TestAlerts.event(EventType.FORM_FAULT, erased.fault()));
            RecordMetadata lateRedFlag = kafka.publish(Topics.ALERTS, erased.id(),
                    TestAlerts.event(EventType.JOURNAL_RED_FLAG, erased.redFlag()));
            kafka.publish(Topics.ALERTS, erased.belt(), TestAlerts.event(EventType.FORM_FAULT, marker));

            await().atMost(WAIT).until(() -> dashboard.events().stream().anyMatch(e -> e.data().contains(marker.alertId())));
            kafka.awaitConsumed("notification-alerts", lateFault, WAIT);
            kafka.awaitConsumed("notification-alerts", lateRedFlag, WAIT);
            clinic.api.awaitDeliveries(clinic.ok.id(), "succeeded", 1);

            assertThat(dashboard.events()).noneSatisfy(e -> assertThat(e.data()).contains(erased.id()));
        }
        assertThat(alerts(clinic, Map.of())).containsExactly(marker.alertId());
        assertThat(rowsMentioning(erased.id(), Set.of("erasure"))).isEmpty();
        for (WebhookApi.Endpoint endpoint : clinic.endpoints()) {
            assertThat(deliveriesNaming(clinic, endpoint, List.of(erased.id()))).as(endpoint.id()).isEmpty();
        }
        assertThat(clinic.okReceiver.received()).noneSatisfy(r -> assertThat(r.body()).contains(erased.id()));
        assertThat(metric("notification_alerts_received_total", "erased_wearer")).isEqualTo(droppedBefore + 2);
    }

    @Test
    void givenAnotherClinicsErasureOfTheSameWearerId_whenRead_thenThisClinicsWearerKeepsEverything() throws Exception {
        Clinic clinic = new Clinic();
        Wearer wearer = wearer(clinic);
        raise(clinic, wearer);
        awaitSettled(clinic, 2);
        Map<String, Long> before = heldOf(clinic, wearer);
        String elsewhere = "clinic-other-" + UUID.randomUUID().toString().substring(0, 8);
        String erasureId = erasureId();

        kafka.publish(Topics.ERASURE_REQUESTS, wearer.id(), request(erasureId, elsewhere, wearer.id()));

        Event<?> receipt = receipts(erasureId, 1).get(0);
        assertThat(receipt.clinicId()).isEqualTo(elsewhere);
        assertThat(receipt.dataAs(ErasureCompleted.class).removed().values()).containsOnly(0L);
        assertThat(heldOf(clinic, wearer)).isEqualTo(before);
        // Not erased in this clinic: their next alert is recorded as ever.
        Alert next = TestAlerts.ofWearer(TestAlerts.formFault(clinic.id, wearer.belt(), AlertCodes.OVERUSE, null), wearer.id());
        kafka.publish(Topics.ALERTS, wearer.belt(), TestAlerts.event(EventType.FORM_FAULT, next));
        await().atMost(WAIT).until(() -> alerts(clinic, Map.of("wearerId", wearer.id())).contains(next.alertId()));
    }

    @Test
    void givenTheSchema_whenLookingForTablesThatHoldAWearersData_thenTheEraserCoversEveryOne() throws Exception {
        // Tables that hold nothing of a wearer, and why. A new table must be erased or listed here.
        Map<String, String> keptOnPurpose = Map.of(
                "erasure", "the erased wearers: ids, counts and times, to drop late data and answer a repeat",
                "processed_event", "event ids already handled (random or hashed), to drop redeliveries",
                "webhook_endpoint", "the clinic's receivers: URLs, secrets, settings",
                "flyway_schema_history", "migrations applied");
        List<String> tables = tables();
        Set<String> wearerColumns = new HashSet<>();
        List<String[]> foreignKeys = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (var query = connection.prepareStatement("SELECT table_name FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND column_name LIKE '%wearer%'");
                 var rows = query.executeQuery()) {
                while (rows.next()) {
                    wearerColumns.add(rows.getString(1));
                }
            }
            try (var query = connection.prepareStatement("SELECT c.conrelid::regclass::text, c.confrelid::regclass::text"
                    + " FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace");
                 var rows = query.executeQuery()) {
                while (rows.next()) {
                    foreignKeys.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
        }

        assertThat(tables).isNotEmpty().allSatisfy(table -> assertThat(WearerDataEraser.TABLES.contains(table)
                || keptOnPurpose.containsKey(table)).as(table + " is neither erased nor kept on purpose").isTrue());
        assertThat(tables).containsAll(WearerDataEraser.TABLES);
        wearerColumns.remove("erasure");
        assertThat(WearerDataEraser.TABLES).containsAll(wearerColumns);
        // A row hanging off an erased row is the wearer's too (a state change of their alert, an attempt of their delivery).
        assertThat(foreignKeys).isNotEmpty().allSatisfy(key -> {
            if (WearerDataEraser.TABLES.contains(key[1])) {
                assertThat(WearerDataEraser.TABLES).as(key[0] + " references " + key[1]).contains(key[0]);
            }
        });
    }
}
