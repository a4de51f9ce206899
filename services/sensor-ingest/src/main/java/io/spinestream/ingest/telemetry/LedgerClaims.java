package io.spinestream.ingest.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.spinestream.ingest.telemetry.IngestLedger.AlreadyPublished;
import io.spinestream.ingest.telemetry.IngestLedger.Claim;
import io.spinestream.ingest.telemetry.IngestLedger.InFlight;
import io.spinestream.ingest.telemetry.IngestLedger.Owned;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Claims ledger keys for uploads, many in one statement: while one claim statement runs, the uploads
 * that arrive wait for it and then go together in the next one (as {@link PublishedMarks} does for
 * marks). Under load one INSERT, one commit (one WAL flush) and at most one follow-up read serve many
 * uploads; an idle service claims each upload at once, alone. Each key is claimed exactly as a single
 * claim would be, and each caller learns its own outcome on its own Vert.x context. A failed
 * statement fails every upload in it, and wrote nothing (it is one transaction).
 */
final class LedgerClaims {

    // Per row, the semantics of a single claim: a new key is inserted; a pending key whose claim
    // outlived its lease (its publisher died) is taken over, keeping received_at and wearer_id;
    // anything else is left alone and not returned. Claims are timed by the database's clock, so
    // instances with skewed clocks agree on leases. The wearer is attributed only if they may still
    // be recorded (wearer_recordable, V6__erasure.sql), per row: a batch claimed while its wearer is
    // being erased waits for it and goes to nobody; one claimed just before makes the erasure wait,
    // and the erasure then unlinks it. Rows go in key order, so that two instances claiming
    // overlapping keys wait for each other in the same order rather than deadlock.
    private static final String CLAIM = """
            INSERT INTO ingested_batch AS b (belt_id, seq, clinic_id, wearer_id, received_at, state, claim_token, claimed_at)
            SELECT c.belt_id, c.seq, c.clinic_id,
                   (SELECT CASE WHEN wearer_recordable(c.clinic_id, w.wearer_id) THEN w.wearer_id END
                      FROM (SELECT a.wearer_id FROM belt_assignment a
                             WHERE a.belt_id = c.belt_id AND a.assigned_at <= c.started_at
                               AND (a.unassigned_at IS NULL OR a.unassigned_at > c.started_at)
                             ORDER BY a.assigned_at DESC LIMIT 1) w),
                   c.received_at, 'pending', c.claim_token, clock_timestamp()
              FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::uuid[])
                   AS c(belt_id, seq, clinic_id, started_at, received_at, claim_token)
             ORDER BY c.belt_id, c.seq
            ON CONFLICT (belt_id, seq) DO UPDATE
               SET claim_token = EXCLUDED.claim_token, claimed_at = EXCLUDED.claimed_at
             WHERE b.state = 'pending' AND b.claimed_at < clock_timestamp() - $7::float8 * INTERVAL '1 millisecond'
            RETURNING b.belt_id, b.seq, b.wearer_id, b.received_at""";

    // The keys the claim left alone: published before, or held by a live claim (or released a moment ago).
    private static final String FIND = """
            SELECT b.belt_id, b.seq, b.state, b.received_at
              FROM ingested_batch b JOIN unnest($1::text[], $2::bigint[]) AS k(belt_id, seq)
                ON b.belt_id = k.belt_id AND b.seq = k.seq""";

    /** At most this many uploads per statement (the statement stays small, the wait bounded). */
    static final int MAX_PER_STATEMENT = 256;

    private record Key(String beltId, long seq) {
    }

    private record Request(Key key, String clinicId, Instant startedAt, Instant receivedAt,
                           UniEmitter<? super Claim> emitter, Context context) {
    }

    /** The first upload of a key in a group, which claims it, and later uploads of the same key. */
    private static final class Entry {
        final Request first;
        final UUID token = UUID.randomUUID();
        final List<Request> others = new ArrayList<>(0);

        Entry(Request first) {
            this.first = first;
        }
    }

    private final Pool pool;
    private final Duration lease;
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private final DistributionSummary groups;
    private final Counter lookups;
    private boolean running;

    LedgerClaims(Pool pool, Duration lease, MeterRegistry registry) {
        this.pool = pool;
        this.lease = lease;
        this.groups = DistributionSummary.builder("spinestream.ingest.ledger.claims")
                .description("Uploads claimed per ledger claim statement (its count is the number of statements)")
                .register(registry);
        this.lookups = Counter.builder("spinestream.ingest.ledger.lookups")
                .description("Reads of the state of keys a claim statement left alone (published or in flight)")
                .register(registry);
        Gauge.builder("spinestream.ingest.ledger.claims.waiting", this, LedgerClaims::waitingCount)
                .description("Uploads waiting for the claim statement in flight to end")
                .register(registry);
    }

    Uni<Claim> claim(String beltId, long seq, String clinicId, Instant startedAt, Instant receivedAt) {
        return Uni.createFrom().emitter(emitter -> {
            boolean start;
            synchronized (this) {
                waiting.add(new Request(new Key(beltId, seq), clinicId, startedAt, receivedAt, emitter,
                        Vertx.currentContext()));
                start = !running;
                running = true;
            }
            if (start) {
                next();
            }
        });
    }

    synchronized int waitingCount() {
        return waiting.size();
    }

    /** Sends what is waiting; called again when that statement ends, until nothing waits. */
    private void next() {
        List<Request> group;
        synchronized (this) {
            if (waiting.isEmpty()) {
                running = false;
                return;
            }
            group = new ArrayList<>(Math.min(waiting.size(), MAX_PER_STATEMENT));
            while (!waiting.isEmpty() && group.size() < MAX_PER_STATEMENT) {
                group.add(waiting.poll());
            }
        }
        // One row per key: ON CONFLICT may not touch a row twice in one statement, and two uploads of
        // one batch at once must not both publish it. A later copy follows the first copy's outcome.
        Map<Key, Entry> entries = new LinkedHashMap<>();
        for (Request request : group) {
            Entry entry = entries.get(request.key());
            if (entry == null) {
                entries.put(request.key(), new Entry(request));
            } else {
                entry.others.add(request);
            }
        }
        List<Entry> rows = new ArrayList<>(entries.values());
        rows.sort(Comparator.comparing((Entry e) -> e.first.key().beltId()).thenComparingLong(e -> e.first.key().seq()));
        int n = rows.size();
        String[] belts = new String[n];
        Long[] seqs = new Long[n];
        String[] clinics = new String[n];
        OffsetDateTime[] startedAt = new OffsetDateTime[n];
        OffsetDateTime[] receivedAt = new OffsetDateTime[n];
        UUID[] tokens = new UUID[n];
        for (int i = 0; i < n; i++) {
            Entry entry = rows.get(i);
            belts[i] = entry.first.key().beltId();
            seqs[i] = entry.first.key().seq();
            clinics[i] = entry.first.clinicId();
            startedAt[i] = utc(entry.first.startedAt());
            receivedAt[i] = utc(entry.first.receivedAt());
            tokens[i] = entry.token;
        }
        groups.record(group.size());
        Uni<RowSet<Row>> statement;
        try {
            statement = pool.preparedQuery(CLAIM).execute(Tuple.tuple()
                    .addArrayOfString(belts).addArrayOfLong(seqs).addArrayOfString(clinics)
                    .addArrayOfOffsetDateTime(startedAt).addArrayOfOffsetDateTime(receivedAt).addArrayOfUUID(tokens)
                    .addDouble((double) lease.toMillis()));
        } catch (RuntimeException e) {
            statement = Uni.createFrom().failure(e);
        }
        statement.subscribe().with(claimed -> {
            next();
            settle(entries, claimed);
        }, failure -> {
            next();
            for (Request request : group) {
                fail(request, failure);
            }
        });
    }

    /** The statement committed: owners learn their claim; the keys it left alone are looked up together. */
    private void settle(Map<Key, Entry> entries, RowSet<Row> claimed) {
        Map<Key, Entry> left = new HashMap<>(entries);
        for (Row row : claimed) {
            Entry entry = left.remove(new Key(row.getString("belt_id"), row.getLong("seq")));
            if (entry == null) {
                continue;
            }
            complete(entry.first, new Owned(entry.token, row.getString("wearer_id"),
                    row.getOffsetDateTime("received_at").toInstant()));
            // The first copy publishes it right now.
            entry.others.forEach(other -> complete(other, new InFlight()));
        }
        if (left.isEmpty()) {
            return;
        }
        String[] belts = new String[left.size()];
        Long[] seqs = new Long[left.size()];
        int i = 0;
        for (Key key : left.keySet()) {
            belts[i] = key.beltId();
            seqs[i] = key.seq();
            i++;
        }
        lookups.increment();
        Uni<RowSet<Row>> find;
        try {
            find = pool.preparedQuery(FIND).execute(Tuple.tuple().addArrayOfString(belts).addArrayOfLong(seqs));
        } catch (RuntimeException e) {
            find = Uni.createFrom().failure(e);
        }
        find.subscribe().with(found -> {
            Map<Key, Claim> states = new HashMap<>();
            for (Row row : found) {
                if ("published".equals(row.getString("state"))) {
                    states.put(new Key(row.getString("belt_id"), row.getLong("seq")),
                            new AlreadyPublished(row.getOffsetDateTime("received_at").toInstant()));
                }
            }
            left.forEach((key, entry) -> {
                // Pending elsewhere, or released by a failed publisher a moment ago: retry shortly.
                Claim state = states.getOrDefault(key, new InFlight());
                complete(entry.first, state);
                entry.others.forEach(other -> complete(other, state));
            });
        }, failure -> left.values().forEach(entry -> {
            fail(entry.first, failure);
            entry.others.forEach(other -> fail(other, failure));
        }));
    }

    private static void complete(Request request, Claim claim) {
        onContext(request, () -> request.emitter().complete(claim));
    }

    private static void fail(Request request, Throwable failure) {
        onContext(request, () -> request.emitter().fail(failure));
    }

    private static void onContext(Request request, Runnable done) {
        if (request.context() != null) {
            request.context().runOnContext(ignored -> done.run());
        } else {
            done.run();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
