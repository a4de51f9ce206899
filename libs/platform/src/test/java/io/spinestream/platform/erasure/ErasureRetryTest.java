package io.spinestream.platform.erasure;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Offline, like {@link ErasureRequestHandlerTest}: libs/platform has no test dependencies yet. */
class ErasureRetryTest {

    private static final ErasureRetry QUICK = new ErasureRetry(Duration.ofMillis(1), Duration.ofMillis(5), 3);

    @Test
    void givenWorkStartedOnAVertxContext_whenItFailsAndIsRetried_thenEveryAttemptRunsOnThatContext() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Context context = vertx.getOrCreateContext();
            List<Context> seen = new CopyOnWriteArrayList<>();
            AtomicInteger attempts = new AtomicInteger();
            CompletableFuture<String> result = new CompletableFuture<>();

            context.runOnContext(ignored -> QUICK.run(() -> {
                seen.add(Vertx.currentContext());
                return attempts.incrementAndGet() < 3 ? Uni.createFrom().failure(new IllegalStateException("database away"))
                        : Uni.createFrom().item("done");
            }).subscribe().with(result::complete, result::completeExceptionally));

            assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("done");
            // A reactive database client would refuse an attempt made on the back-off timer's thread.
            assertThat(seen).hasSize(3).allSatisfy(c -> assertThat(c).isSameAs(context));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void givenWorkThatKeepsFailing_whenRun_thenItIsTriedOncePlusTheRetriesAndTheLastFailureComesOut() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> QUICK.run(() -> Uni.createFrom().failure(
                new IllegalStateException("attempt " + attempts.incrementAndGet()))).await().indefinitely())
                .hasMessage("attempt 4");
        assertThat(attempts).hasValue(4);
    }

    @Test
    void givenNegativeRetries_whenBuilt_thenRejected() {
        assertThatThrownBy(() -> new ErasureRetry(Duration.ZERO, Duration.ZERO, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
