package io.spinestream.ingest.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The {@code (beltId, seq)} idempotency ledger in PostgreSQL, shared by every instance and kept
 * across restarts. A request first claims the key (one statement, shared by concurrent uploads,
 * that also resolves the wearer assigned at the batch's time), publishes only if it got the claim,
 * and then marks it published; if publishing fails it releases the claim, so that the belt's retry
 * can publish.
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
    private final LedgerClaims claims;

    @Inject
    public IngestLedger(Pool pool, TelemetryConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        this.published = new PublishedMarks(pool);
        this.claims = new LedgerClaims(pool, config.idempotency().claimLease(), registry);
    }

    /**
     * Claims {@code (beltId, seq)} for publishing. Claims of concurrent uploads share one statement
     * ({@link LedgerClaims}); a second upload of a key already being claimed gets {@link InFlight}.
     *
     * @param startedAt the batch's first sample: the wearer assigned then is the batch's wearer
     * @param now       receipt time, kept as the batch's {@code receivedAt}
     */
    public Uni<Claim> claim(String beltId, long seq, String clinicId, Instant startedAt, Instant now) {
        return claims.claim(beltId, seq, clinicId, startedAt, now);
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

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
