package io.spinestream.ingest.telemetry;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per key: {@code burst} tokens, refilled at {@code ratePerSecond}; a request
 * takes one. Pure logic with an injectable clock, so it is tested without waiting.
 */
final class TokenBuckets {

    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    TokenBuckets(double ratePerSecond, int burst, LongSupplier nanoTime) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
        }
        this.ratePerNano = ratePerSecond / 1_000_000_000d;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** Takes a token of {@code key}: empty if there was one, otherwise how long until there is. */
    Optional<Duration> tryTake(String key) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.refill(now);
            if (bucket.tokens >= 1d) {
                bucket.tokens -= 1d;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1d - bucket.tokens) / ratePerNano)));
        }
    }

    /** Forgets full buckets: a new bucket is full too, so nothing changes but memory. Returns how many. */
    int evictFull() {
        long now = nanoTime.getAsLong();
        int before = buckets.size();
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                bucket.refill(now);
                return bucket.tokens >= burst;
            }
        });
        return before - buckets.size();
    }

    int size() {
        return buckets.size();
    }

    private final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        void refill(long now) {
            long elapsed = now - updatedAt;
            if (elapsed > 0) {
                tokens = Math.min(burst, tokens + elapsed * ratePerNano);
                updatedAt = now;
            }
        }
    }
}
