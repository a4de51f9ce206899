package io.spinestream.platform.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One token bucket per key: {@code burst} tokens, refilled at {@code ratePerSecond}; a request
 * takes one. Pure logic with an injectable clock, so it is tested without waiting.
 *
 * <p>Memory is bounded. Once a minute the buckets that have filled up again are forgotten (a new
 * bucket is full too, so nothing changes but memory). A new key arriving while {@code maxKeys}
 * buckets are kept first forgets the full ones, and if that is not enough the tenth of them that
 * has been idle longest: those keys start again with a full burst, which is the price of a bound
 * that a flood of keys cannot break.
 */
public final class TokenBuckets {

    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final double ratePerNano;
    private final double burst;
    private final int maxKeys;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;

    /**
     * @param ratePerSecond tokens added per second, up to the burst (&gt; 0)
     * @param burst         tokens a full bucket holds: requests that may come at once (&ge; 1)
     * @param maxKeys       buckets kept at most (&ge; 1)
     * @param nanoTime      the clock, {@code System::nanoTime} outside tests
     */
    public TokenBuckets(double ratePerSecond, int burst, int maxKeys, LongSupplier nanoTime) {
        if (!(ratePerSecond > 0) || burst < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("rate must be > 0, burst >= 1 and maxKeys >= 1");
        }
        this.ratePerNano = ratePerSecond / 1_000_000_000d;
        this.burst = burst;
        this.maxKeys = maxKeys;
        this.nanoTime = nanoTime;
        this.nextSweep = new AtomicLong(nanoTime.getAsLong() + SWEEP_EVERY.toNanos());
    }

    /** Takes a token of {@code key}: empty if there was one, otherwise how long until there is. */
    public Optional<Duration> tryTake(String key) {
        long now = nanoTime.getAsLong();
        sweepIfDue(now);
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxKeys) {
                makeRoom(now);
            }
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        }
        synchronized (bucket) {
            bucket.refill(now);
            bucket.lastUsed = now;
            if (bucket.tokens >= 1d) {
                bucket.tokens -= 1d;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1d - bucket.tokens) / ratePerNano)));
        }
    }

    /** Forgets full buckets. Returns how many. */
    public int evictFull() {
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

    /** Buckets kept now. */
    public int size() {
        return buckets.size();
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        // One caller sweeps; the others go on (compareAndSet fails for them).
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + SWEEP_EVERY.toNanos())) {
            evictFull();
        }
    }

    private synchronized void makeRoom(long now) {
        if (buckets.size() < maxKeys) {
            return;
        }
        evictFull();
        if (buckets.size() < maxKeys) {
            return;
        }
        List<Map.Entry<String, Long>> byLastUse = new ArrayList<>(buckets.size());
        buckets.forEach((key, bucket) -> {
            synchronized (bucket) {
                byLastUse.add(Map.entry(key, bucket.lastUsed));
            }
        });
        byLastUse.sort(Comparator.comparingLong(e -> e.getValue() - now));
        // Down to nine tenths of the bound, so that the next new keys do not sort again at once.
        int drop = buckets.size() - (maxKeys - Math.max(1, maxKeys / 10));
        for (int i = 0; i < drop && i < byLastUse.size(); i++) {
            buckets.remove(byLastUse.get(i).getKey());
        }
    }

    private final class Bucket {
        double tokens;
        long updatedAt;
        long lastUsed;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
            this.lastUsed = now;
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
