package io.spinestream.ingest.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.TimeUnit;

/**
 * What an operator watches on the ingest path: {@code spinestream_ingest_batches_total} by outcome
 * (accepted, duplicate, rejected), reason and encoding, and
 * {@code spinestream_ingest_publish_seconds}, the time Kafka took to acknowledge (or give up).
 */
@ApplicationScoped
public class TelemetryMetrics {

    /** Why a batch was not accepted; the {@code reason} tag. */
    public enum Reason {
        INVALID, TOO_LARGE, RATE_LIMITED, FORBIDDEN, IN_FLIGHT, UNAVAILABLE;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Timer publishAcknowledged;
    private final Timer publishFailed;

    @Inject
    public TelemetryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.publishAcknowledged = publishTimer(registry, "acknowledged");
        this.publishFailed = publishTimer(registry, "failed");
    }

    void accepted(Encoding encoding) {
        batches("accepted", "none", encoding).increment();
    }

    void duplicate(Encoding encoding) {
        batches("duplicate", "none", encoding).increment();
    }

    void rejected(Encoding encoding, Reason reason) {
        batches("rejected", reason.tag(), encoding).increment();
    }

    void published(long startNanos, boolean acknowledged) {
        (acknowledged ? publishAcknowledged : publishFailed).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private Counter batches(String outcome, String reason, Encoding encoding) {
        return Counter.builder("spinestream.ingest.batches")
                .description("Telemetry batches received, by outcome")
                .tag("outcome", outcome).tag("reason", reason).tag("encoding", encoding.tag())
                .register(registry);
    }

    private static Timer publishTimer(MeterRegistry registry, String result) {
        return Timer.builder("spinestream.ingest.publish")
                .description("Time from sending a batch to Kafka to its acknowledgement or failure")
                .tag("result", result)
                .publishPercentileHistogram()
                .register(registry);
    }
}
