package io.spinestream.ingest.telemetry;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Marks ledger keys published, many in one statement: while one UPDATE runs, the marks that arrive
 * wait for it and then go together in the next one. Under load one statement and one commit (one
 * WAL flush) serve many uploads; an idle service sends each mark at once, alone. Each caller still
 * learns when (and whether) its own key was marked, on its own Vert.x context.
 */
final class PublishedMarks {

    // Only the claim that published it may mark a key (another request may have taken an expired claim over).
    private static final String PUBLISHED = """
            UPDATE ingested_batch AS b SET state = 'published'
              FROM unnest($1::text[], $2::bigint[], $3::uuid[]) AS m(belt_id, seq, claim_token)
             WHERE b.belt_id = m.belt_id AND b.seq = m.seq AND b.claim_token = m.claim_token""";

    /** At most this many keys per statement (the statement stays small, the wait bounded). */
    static final int MAX_PER_STATEMENT = 512;

    private record Mark(String beltId, long seq, UUID token, UniEmitter<? super Void> emitter, Context context) {
    }

    private final Pool pool;
    private final ArrayDeque<Mark> waiting = new ArrayDeque<>();
    private boolean running;

    PublishedMarks(Pool pool) {
        this.pool = pool;
    }

    Uni<Void> mark(String beltId, long seq, UUID token) {
        return Uni.createFrom().emitter(emitter -> {
            boolean start;
            synchronized (this) {
                waiting.add(new Mark(beltId, seq, token, emitter, Vertx.currentContext()));
                start = !running;
                running = true;
            }
            if (start) {
                next();
            }
        });
    }

    /** Sends what is waiting; called again when that statement ends, until nothing waits. */
    private void next() {
        List<Mark> batch;
        synchronized (this) {
            if (waiting.isEmpty()) {
                running = false;
                return;
            }
            batch = new ArrayList<>(Math.min(waiting.size(), MAX_PER_STATEMENT));
            while (!waiting.isEmpty() && batch.size() < MAX_PER_STATEMENT) {
                batch.add(waiting.poll());
            }
        }
        String[] belts = new String[batch.size()];
        Long[] seqs = new Long[batch.size()];
        UUID[] tokens = new UUID[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Mark m = batch.get(i);
            belts[i] = m.beltId();
            seqs[i] = m.seq();
            tokens[i] = m.token();
        }
        Uni<?> statement;
        try {
            statement = pool.preparedQuery(PUBLISHED)
                    .execute(Tuple.tuple().addArrayOfString(belts).addArrayOfLong(seqs).addArrayOfUUID(tokens));
        } catch (RuntimeException e) {
            statement = Uni.createFrom().failure(e);
        }
        statement.subscribe().with(rows -> {
            complete(batch, null);
            next();
        }, failure -> {
            complete(batch, failure);
            next();
        });
    }

    private static void complete(List<Mark> batch, Throwable failure) {
        for (Mark m : batch) {
            Runnable done = failure == null ? () -> m.emitter().complete(null) : () -> m.emitter().fail(failure);
            if (m.context() != null) {
                m.context().runOnContext(ignored -> done.run());
            } else {
                done.run();
            }
        }
    }
}
