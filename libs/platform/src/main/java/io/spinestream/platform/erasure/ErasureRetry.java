package io.spinestream.platform.erasure;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How erasure work (a participant's deletion and receipt, the journal's recording of receipts), and
 * any other consumer that writes through Hibernate Reactive, is retried: with back-off, every attempt on the Vert.x context the work started on. Hibernate Reactive
 * and the reactive SQL clients only run there, and a plain Mutiny retry would subscribe again on the
 * timer's thread.
 *
 * @param firstBackOff wait before the first retry
 * @param maxBackOff   longest wait between retries
 * @param retries      retries after the first attempt; 0 for none
 */
public record ErasureRetry(Duration firstBackOff, Duration maxBackOff, int retries) {

    /** 8 retries, backing off from 200 ms to 5 s: rides out a database or broker failover. */
    public static final ErasureRetry DEFAULT = new ErasureRetry(Duration.ofMillis(200), Duration.ofSeconds(5), 8);

    public ErasureRetry {
        Objects.requireNonNull(firstBackOff, "firstBackOff");
        Objects.requireNonNull(maxBackOff, "maxBackOff");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0");
        }
    }

    /** Runs {@code attempt} (again on failure, up to {@link #retries()} times); the last failure if all fail. */
    public <T> Uni<T> run(Supplier<Uni<? extends T>> attempt) {
        Context context = Vertx.currentContext();
        Uni<T> once = Uni.createFrom().<T>deferred(attempt);
        if (context != null) {
            once = once.runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return retries == 0 ? once : once.onFailure().retry().withBackOff(firstBackOff, maxBackOff).atMost(retries);
    }
}
