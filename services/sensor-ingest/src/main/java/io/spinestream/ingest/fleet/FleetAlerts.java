package io.spinestream.ingest.fleet;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.CloudEventCodec;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.Alert;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Raises fleet alerts once per occurrence, whichever instance notices first: the occurrence is a
 * row that only one insert can create (one open occurrence per belt and code), and only the
 * instance whose insert created it publishes. The row keeps the event, so an alert Kafka did not
 * acknowledge is sent again later with the same id; consumers drop the duplicate if both arrive.
 */
@ApplicationScoped
public class FleetAlerts {

    private static final Logger LOG = Logger.getLogger(FleetAlerts.class);

    // Not for a wearer the clinic erased (or is erasing: wearer_recordable waits for it, V6__erasure.sql);
    // the next check raises the occurrence for the belt as it is then, without that wearer.
    private static final String RECORD = """
            INSERT INTO fleet_alert (alert_id, belt_id, clinic_id, code, raised_at, last_seen_at, event)
            SELECT $1, $2, $3, $4, $5, $6, $7
             WHERE wearer_recordable($8, $9)
            ON CONFLICT DO NOTHING
            RETURNING alert_id""";

    private static final String PUBLISHED = "UPDATE fleet_alert SET published_at = $2 WHERE alert_id = $1";

    private static final String CLEAR = """
            UPDATE fleet_alert SET cleared_at = $3
             WHERE belt_id = ANY($1) AND code = $2 AND cleared_at IS NULL""";

    private static final String UNPUBLISHED = """
            SELECT alert_id, belt_id, event FROM fleet_alert
             WHERE published_at IS NULL AND raised_at < $1
             ORDER BY raised_at LIMIT 500""";

    private final Pool pool;
    private final MutinyEmitter<Event<Alert>> alerts;
    private final FleetConfig config;

    @Inject
    public FleetAlerts(Pool pool, @Channel("fleet-alerts") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                       MutinyEmitter<Event<Alert>> alerts, FleetConfig config) {
        this.pool = pool;
        this.alerts = alerts;
        this.config = config;
    }

    /** The event of a fleet alert: its id is the alert's id, its time when the alert was raised. */
    public static Event<Alert> event(Alert alert) {
        return Event.of(EventType.FLEET_ALERT, alert.alertId(), EventSources.SENSOR_INGEST, alert.beltId(),
                alert.clinicId(), alert.at(), alert);
    }

    /**
     * The id of an occurrence, from the belt, the code and what triggered it (the belt's last seq
     * and last-seen time), so that every instance noticing the same occurrence derives the same id.
     */
    public static String alertId(String beltId, String code, Long lastSeq, Instant lastSeenAt) {
        return EventIds.of(EventType.FLEET_ALERT, beltId, code, String.valueOf(lastSeq), String.valueOf(lastSeenAt));
    }

    /**
     * Records the occurrence and publishes it, unless the belt already has an open occurrence of
     * this code or the alert's wearer was erased. Returns whether this call raised it.
     */
    public Uni<Boolean> raise(Alert alert, Instant lastSeenAt) {
        Event<Alert> event = event(alert);
        String json = new String(CloudEventCodec.encode(event), StandardCharsets.UTF_8);
        Tuple params = Tuple.tuple().addString(alert.alertId()).addString(alert.beltId()).addString(alert.clinicId())
                .addString(alert.code()).addOffsetDateTime(utc(alert.at())).addOffsetDateTime(utc(lastSeenAt))
                .addString(json).addString(alert.clinicId()).addString(alert.wearerId());
        return pool.preparedQuery(RECORD).execute(params).chain(rows -> {
            if (rows.rowCount() == 0) {
                return Uni.createFrom().item(false);
            }
            LOG.infof("%s raised for belt %s (clinic %s)", alert.code(), alert.beltId(), alert.clinicId());
            return publish(alert.alertId(), alert.beltId(), event).replaceWith(true);
        });
    }

    /** Ends the open occurrences of {@code code} for these belts; a later one is a new alert. */
    public Uni<Integer> clear(String code, List<String> beltIds, Instant at) {
        if (beltIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.preparedQuery(CLEAR)
                .execute(Tuple.of(beltIds.toArray(String[]::new), code, utc(at)))
                .map(RowSet::rowCount);
    }

    // The scheduler reads the raw property, not the config mapping's @WithDefault: same fallback here.
    @Scheduled(every = "${spinestream.ingest.fleet.alert-resend-after:30s}", delayed = "${spinestream.ingest.fleet.alert-resend-after:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> resendPeriodically() {
        return resendUnpublished().replaceWithVoid();
    }

    /** Sends again what was recorded but not acknowledged, e.g. while the broker was away; returns how many. */
    public Uni<Integer> resendUnpublished() {
        Instant before = Instant.now().minus(config.alertResendAfter());
        return pool.preparedQuery(UNPUBLISHED).execute(Tuple.of(utc(before)))
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate(this::resend)
                .collect().asList()
                .map(List::size);
    }

    @SuppressWarnings("unchecked")
    private Uni<Void> resend(Row row) {
        Event<Alert> event = (Event<Alert>) CloudEventCodec.decode(row.getString("event").getBytes(StandardCharsets.UTF_8));
        return publish(row.getString("alert_id"), row.getString("belt_id"), event);
    }

    private Uni<Void> publish(String alertId, String beltId, Event<Alert> event) {
        return alerts.sendMessage(Message.of(event).addMetadata(
                        OutgoingKafkaRecordMetadata.<String>builder().withKey(beltId).build()))
                .chain(() -> pool.preparedQuery(PUBLISHED).execute(Tuple.of(alertId, utc(Instant.now()))))
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("fleet alert %s not published yet, will be sent again: %s",
                        alertId, e.toString()))
                .onFailure().recoverWithNull();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
