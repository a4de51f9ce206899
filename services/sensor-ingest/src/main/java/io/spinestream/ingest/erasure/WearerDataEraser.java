package io.spinestream.ingest.erasure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.cloudevents.EventJson;
import io.spinestream.events.payload.ErasureRequested;
import io.spinestream.platform.erasure.ErasureParticipant;
import io.spinestream.platform.erasure.ErasureResult;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * sensor-ingest's part in an erasure (docs/privacy.md): in one transaction, within the request's clinic,
 * the wearer's assignment periods are deleted (a belt they wear now stays in the fleet, unassigned), the
 * belt commands received for their belts while they wore them, the fleet alerts naming them, and the
 * wearer is unlinked from the telemetry keys attributed to them (the keys stay: they keep a re-sent batch
 * from being published again). The erasure is recorded in the same transaction ({@code wearer_erasure}:
 * ids, counts, time); a request read again removes whatever appeared since and answers the first counts.
 *
 * <p>The transaction holds the wearer's lock ({@code wearer_recordable}, V6__erasure.sql) from its
 * first statement: an assignment, telemetry key or fleet alert of the wearer being written at that
 * moment is either committed first, and then seen and removed here, or waits and is refused.
 */
@ApplicationScoped
public class WearerDataEraser implements ErasureParticipant {

    /** Every table holding something of a wearer (ErasureTest checks the schema has no other). */
    static final Set<String> TABLES = Set.of("belt", "belt_assignment", "pending_command", "fleet_alert",
            "ingested_batch");

    /** What the receipt counts, by kind. */
    static final String ASSIGNMENTS = "assignments";
    static final String BELT_COMMANDS = "belt_commands";
    static final String FLEET_ALERTS = "fleet_alerts";
    static final String TELEMETRY_ATTRIBUTIONS = "telemetry_attributions";

    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };

    private static final String LOCK = "SELECT pg_advisory_xact_lock(wearer_lock_key($1, $2))";

    private static final String RECORDED = """
            SELECT clinic_id, wearer_id, removed::text AS removed, completed_at
              FROM wearer_erasure WHERE erasure_id = $1""";

    private static final String DELETE_ASSIGNMENTS = """
            DELETE FROM belt_assignment a USING belt b
             WHERE b.id = a.belt_id AND b.clinic_id = $1 AND a.wearer_id = $2
            RETURNING a.belt_id, a.assigned_at, a.unassigned_at""";

    // The belt stays the clinic's; it is worn by nobody now.
    private static final String UNASSIGN = "UPDATE belt SET wearer_id = NULL WHERE clinic_id = $1 AND wearer_id = $2";

    // Commands carry the wearer's fault codes: those received for a belt while the wearer wore it are theirs.
    private static final String DELETE_COMMANDS = """
            DELETE FROM pending_command p
             USING unnest($2::varchar[], $3::timestamptz[], $4::timestamptz[]) AS w(belt_id, from_at, to_at)
             WHERE p.clinic_id = $1 AND p.belt_id = w.belt_id AND p.received_at >= w.from_at AND p.received_at < w.to_at""";

    // The stored event is the whole alert; its wearerId is who wore the belt when it was raised.
    private static final String DELETE_FLEET_ALERTS = """
            DELETE FROM fleet_alert WHERE clinic_id = $1 AND CAST(event AS jsonb) -> 'data' ->> 'wearerId' = $2""";

    // Only the wearer's belts: the ledger is large, and its primary key starts with the belt.
    private static final String UNLINK_TELEMETRY = """
            UPDATE ingested_batch SET wearer_id = NULL
             WHERE belt_id = ANY($3::varchar[]) AND clinic_id = $1 AND wearer_id = $2""";

    // Text parsed by PostgreSQL: a string bound to a jsonb parameter would be stored as one JSON string.
    private static final String RECORD = """
            INSERT INTO wearer_erasure (erasure_id, clinic_id, wearer_id, removed, completed_at)
            VALUES ($1, $2, $3, CAST($4::text AS jsonb), $5)""";

    private final Pool pool;

    @Inject
    public WearerDataEraser(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<ErasureResult> erase(ErasureRequested request) {
        return pool.withTransaction(connection -> connection.preparedQuery(LOCK)
                .execute(Tuple.of(request.clinicId(), request.wearerId()))
                .chain(() -> connection.preparedQuery(RECORDED).execute(Tuple.of(request.erasureId())))
                .chain(rows -> {
                    Row recorded = first(rows);
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    if (recorded == null) {
                        return sweep(connection, request, now)
                                .map(removed -> removed.completedAt(now))
                                .call(result -> record(connection, request, result));
                    }
                    if (!request.clinicId().equals(recorded.getString("clinic_id"))
                            || !request.wearerId().equals(recorded.getString("wearer_id"))) {
                        return Uni.createFrom().failure(new IllegalStateException("erasure " + request.erasureId()
                                + " is recorded for another clinic or wearer than its request says"));
                    }
                    // Carried out before: remove whatever may have appeared since (a restored backup), count it not.
                    return sweep(connection, request, now).replaceWith(recordedResult(recorded));
                }));
    }

    /** Deletes (or unlinks) everything of the wearer in the clinic; answers the counts by kind. */
    private static Uni<ErasureResult.Builder> sweep(SqlConnection connection, ErasureRequested request, Instant now) {
        String clinic = request.clinicId();
        String wearer = request.wearerId();
        Tuple ids = Tuple.of(clinic, wearer);
        ErasureResult.Builder removed = ErasureResult.builder();
        List<String> belts = new ArrayList<>();
        List<OffsetDateTime> from = new ArrayList<>();
        List<OffsetDateTime> to = new ArrayList<>();
        // One connection runs one statement at a time: in order.
        return connection.preparedQuery(DELETE_ASSIGNMENTS).execute(ids)
                .invoke(rows -> {
                    removed.add(ASSIGNMENTS, rows.rowCount());
                    for (Row row : rows) {
                        belts.add(row.getString("belt_id"));
                        from.add(row.getOffsetDateTime("assigned_at"));
                        OffsetDateTime until = row.getOffsetDateTime("unassigned_at");
                        // The period still open ends now.
                        to.add(until != null ? until : now.atOffset(ZoneOffset.UTC));
                    }
                })
                .chain(() -> connection.preparedQuery(UNASSIGN).execute(ids))
                .chain(() -> connection.preparedQuery(DELETE_COMMANDS).execute(Tuple.of(clinic,
                        belts.toArray(String[]::new), from.toArray(OffsetDateTime[]::new),
                        to.toArray(OffsetDateTime[]::new))))
                .invoke(rows -> removed.add(BELT_COMMANDS, rows.rowCount()))
                .chain(() -> connection.preparedQuery(DELETE_FLEET_ALERTS).execute(ids))
                .invoke(rows -> removed.add(FLEET_ALERTS, rows.rowCount()))
                .chain(() -> connection.preparedQuery(UNLINK_TELEMETRY).execute(Tuple.of(clinic, wearer,
                        belts.stream().distinct().toArray(String[]::new))))
                .invoke(rows -> removed.add(TELEMETRY_ATTRIBUTIONS, rows.rowCount()))
                .replaceWith(removed);
    }

    private static Uni<RowSet<Row>> record(SqlConnection connection, ErasureRequested request, ErasureResult result) {
        String counts;
        try {
            counts = EventJson.mapper().writeValueAsString(result.removed());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return connection.preparedQuery(RECORD).execute(Tuple.of(request.erasureId(), request.clinicId(),
                request.wearerId(), counts, result.completedAt().atOffset(ZoneOffset.UTC)));
    }

    private static ErasureResult recordedResult(Row row) {
        try {
            return new ErasureResult(EventJson.mapper().readValue(row.getString("removed"), COUNTS),
                    row.getOffsetDateTime("completed_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the recorded counts of an erasure are unreadable", e);
        }
    }

    private static Row first(RowSet<Row> rows) {
        Iterator<Row> it = rows.iterator();
        return it.hasNext() ? it.next() : null;
    }
}
