package io.spinestream.ingest.telemetry;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The {@code (beltId, seq)} idempotency ledger in PostgreSQL, shared by every instance and kept
 * across restarts. A request first claims the key (one statement that also resolves the wearer
 * assigned at the batch's time), publishes only if it got the claim, and then marks it published;
 * if publishing fails it releases the claim, so that the belt's retry can publish.
 */
@ApplicationScoped
public class IngestLedger {

    /** What a claim found. */
    public sealed interface Claim permits Owned, AlreadyPublished, InFlight {
    }

    /** This request publishes the batch; {@code receivedAt} and {@code wearerId} are fixed for good. */
    public record Owned(UUID token, String wearerId, Instant receivedAt) implements Claim {
    }

    /** Published before: acknowledge again with the original receipt time, publish nothing. */
    public record AlreadyPublished(Instant receivedAt) implements Claim {
    }

    /** Another request is publishing this very batch right now. */
    public record InFlight() implements Claim {
    }

    // New key: insert. Pending key whose claim outlived its lease (its publisher died): take it
    // over, keeping received_at and wearer_id. Anything else: leave it and return nothing.
    // Claims are timed by the database's clock, so instances with skewed clocks agree on leases.
    // The wearer is attributed only if they may still be recorded (wearer_recordable, V6__erasure.sql):
    // a batch claimed while the wearer is being erased waits for it and goes to nobody; one claimed just
    // before makes the erasure wait, and the erasure then unlinks it.
    private static final String CLAIM = """
            INSERT INTO ingested_batch AS b (belt_id, seq, clinic_id, wearer_id, received_at, state, claim_token, claimed_at)
            VALUES ($1, $2, $3,
                    (SELECT CASE WHEN wearer_recordable($8, w.wearer_id) THEN w.wearer_id END
                       FROM (SELECT a.wearer_id FROM belt_assignment a
                              WHERE a.belt_id = $1 AND a.assigned_at <= $4 AND (a.unassigned_at IS NULL OR a.unassigned_at > $4)
                              ORDER BY a.assigned_at DESC LIMIT 1) w),
                    $5, 'pending', $6, clock_timestamp())
            ON CONFLICT (belt_id, seq) DO UPDATE
               SET claim_token = EXCLUDED.claim_token, claimed_at = EXCLUDED.claimed_at
             WHERE b.state = 'pending' AND b.claimed_at < clock_timestamp() - $7::float8 * INTERVAL '1 millisecond'
            RETURNING b.wearer_id, b.received_at""";

    private static final String FIND = "SELECT state, received_at FROM ingested_batch WHERE belt_id = $1 AND seq = $2";

    private static final String RELEASE = """
            DELETE FROM ingested_batch
             WHERE belt_id = $1 AND seq = $2 AND claim_token = $3 AND state = 'pending'""";

    private static final String EXPIRE = """
            DELETE FROM ingested_batch WHERE ctid IN (
              SELECT ctid FROM ingested_batch WHERE received_at < $1 LIMIT $2)""";

    private static final Logger LOG = Logger.getLogger(IngestLedger.class);
    private static final int EXPIRY_CHUNK = 10_000;

    private final Pool pool;
    private final TelemetryConfig config;
    private final PublishedMarks published;

    @Inject
    public IngestLedger(Pool pool, TelemetryConfig config) {
        this.pool = pool;
        this.config = config;
        this.published = new PublishedMarks(pool);
    }

    /**
     * Claims {@code (beltId, seq)} for publishing.
     *
     * @param startedAt the batch's first sample: the wearer assigned then is the batch's wearer
     * @param now       receipt time, kept as the batch's {@code receivedAt}
     */
    public Uni<Claim> claim(String beltId, long seq, String clinicId, Instant startedAt, Instant now) {
        UUID token = UUID.randomUUID();
        Tuple params = Tuple.tuple()
                .addString(beltId).addLong(seq).addString(clinicId)
                .addOffsetDateTime(utc(startedAt)).addOffsetDateTime(utc(now)).addUUID(token)
                .addDouble((double) config.idempotency().claimLease().toMillis()).addString(clinicId);
        return pool.preparedQuery(CLAIM).execute(params).chain(rows -> {
            Row row = first(rows);
            if (row != null) {
                return Uni.createFrom().item((Claim) new Owned(token, row.getString("wearer_id"),
                        row.getOffsetDateTime("received_at").toInstant()));
            }
            return pool.preparedQuery(FIND).execute(Tuple.of(beltId, seq)).map(found -> {
                Row existing = first(found);
                if (existing != null && "published".equals(existing.getString("state"))) {
                    return new AlreadyPublished(existing.getOffsetDateTime("received_at").toInstant());
                }
                // Pending elsewhere, or released by a failed publisher a moment ago: retry shortly.
                return new InFlight();
            });
        });
    }

    /**
     * Kafka acknowledged the batch: from now on every copy is a duplicate. Completes once the key is
     * marked; marks of concurrent uploads share one statement ({@link PublishedMarks}).
     */
    public Uni<Void> markPublished(String beltId, long seq, UUID token) {
        return published.mark(beltId, seq, token);
    }

    /** Publishing failed: forget the claim so that the belt's retry publishes the batch. */
    public Uni<Void> release(String beltId, long seq, UUID token) {
        return pool.preparedQuery(RELEASE).execute(Tuple.of(beltId, seq, token)).replaceWithVoid();
    }

    /** Deletes up to {@code limit} keys received before {@code before}; returns how many. */
    public Uni<Integer> expire(Instant before, int limit) {
        return pool.preparedQuery(EXPIRE).execute(Tuple.of(utc(before), limit)).map(RowSet::rowCount);
    }

    /** Forgets keys older than the retention, a bounded chunk at a time; any instance may run it. */
    // The scheduler reads the raw property, not the config mapping's @WithDefault: same fallback here.
    @Scheduled(every = "${spinestream.ingest.telemetry.idempotency.cleanup-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expireOld() {
        Instant before = Instant.now().minus(config.idempotency().retention());
        return expire(before, EXPIRY_CHUNK)
                .repeat().whilst(deleted -> deleted == EXPIRY_CHUNK)
                .collect().with(Collectors.summingInt(Integer::intValue))
                .invoke(total -> {
                    if (total > 0) {
                        LOG.infof("forgot %d telemetry idempotency keys received before %s", total, before);
                    }
                })
                .replaceWithVoid();
    }

    private static Row first(RowSet<Row> rows) {
        Iterator<Row> it = rows.iterator();
        return it.hasNext() ? it.next() : null;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
