package io.spinestream.ingest.telemetry;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One database statement for many concurrent requests: while a group's statement runs, the requests
 * that arrive wait for it and then go together in the next group (at most {@code maxPerGroup}).
 * Under load one statement and one commit serve many requests; when idle a request goes at once,
 * alone. Each request learns its own result on its own Vert.x context.
 *
 * @param <T> what a request asks
 * @param <R> what it gets back
 */
final class StatementGroups<T, R> {

    /** A request waiting for its group's outcome. */
    static final class Waiting<T, R> {
        final T request;
        private final UniEmitter<? super R> emitter;
        private final Context context;

        private Waiting(T request, UniEmitter<? super R> emitter, Context context) {
            this.request = request;
            this.emitter = emitter;
            this.context = context;
        }

        void complete(R result) {
            onContext(() -> emitter.complete(result));
        }

        void fail(Throwable failure) {
            onContext(() -> emitter.fail(failure));
        }

        private void onContext(Runnable done) {
            if (context != null) {
                context.runOnContext(ignored -> done.run());
            } else {
                done.run();
            }
        }
    }

    private final int maxPerGroup;
    /** Runs a group's statement and settles its requests; the next group starts when the Uni ends. */
    private final Function<List<Waiting<T, R>>, Uni<?>> statement;
    private final ArrayDeque<Waiting<T, R>> waiting = new ArrayDeque<>();
    private boolean running;

    StatementGroups(int maxPerGroup, Function<List<Waiting<T, R>>, Uni<?>> statement) {
        this.maxPerGroup = maxPerGroup;
        this.statement = statement;
    }

    Uni<R> submit(T request) {
        return Uni.createFrom().emitter(emitter -> {
            boolean start;
            synchronized (this) {
                waiting.add(new Waiting<>(request, emitter, Vertx.currentContext()));
                start = !running;
                running = true;
            }
            if (start) {
                next();
            }
        });
    }

    /** Requests waiting for the statement in flight to end. */
    synchronized int waitingCount() {
        return waiting.size();
    }

    /** Sends what is waiting; called again when that statement ends, until nothing waits. */
    private void next() {
        List<Waiting<T, R>> group;
        synchronized (this) {
            if (waiting.isEmpty()) {
                running = false;
                return;
            }
            group = new ArrayList<>(Math.min(waiting.size(), maxPerGroup));
            while (!waiting.isEmpty() && group.size() < maxPerGroup) {
                group.add(waiting.poll());
            }
        }
        Uni<?> run;
        try {
            run = statement.apply(group);
        } catch (RuntimeException e) {
            run = Uni.createFrom().failure(e);
        }
        run.subscribe().with(done -> next(), failure -> {
            group.forEach(w -> w.fail(failure));
            next();
        });
    }
}
