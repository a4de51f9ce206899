package io.spinestream.ingest.fleet;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.CloudEventCodec;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventDeserializer;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.Severity;
import io.spinestream.events.topic.Topics;
import io.spinestream.ingest.status.BeltStatusFlusher;
import io.spinestream.ingest.support.Batches;
import io.spinestream.ingest.support.Db;
import io.spinestream.ingest.support.TopicProbe;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.spinestream.ingest.support.FleetApi.asBelt;
import static io.spinestream.ingest.support.FleetApi.provision;
import static io.spinestream.ingest.support.FleetApi.retire;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetAlertsTest {

    private static final String CLINIC = "clinic-fleet-alerts";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    BeltStatusFlusher flusher;

    @Inject
    SilentBeltCheck silentCheck;

    @Inject
    FleetAlerts fleetAlerts;

    @Inject
    AgroalDataSource dataSource;

    Db db;
    TopicProbe<Event<?>> alertsTopic;

    @BeforeAll
    void openProbe() {
        alertsTopic = new TopicProbe<>(bootstrapServers, Topics.ALERTS.name(), new EventDeserializer());
    }

    @AfterAll
    void closeProbe() {
        alertsTopic.close();
    }

    @BeforeEach
    void setUp() {
        db = new Db(dataSource);
    }

    @Test
    void givenBatteryFallingBelowTheThreshold_whenReadingsKeepComing_thenOneAlertPerOccurrenceAndANewOneAfterACharge() {
        String credential = provision(CLINIC, "BAT-1", "w-bat");
        alertsTopic.drain();

        uploadAndFlush(credential, "BAT-1", 1, "0.10");
        List<Alert> first = alerts("BAT-1");
        assertThat(first).hasSize(1);
        Alert alert = first.get(0);
        assertThat(alert.code()).isEqualTo(FleetAlertCodes.BATTERY_LOW);
        assertThat(alert.severity()).isEqualTo(Severity.WARNING);
        assertThat(alert.value()).isEqualTo(10.0);
        assertThat(alert.limit()).isEqualTo(15.0);
        assertThat(alert.unit()).isEqualTo("%");
        assertThat(alert.wearerId()).isEqualTo("w-bat");
        assertThat(alert.clinicId()).isEqualTo(CLINIC);

        uploadAndFlush(credential, "BAT-1", 2, "0.08");
        uploadAndFlush(credential, "BAT-1", 3, "0.18");
        assertThat(alerts("BAT-1")).as("still the same occurrence").isEmpty();

        uploadAndFlush(credential, "BAT-1", 4, "0.25");
        uploadAndFlush(credential, "BAT-1", 5, "0.12");
        List<Alert> second = alerts("BAT-1");
        assertThat(second).hasSize(1);
        assertThat(second.get(0).alertId()).isNotEqualTo(alert.alertId());
    }

    @Test
    void givenBeltSilentAfterStreaming_whenTwoInstancesCheckAtOnce_thenExactlyOneAlertAndNoneOnLaterChecks() {
        provision(CLINIC, "SIL-1", "w-sil");
        OffsetDateTime lastSeen = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(20).truncatedTo(ChronoUnit.MILLIS);
        db.update("UPDATE belt SET last_seen_at = ?, last_seq = 9, firmware = '2.3.1' WHERE id = 'SIL-1'", lastSeen);
        alertsTopic.drain();

        Uni.join().all(silentCheck.run(), silentCheck.run()).andCollectFailures().await().atMost(Duration.ofSeconds(30));
        silentCheck.run().await().atMost(Duration.ofSeconds(30));

        List<Event<?>> events = events("SIL-1");
        assertThat(events).hasSize(1);
        Event<?> event = events.get(0);
        assertThat(event.type()).isEqualTo(EventType.FLEET_ALERT);
        assertThat(event.subject()).isEqualTo("SIL-1");
        assertThat(event.clinicId()).isEqualTo(CLINIC);
        assertThat(event.id()).isEqualTo(FleetAlerts.alertId("SIL-1", FleetAlertCodes.BELT_SILENT, 9L, lastSeen.toInstant()));
        Alert alert = event.dataAs(Alert.class);
        assertThat(alert.code()).isEqualTo(FleetAlertCodes.BELT_SILENT);
        assertThat(alert.alertId()).isEqualTo(event.id());
        assertThat(alert.value()).isGreaterThanOrEqualTo(20.0);
        assertThat(alert.limit()).isEqualTo(15.0);
        assertThat(alert.wearerId()).isEqualTo("w-sil");
        assertThat(alert.details()).containsEntry("lastSeq", "9");
    }

    @Test
    void givenSilentBeltThatSpeaksAgain_whenItFallsSilentOnceMore_thenThatIsANewAlert() {
        String credential = provision(CLINIC, "SIL-2");
        db.update("UPDATE belt SET last_seen_at = ?, last_seq = 1 WHERE id = 'SIL-2'",
                OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30));
        alertsTopic.drain();
        silentCheck.run().await().atMost(Duration.ofSeconds(30));
        String firstId = alerts("SIL-2").get(0).alertId();

        uploadAndFlush(credential, "SIL-2", 2, "0.9");
        silentCheck.run().await().atMost(Duration.ofSeconds(30));
        assertThat(alerts("SIL-2")).as("speaking again raises nothing").isEmpty();

        db.update("UPDATE belt SET last_seen_at = ? WHERE id = 'SIL-2'", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(16));
        silentCheck.run().await().atMost(Duration.ofSeconds(30));
        List<Alert> again = alerts("SIL-2");
        assertThat(again).hasSize(1);
        assertThat(again.get(0).alertId()).isNotEqualTo(firstId);
    }

    @Test
    void givenBeltsQuietTooLongNeverSeenRetiredOrRecentlySeen_whenChecked_thenNoneRaisesAnAlert() {
        provision(CLINIC, "SIL-OLD");
        provision(CLINIC, "SIL-NEVER");
        provision(CLINIC, "SIL-RETIRED");
        provision(CLINIC, "SIL-RECENT");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        db.update("UPDATE belt SET last_seen_at = ? WHERE id = 'SIL-OLD'", now.minusHours(2));
        db.update("UPDATE belt SET last_seen_at = ? WHERE id = 'SIL-RETIRED'", now.minusMinutes(20));
        db.update("UPDATE belt SET last_seen_at = ? WHERE id = 'SIL-RECENT'", now.minusMinutes(5));
        retire(CLINIC, "SIL-RETIRED");
        alertsTopic.drain();

        silentCheck.run().await().atMost(Duration.ofSeconds(30));

        assertThat(alertsTopic.drain()).noneMatch(r -> r.key().startsWith("SIL-OLD") || r.key().startsWith("SIL-NEVER")
                || r.key().startsWith("SIL-RETIRED") || r.key().startsWith("SIL-RECENT"));
    }

    @Test
    void givenAlertRecordedWhileKafkaDidNotAcknowledge_whenResent_thenPublishedWithItsOriginalIdAndMarked() {
        provision(CLINIC, "OUTBOX-1");
        Instant raisedAt = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
        String alertId = FleetAlerts.alertId("OUTBOX-1", FleetAlertCodes.BELT_SILENT, 3L, raisedAt);
        Alert alert = new Alert(alertId, FleetAlertCodes.BELT_SILENT, Severity.WARNING, CLINIC, "OUTBOX-1", null, null,
                raisedAt, 16.0, 15.0, "min", false, null, "quiet", Map.of());
        db.update("INSERT INTO fleet_alert (alert_id, belt_id, clinic_id, code, raised_at, last_seen_at, event) "
                        + "VALUES (?, 'OUTBOX-1', ?, 'BELT_SILENT', ?, ?, ?)", alertId, CLINIC,
                raisedAt.atOffset(ZoneOffset.UTC), raisedAt.atOffset(ZoneOffset.UTC),
                new String(CloudEventCodec.encode(FleetAlerts.event(alert)), StandardCharsets.UTF_8));
        alertsTopic.drain();

        fleetAlerts.resendUnpublished().await().atMost(Duration.ofSeconds(30));

        List<Event<?>> events = events("OUTBOX-1");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).id()).isEqualTo(alertId);
        assertThat(db.value("SELECT published_at FROM fleet_alert WHERE alert_id = ?", alertId)).isNotNull();
    }

    private void uploadAndFlush(String credential, String beltId, long seq, String battery) {
        asBelt(credential).contentType("application/json").body(Batches.json(beltId, seq, Map.of("battery", battery)))
                .when().post("/v1/telemetry").then().statusCode(200);
        flusher.flush().await().atMost(Duration.ofSeconds(30));
    }

    private List<Event<?>> events(String beltId) {
        return alertsTopic.drain(beltId);
    }

    private List<Alert> alerts(String beltId) {
        return events(beltId).stream().map(e -> e.dataAs(Alert.class)).toList();
    }
}
