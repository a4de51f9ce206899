package io.spinestream.ingest.telemetry;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Optional;

/**
 * The per-belt upload rate limit. Kept in memory per instance: behind a load balancer spreading
 * one belt over N instances, the belt gets up to N times the rate, which still bounds a runaway
 * belt without a shared store on the hot path.
 */
@ApplicationScoped
public class BeltRateLimiter {

    private final TokenBuckets buckets;

    @Inject
    public BeltRateLimiter(TelemetryConfig config) {
        this.buckets = new TokenBuckets(config.rateLimit().batchesPerSecond(), config.rateLimit().burst(),
                System::nanoTime);
    }

    /** Empty if the belt may upload now; otherwise how long it should wait. */
    public Optional<Duration> tryAcquire(String beltId) {
        return buckets.tryTake(beltId);
    }

    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetIdleBelts() {
        buckets.evictFull();
    }
}
