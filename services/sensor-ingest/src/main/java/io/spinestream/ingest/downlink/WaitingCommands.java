package io.spinestream.ingest.downlink;

import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which belts may have a command waiting, as far as this instance knows, so that an upload of a belt
 * with none skips the claim (a database round trip). Every instance reads every command, and marks
 * its belt here before storing it, until well past its expiry; at each (re)assignment of the
 * command consumer, the undelivered commands already in the database are read once, because the
 * consumer's replay may predate what it reads. Until then, and while the consumer holds no
 * partition, every upload claims. What a skip can cost: a command stored by another instance that
 * this one has not read yet waits for the belt's next upload after this instance read it (or for
 * the belt's stream): a delay of this instance's consumer lag, never a loss while it is live.
 */
@ApplicationScoped
public class WaitingCommands {

    private static final Logger LOG = Logger.getLogger(WaitingCommands.class);

    private static final String WAITING = """
            SELECT belt_id, max(expires_at) AS expires_at FROM pending_command
             WHERE delivered_at IS NULL AND expires_at > $1 GROUP BY belt_id""";

    private final Pool pool;
    private final CommandReplay replay;
    private final DownlinkConfig config;
    /** Belt → until when a command of it may be waiting (its expiry, plus a margin for other instances' clocks). */
    private final ConcurrentMap<String, Instant> belts = new ConcurrentHashMap<>();
    /** The consumer assignment whose database snapshot is loaded; -1 for none. */
    private final AtomicLong loadedFor = new AtomicLong(-1);
    private final AtomicBoolean loading = new AtomicBoolean();

    @Inject
    public WaitingCommands(Pool pool, CommandReplay replay, DownlinkConfig config) {
        this.pool = pool;
        this.replay = replay;
        this.config = config;
    }

    /** A command for the belt is about to be stored: called before the store, so that no claim skips it. */
    void arriving(String beltId, Instant expiresAt) {
        mark(beltId, expiresAt);
    }

    /** Whether an upload of the belt must claim: false only when this instance knows nothing waits for it. */
    public boolean mayWait(String beltId) {
        if (!complete()) {
            return true;
        }
        Instant until = belts.get(beltId);
        if (until == null) {
            return false;
        }
        if (until.isAfter(Instant.now())) {
            return true;
        }
        belts.remove(beltId, until);
        return false;
    }

    private void mark(String beltId, Instant expiresAt) {
        // Another instance may have stored the row first, with an expiry reckoned from its own receipt.
        Instant until = expiresAt.plus(config.commandExpiry());
        belts.merge(beltId, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    private boolean complete() {
        long assignment = replay.assignments();
        if (!replay.reading()) {
            return false;
        }
        if (loadedFor.get() == assignment) {
            return true;
        }
        if (loading.compareAndSet(false, true)) {
            load(assignment);
        }
        return false;
    }

    private void load(long assignment) {
        Instant now = Instant.now();
        pool.preparedQuery(WAITING).execute(Tuple.of(now.atOffset(ZoneOffset.UTC))).subscribe().with(rows -> {
            for (Row row : rows) {
                mark(row.getString("belt_id"), row.getOffsetDateTime("expires_at").toInstant());
            }
            loadedFor.set(assignment);
            loading.set(false);
            forgetExpired(now);
        }, failure -> {
            loading.set(false);
            LOG.warnf("waiting commands not read (%s); every upload claims until they are", failure.toString());
        });
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetExpired() {
        forgetExpired(Instant.now());
    }

    private void forgetExpired(Instant now) {
        belts.entrySet().removeIf(entry -> !entry.getValue().isAfter(now));
    }
}
