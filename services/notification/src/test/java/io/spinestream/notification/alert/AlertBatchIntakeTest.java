package io.spinestream.notification.alert;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.erasure.ErasureEvents;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.AlertCodes;
import io.spinestream.events.payload.ErasureRequested;
import io.spinestream.events.topic.Topics;
import io.spinestream.notification.testkit.KafkaTestClient;
import io.spinestream.notification.testkit.TestAlerts;
import io.spinestream.notification.testkit.WebhookApi;
import io.spinestream.notification.testkit.WebhookReceiver;
import io.spinestream.notification.testkit.WebhookReceiver.Received;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.Sql;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alerts published together are taken in a poll at a time: each is recorded once and sent once,
 * whatever else is in its batch (duplicates, a value the database refuses, an erased wearer) and
 * even when the database goes away for a moment.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class AlertBatchIntakeTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String GROUP = "notification-alerts";
    private static KafkaTestClient kafka;

    @Inject
    AgroalDataSource dataSource;

    private String clinic;
    private WebhookReceiver receiver;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @BeforeEach
    void newClinicWithAnEndpoint() {
        clinic = "clinic-batch-" + UUID.randomUUID().toString().substring(0, 8);
        receiver = WebhookReceiver.start();
        new WebhookApi(clinic).subscribe(receiver.url(), List.of());
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void givenManyAlertsPublishedAtOnce_whenConsumed_thenEachIsRecordedOnceWithOneWebhookEach() {
        List<Alert> alerts = alertsOfBelts(150, 10);

        awaitConsumed(publishAll(alerts));

        assertThat(alertsStored()).isEqualTo(150);
        assertThat(deliveriesQueued()).isEqualTo(150);
        assertThat(alertIdsReceived(150)).containsExactlyInAnyOrderElementsOf(ids(alerts));
    }

    @Test
    void givenABatchRedelivered_whenConsumedAgain_thenNothingNewIsRecordedAndNoSecondWebhookIsSent() {
        List<Alert> alerts = alertsOfBelts(40, 4);
        awaitConsumed(publishAll(alerts));
        alertIdsReceived(40);

        // The same events again (as after a rebalance), and one alert again under a new event id.
        Map<String, RecordMetadata> last = publishAll(alerts);
        Alert again = alerts.get(0);
        Event<Alert> original = TestAlerts.event(EventType.FORM_FAULT, again);
        last.putAll(lastPerPartition(List.of(kafka.publish(Topics.ALERTS, again.beltId(), Event.of(EventType.FORM_FAULT,
                UUID.randomUUID().toString(), original.source(), original.subject(), clinic, again.at(), again)))));
        awaitConsumed(last);

        assertThat(alertsStored()).isEqualTo(40);
        assertThat(deliveriesQueued()).isEqualTo(40);
        awaitDeliveriesSettled(40);
        assertThat(receiver.received()).hasSize(40);
    }

    @Test
    void givenAnAlertTheDatabaseRefusesAmongGoodOnes_whenConsumed_thenTheGoodOnesAreRecordedAndSentAndItIsDropped() {
        String belt = TestAlerts.uniqueBelt();
        List<Alert> alerts = new ArrayList<>(alertsOfBelts(20, 2));
        Alert base = TestAlerts.formFault(clinic, belt, AlertCodes.OVERUSE, null);
        // A NUL character: valid JSON, a valid alert to the contract, but PostgreSQL stores no NUL in text.
        Alert poison = new Alert(base.alertId(), base.code(), base.severity(), base.clinicId(), base.beltId(),
                base.wearerId(), base.activity(), base.at(), base.value(), base.limit(), base.unit(), base.late(),
                base.sessionId(), "load \u0000 above the limit", base.details());
        alerts.add(10, poison);
        List<Alert> good = alerts.stream().filter(a -> a != poison).toList();

        awaitConsumed(publishAll(alerts));

        assertThat(alertsStored()).isEqualTo(20);
        assertThat(alertIdsReceived(20)).containsExactlyInAnyOrderElementsOf(ids(good));
        awaitDeliveriesSettled(20);
        assertThat(receiver.received()).hasSize(20);
        // The partition moves on: a later alert of the poison's belt is recorded too.
        Alert later = TestAlerts.formFault(clinic, belt, AlertCodes.HIGH_IMPACT, null);
        awaitConsumed(publishAll(List.of(later)));
        assertThat(alertsStored()).isEqualTo(21);
    }

    @Test
    void givenAnErasedWearersAlertInABatch_whenConsumed_thenOnlyItIsDroppedAndNothingAboutTheWearerIsSent() {
        String erasedWearer = "w-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String erasureId = "er-" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        kafka.publish(Topics.ERASURE_REQUESTS, erasedWearer, ErasureEvents.requested(new ErasureRequested(erasureId,
                clinic, erasedWearer, Instant.now().truncatedTo(ChronoUnit.MILLIS))));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
                Sql.queryLong(dataSource, "SELECT count(*) FROM erasure WHERE clinic_id = ? AND wearer_id = ?",
                        clinic, erasedWearer) == 1);
        List<Alert> alerts = new ArrayList<>(alertsOfBelts(20, 4));
        Alert late = TestAlerts.ofWearer(TestAlerts.formFault(clinic, TestAlerts.uniqueBelt(), AlertCodes.ROUNDED_BACK,
                null), erasedWearer);
        alerts.add(7, late);

        awaitConsumed(publishAll(alerts));

        assertThat(alertsStored()).isEqualTo(20);
        assertThat(Sql.queryLong(dataSource, "SELECT count(*) FROM alert WHERE wearer_id = ?", erasedWearer)).isZero();
        awaitDeliveriesSettled(20);
        assertThat(receiver.received()).hasSize(20)
                .noneMatch(request -> request.body().contains(erasedWearer));
    }

    @Test
    void givenTheDatabaseBrieflyUnavailable_whenABatchArrives_thenItIsRetriedAndEveryAlertIsRecordedAndSentOnce()
            throws Exception {
        List<Alert> alerts = alertsOfBelts(30, 3);
        Map<String, RecordMetadata> last;
        // A database cannot refuse connections to itself: the switch is thrown from another one on the server.
        try (Connection admin = serverAdmin(); Statement sql = admin.createStatement()) {
            String database = databaseName();
            sql.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS false");
            try {
                // The service's connections (the test's own JDBC pool, which it reads with, stays).
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                        + "' AND application_name NOT LIKE 'PostgreSQL JDBC%'");
                last = publishAll(alerts);
                // Long enough for the intake to fail on the batch and back off at least once.
                Thread.sleep(3000);
            } finally {
                sql.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS true");
            }
        }

        awaitConsumed(last);

        assertThat(alertsStored()).isEqualTo(30);
        assertThat(deliveriesQueued()).isEqualTo(30);
        assertThat(alertIdsReceived(30)).containsExactlyInAnyOrderElementsOf(ids(alerts));
        awaitDeliveriesSettled(30);
        assertThat(receiver.received()).hasSize(30);
    }

    private String databaseName() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
             var rows = sql.executeQuery("SELECT current_database()")) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** A connection to the service's PostgreSQL server, in its maintenance database rather than the service's. */
    private static Connection serverAdmin() throws Exception {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class).replaceFirst("/[^/?]+(\\?|$)",
                "/template1$1");
        return DriverManager.getConnection(url, config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    /** {@code count} alerts of the clinic, round-robin over {@code belts} belts. */
    private List<Alert> alertsOfBelts(int count, int belts) {
        List<String> beltIds = new ArrayList<>();
        for (int i = 0; i < belts; i++) {
            beltIds.add(TestAlerts.uniqueBelt());
        }
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            alerts.add(TestAlerts.formFault(clinic, beltIds.get(i % belts), AlertCodes.OVERUSE, null));
        }
        return alerts;
    }

    /** Publishes each alert's event keyed as its producer does; answers the last record of each partition. */
    private static Map<String, RecordMetadata> publishAll(List<Alert> alerts) {
        List<RecordMetadata> records = new ArrayList<>();
        for (Alert alert : alerts) {
            records.add(kafka.publish(Topics.ALERTS, TestAlerts.keyOf(alert), TestAlerts.event(EventType.FORM_FAULT,
                    alert)));
        }
        return lastPerPartition(records);
    }

    private static Map<String, RecordMetadata> lastPerPartition(List<RecordMetadata> records) {
        Map<String, RecordMetadata> last = new HashMap<>();
        for (RecordMetadata record : records) {
            last.merge(record.topic() + "-" + record.partition(), record,
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return last;
    }

    /** Until the intake committed past every one of these records: they were all handled. */
    private static void awaitConsumed(Map<String, RecordMetadata> last) {
        last.values().forEach(record -> kafka.awaitConsumed(GROUP, record, WAIT));
    }

    private long alertsStored() {
        return Sql.queryLong(dataSource, "SELECT count(*) FROM alert WHERE clinic_id = ?", clinic);
    }

    private long deliveriesQueued() {
        return Sql.queryLong(dataSource, "SELECT count(*) FROM webhook_delivery WHERE clinic_id = ?", clinic);
    }

    private void awaitDeliveriesSettled(int count) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> Sql.queryLong(dataSource,
                "SELECT count(*) FROM webhook_delivery WHERE clinic_id = ? AND status = 'succeeded'", clinic) == count);
    }

    /** The alert ids of the webhooks received, once at least {@code count} arrived. */
    private List<String> alertIdsReceived(int count) {
        return receiver.awaitRequests(count).stream().map(Received::body)
                .map(body -> JsonPath.from(body).getString("data.alertId")).toList();
    }

    private static List<String> ids(List<Alert> alerts) {
        return alerts.stream().map(Alert::alertId).toList();
    }
}
