package io.spinestream.ingest.fleet;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.Severity;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code BELT_SILENT}: a belt that streamed within {@code streamed-within} and has sent nothing
 * for {@code silent-after}. Every instance runs the check; the occurrence row in PostgreSQL makes
 * sure one alert is raised per silence, and the silence ends when the belt is seen again.
 */
@ApplicationScoped
public class SilentBeltCheck {

    // The belt spoke again (or was retired) since the occurrence was raised: the next silence is new.
    private static final String CLEAR_SPOKEN_AGAIN = """
            UPDATE fleet_alert f SET cleared_at = $1
              FROM belt b
             WHERE f.code = 'BELT_SILENT' AND f.cleared_at IS NULL AND b.id = f.belt_id
               AND (b.state <> 'active' OR b.last_seen_at > f.last_seen_at)""";

    private static final String SILENT = """
            SELECT b.id, b.clinic_id, b.wearer_id, b.last_seen_at, b.last_seq, b.firmware
              FROM belt b
             WHERE b.state = 'active' AND b.last_seen_at < $1 AND b.last_seen_at >= $2
               AND NOT EXISTS (SELECT 1 FROM fleet_alert f
                                WHERE f.belt_id = b.id AND f.code = 'BELT_SILENT' AND f.cleared_at IS NULL)
             ORDER BY b.last_seen_at
             LIMIT 1000""";

    private final Pool pool;
    private final FleetAlerts alerts;
    private final FleetConfig config;

    @Inject
    public SilentBeltCheck(Pool pool, FleetAlerts alerts, FleetConfig config) {
        this.pool = pool;
        this.alerts = alerts;
        this.config = config;
    }

    // Delayed by one interval: at the very start the messaging channels are not connected yet.
    // The scheduler reads the raw property, not the config mapping's @WithDefault: same fallback here.
    @Scheduled(every = "${spinestream.ingest.fleet.silent-check-interval:1m}",
            delayed = "${spinestream.ingest.fleet.silent-check-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> runPeriodically() {
        return run().replaceWithVoid();
    }

    /** Looks for silent belts now; returns how many alerts this call raised. */
    public Uni<Integer> run() {
        Instant now = Instant.now();
        Instant silentSince = now.minus(config.silentAfter());
        Instant streamedSince = now.minus(config.streamedWithin());
        return pool.preparedQuery(CLEAR_SPOKEN_AGAIN).execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
                .chain(() -> pool.preparedQuery(SILENT).execute(Tuple.of(silentSince.atOffset(ZoneOffset.UTC),
                        streamedSince.atOffset(ZoneOffset.UTC))))
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate(row -> {
                    Instant lastSeenAt = row.getOffsetDateTime("last_seen_at").toInstant();
                    return alerts.raise(alert(row, lastSeenAt, now), lastSeenAt);
                })
                .collect().asList()
                .map(raised -> (int) raised.stream().filter(Boolean::booleanValue).count());
    }

    private Alert alert(Row row, Instant lastSeenAt, Instant now) {
        String beltId = row.getString("id");
        Long lastSeq = row.getLong("last_seq");
        double silentMinutes = Math.floor(Duration.between(lastSeenAt, now).toSeconds() / 6d) / 10d;
        double limit = config.silentAfter().toSeconds() / 60d;
        Map<String, String> details = new HashMap<>();
        details.put("lastSeenAt", lastSeenAt.toString());
        if (lastSeq != null) {
            details.put("lastSeq", lastSeq.toString());
        }
        if (row.getString("firmware") != null) {
            details.put("firmware", row.getString("firmware"));
        }
        return new Alert(FleetAlerts.alertId(beltId, FleetAlertCodes.BELT_SILENT, lastSeq, lastSeenAt),
                FleetAlertCodes.BELT_SILENT, Severity.WARNING, row.getString("clinic_id"), beltId,
                row.getString("wearer_id"), null, now, silentMinutes, limit, "min", false, null,
                "no telemetry for " + silentMinutes + " min after streaming within the last "
                        + config.streamedWithin().toMinutes() + " min", details);
    }
}
