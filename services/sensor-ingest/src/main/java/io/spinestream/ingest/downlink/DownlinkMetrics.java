package io.spinestream.ingest.downlink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code spinestream_ingest_commands_total} by outcome: stored (for a belt of this platform),
 * delivered by stream or poll, dropped (expired, unreadable), retried (an attempt to store and
 * push it again after a failure), or failed (given up: it expired while the database failed, or the database rejected it).
 */
@ApplicationScoped
public class DownlinkMetrics {

    private final MeterRegistry registry;

    @Inject
    public DownlinkMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(String outcome, int n) {
        if (n > 0) {
            Counter.builder("spinestream.ingest.commands")
                    .description("Belt commands by what became of them on this instance")
                    .tag("outcome", outcome)
                    .register(registry)
                    .increment(n);
        }
    }
}
