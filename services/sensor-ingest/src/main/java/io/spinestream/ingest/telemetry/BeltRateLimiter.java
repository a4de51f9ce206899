package io.spinestream.ingest.telemetry;

import io.spinestream.platform.ratelimit.RateLimitConfig;
import io.spinestream.platform.ratelimit.TokenBuckets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Optional;

/**
 * The per-belt upload rate limit. Kept in memory per instance: behind a load balancer spreading
 * one belt over N instances, the belt gets up to N times the rate, which still bounds a runaway
 * belt without a shared store on the hot path. Every request of a belt, uploads included, also
 * counts against the platform's per-belt limit ({@link RateLimitConfig#belt()}).
 */
@ApplicationScoped
public class BeltRateLimiter {

    private final TokenBuckets buckets;

    @Inject
    public BeltRateLimiter(TelemetryConfig config, RateLimitConfig limits) {
        this.buckets = new TokenBuckets(config.rateLimit().batchesPerSecond(), config.rateLimit().burst(),
                limits.maxTracked(), System::nanoTime);
    }

    /** Empty if the belt may upload now; otherwise how long it should wait. */
    public Optional<Duration> tryAcquire(String beltId) {
        return buckets.tryTake(beltId);
    }
}
