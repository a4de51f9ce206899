package io.spinestream.ingest.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.spinestream.ingest.telemetry.IngestLedger.AlreadyPublished;
import io.spinestream.ingest.telemetry.IngestLedger.Claim;
import io.spinestream.ingest.telemetry.IngestLedger.InFlight;
import io.spinestream.ingest.telemetry.IngestLedger.Owned;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * marks; both through {@link StatementGroups}). Under load one INSERT, one commit (one WAL flush) and at most one follow-up read serve many
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

    private record Request(Key key, String clinicId, Instant startedAt, Instant receivedAt) {
    }

    /** The first upload of a key in a group, which claims it, and later uploads of the same key. */
    private static final class Entry {
        final StatementGroups.Waiting<Request, Claim> first;
        final UUID token = UUID.randomUUID();
        final List<StatementGroups.Waiting<Request, Claim>> others = new ArrayList<>(0);

        Entry(StatementGroups.Waiting<Request, Claim> first) {
            this.first = first;
        }

        Key key() {
            return first.request.key();
        }

        void complete(Claim firstGets, Claim othersGet) {
            first.complete(firstGets);
            others.forEach(other -> other.complete(othersGet));
        }

        void fail(Throwable failure) {
            first.fail(failure);
            others.forEach(other -> other.fail(failure));
        }
    }

    private final Pool pool;
    private final Duration lease;
    private final StatementGroups<Request, Claim> groups = new StatementGroups<>(MAX_PER_STATEMENT, this::claimAll);
    private final DistributionSummary statements;
    private final Counter lookups;

    LedgerClaims(Pool pool, Duration lease, MeterRegistry registry) {
        this.pool = pool;
        this.lease = lease;
        this.statements = DistributionSummary.builder("spinestream.ingest.ledger.claims")
                .description("Uploads claimed per ledger claim statement (its count is the number of statements)")
                .register(registry);
        this.lookups = Counter.builder("spinestream.ingest.ledger.lookups")
                .description("Reads of the state of keys a claim statement left alone (published or in flight)")
                .register(registry);
        Gauge.builder("spinestream.ingest.ledger.claims.waiting", groups, StatementGroups::waitingCount)
                .description("Uploads waiting for the claim statement in flight to end")
                .register(registry);
    }

    Uni<Claim> claim(String beltId, long seq, String clinicId, Instant startedAt, Instant receivedAt) {
        return groups.submit(new Request(new Key(beltId, seq), clinicId, startedAt, receivedAt));
    }

    /** Claims a group; ends when its statement ends (the follow-up read runs alongside the next group). */
    private Uni<?> claimAll(List<StatementGroups.Waiting<Request, Claim>> group) {
        // One row per key: ON CONFLICT may not touch a row twice in one statement, and two uploads of
        // one batch at once must not both publish it. A later copy follows the first copy's outcome.
        Map<Key, Entry> entries = new LinkedHashMap<>();
        for (StatementGroups.Waiting<Request, Claim> waiting : group) {
            Entry entry = entries.get(waiting.request.key());
            if (entry == null) {
                entries.put(waiting.request.key(), new Entry(waiting));
            } else {
                entry.others.add(waiting);
            }
        }
        List<Entry> rows = new ArrayList<>(entries.values());
        rows.sort(Comparator.comparing((Entry e) -> e.key().beltId()).thenComparingLong(e -> e.key().seq()));
        int n = rows.size();
        String[] belts = new String[n];
        Long[] seqs = new Long[n];
        String[] clinics = new String[n];
        OffsetDateTime[] startedAt = new OffsetDateTime[n];
        OffsetDateTime[] receivedAt = new OffsetDateTime[n];
        UUID[] tokens = new UUID[n];
        for (int i = 0; i < n; i++) {
            Entry entry = rows.get(i);
            Request request = entry.first.request;
            belts[i] = request.key().beltId();
            seqs[i] = request.key().seq();
            clinics[i] = request.clinicId();
            startedAt[i] = utc(request.startedAt());
            receivedAt[i] = utc(request.receivedAt());
            tokens[i] = entry.token;
        }
        statements.record(group.size());
        return pool.preparedQuery(CLAIM).execute(Tuple.tuple()
                        .addArrayOfString(belts).addArrayOfLong(seqs).addArrayOfString(clinics)
                        .addArrayOfOffsetDateTime(startedAt).addArrayOfOffsetDateTime(receivedAt).addArrayOfUUID(tokens)
                        .addDouble((double) lease.toMillis()))
                .invoke(claimed -> settle(entries, claimed));
    }

    /** The statement committed: owners learn their claim; the keys it left alone are looked up together. */
    private void settle(Map<Key, Entry> entries, RowSet<Row> claimed) {
        Map<Key, Entry> left = new HashMap<>(entries);
        for (Row row : claimed) {
            Entry entry = left.remove(new Key(row.getString("belt_id"), row.getLong("seq")));
            if (entry != null) {
                // The first copy publishes it right now.
                entry.complete(new Owned(entry.token, row.getString("wearer_id"),
                        row.getOffsetDateTime("received_at").toInstant()), new InFlight());
            }
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
                entry.complete(state, state);
            });
        }, failure -> left.values().forEach(entry -> entry.fail(failure)));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
