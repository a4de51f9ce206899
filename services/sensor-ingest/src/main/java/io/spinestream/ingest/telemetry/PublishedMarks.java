package io.spinestream.ingest.telemetry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.List;
import java.util.UUID;

/**
 * Marks ledger keys published, many in one statement: while one UPDATE runs, the marks that arrive
 * wait for it and then go together in the next one ({@link StatementGroups}). Under load one
 * statement and one commit (one WAL flush) serve many uploads; an idle service sends each mark at
 * once, alone. Each caller still learns when (and whether) its own key was marked, on its own
 * Vert.x context.
 */
final class PublishedMarks {

    // Only the claim that published it may mark a key (another request may have taken an expired claim over).
    private static final String PUBLISHED = """
            UPDATE ingested_batch AS b SET state = 'published'
              FROM unnest($1::text[], $2::bigint[], $3::uuid[]) AS m(belt_id, seq, claim_token)
             WHERE b.belt_id = m.belt_id AND b.seq = m.seq AND b.claim_token = m.claim_token""";

    /** At most this many keys per statement (the statement stays small, the wait bounded). */
    static final int MAX_PER_STATEMENT = 512;

    private record Mark(String beltId, long seq, UUID token) {
    }

    private final Pool pool;
    private final StatementGroups<Mark, Void> groups = new StatementGroups<>(MAX_PER_STATEMENT, this::markAll);

    PublishedMarks(Pool pool) {
        this.pool = pool;
    }

    Uni<Void> mark(String beltId, long seq, UUID token) {
        return groups.submit(new Mark(beltId, seq, token));
    }

    private Uni<Void> markAll(List<StatementGroups.Waiting<Mark, Void>> group) {
        String[] belts = new String[group.size()];
        Long[] seqs = new Long[group.size()];
        UUID[] tokens = new UUID[group.size()];
        for (int i = 0; i < group.size(); i++) {
            Mark m = group.get(i).request;
            belts[i] = m.beltId();
            seqs[i] = m.seq();
            tokens[i] = m.token();
        }
        return pool.preparedQuery(PUBLISHED)
                .execute(Tuple.tuple().addArrayOfString(belts).addArrayOfLong(seqs).addArrayOfUUID(tokens))
                .invoke(rows -> group.forEach(w -> w.complete(null)))
                .replaceWithVoid();
    }
}
