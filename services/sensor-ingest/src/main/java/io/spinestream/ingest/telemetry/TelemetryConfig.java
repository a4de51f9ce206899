package io.spinestream.ingest.telemetry;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Limits and guarantees of {@code POST /v1/telemetry}. */
@ConfigMapping(prefix = "spinestream.ingest.telemetry")
public interface TelemetryConfig {

    /**
     * Largest request body accepted; a larger one answers 413 (checked on {@code Content-Length}
     * before the body is read, and on the body itself). A maximal valid batch (2000 samples in all
     * eight channels) is at most about 250 KiB of JSON and 64 KiB of Protobuf.
     */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /** How many violations a 400 lists; its {@code detail} says how many there were in all. */
    @WithDefault("20")
    int maxViolationsListed();

    /** Per-belt rate limit. */
    RateLimit rateLimit();

    /** The write to the telemetry topic. */
    Publish publish();

    /** The {@code (beltId, seq)} idempotency ledger. */
    Idempotency idempotency();

    interface RateLimit {
        /** Sustained batches per second one belt may upload (a belt at 50 Hz sends about one per second). */
        @WithDefault("10")
        double batchesPerSecond();

        /** Batches a belt may send at once, e.g. when a phone relays what it buffered offline. */
        @WithDefault("40")
        int burst();
    }

    interface Publish {
        /**
         * How long Kafka may take to acknowledge a batch (Kafka's {@code delivery.timeout.ms}):
         * the longest a belt waits before a 503. Must be at least {@link #requestTimeout()}.
         */
        @WithDefault("5s")
        Duration deliveryTimeout();

        /** One produce request's timeout (Kafka's {@code request.timeout.ms}). */
        @WithDefault("2s")
        Duration requestTimeout();

        /** How long a send may wait for topic metadata when the broker is away (Kafka's {@code max.block.ms}). */
        @WithDefault("2s")
        Duration maxBlock();

        /**
         * Kafka's {@code linger.ms}: 2 ms, so that under load one produce request carries the batches
         * of many concurrent uploads (less broker work per batch) while adding at most 2 ms of the
         * haptic path's 50 ms budget from upload to command; {@code 0ms} sends each record at once.
         */
        @WithDefault("2ms")
        Duration linger();

        /** {@code Retry-After} of the 503 answered while the broker is unavailable. */
        @WithDefault("5s")
        Duration unavailableRetryAfter();
    }

    interface Idempotency {
        /**
         * How long an accepted {@code (beltId, seq)} is remembered; a batch re-sent later is
         * published again. Matches the telemetry topic's retention.
         */
        @WithDefault("7d")
        Duration retention();

        /**
         * How long a batch being published is reserved for the request publishing it. A re-sent
         * copy arriving meanwhile answers 409 with {@code Retry-After}; after this long (the
         * instance that held it died) a copy may publish it. Must exceed the delivery timeout plus
         * the max block, so that a live request has always finished first.
         */
        @WithDefault("30s")
        Duration claimLease();

        /** {@code Retry-After} of that 409. */
        @WithDefault("1s")
        Duration inFlightRetryAfter();

        /** How often expired entries are deleted. */
        @WithDefault("1h")
        Duration cleanupInterval();
    }
}
