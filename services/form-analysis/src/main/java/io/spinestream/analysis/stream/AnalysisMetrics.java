package io.spinestream.analysis.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.spinestream.analysis.core.AnalysisEvent;
import io.spinestream.analysis.core.BatchOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the live analyzer does, for Prometheus: outcomes, events raised, time per batch. */
@ApplicationScoped
public class AnalysisMetrics {

    private final Map<BatchOutcome, Counter> batches = new EnumMap<>(BatchOutcome.class);
    private final Counter faults;
    private final Counter advisories;
    private final Counter summaries;
    private final Counter failed;
    private final Counter idleClosed;
    private final Counter erasedBatches;
    private final Counter erasedStates;
    private final Timer analysis;
    private final Timer delay;

    @Inject
    public AnalysisMetrics(MeterRegistry registry) {
        for (BatchOutcome outcome : BatchOutcome.values()) {
            batches.put(outcome, Counter.builder("form_analysis_batches")
                    .description("Telemetry batches by what the analyzer did with them")
                    .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
        }
        faults = events(registry, "fault");
        advisories = events(registry, "advisory");
        summaries = events(registry, "summary");
        failed = Counter.builder("form_analysis_batch_failures")
                .description("Batches skipped because the analyzer failed on them").register(registry);
        idleClosed = Counter.builder("form_analysis_idle_sessions_closed")
                .description("Sessions closed by the idle punctuator").register(registry);
        erasedBatches = Counter.builder("form_analysis_erased_wearer_records")
                .description("Records of erased wearers not stored (late or replayed data)")
                .tag("kind", "analyzed_batch").register(registry);
        erasedStates = Counter.builder("form_analysis_erased_belt_states")
                .description("Belt states dropped because they held something of an erased wearer")
                .register(registry);
        analysis = Timer.builder("form_analysis_batch_analysis")
                .description("Time to analyse one batch, state restore and write included")
                .publishPercentiles(0.5, 0.99).register(registry);
        delay = Timer.builder("form_analysis_batch_delay")
                .description("From the telemetry record's timestamp (ingest) to the end of its analysis")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    private static Counter events(MeterRegistry registry, String kind) {
        return Counter.builder("form_analysis_events").description("Events raised by the live analyzer")
                .tag("kind", kind).register(registry);
    }

    void batch(BatchOutcome outcome) {
        batches.get(outcome).increment();
    }

    void raised(AnalysisEvent event) {
        (event.isSummary() ? summaries : event.isFault() ? faults : advisories).increment();
    }

    void failed() {
        failed.increment();
    }

    void idleClosed() {
        idleClosed.increment();
    }

    void erasedWearerBatch() {
        erasedBatches.increment();
    }

    void erasedWearerState() {
        erasedStates.increment();
    }

    void processed(long analysisNanos, long delayMs) {
        analysis.record(analysisNanos, TimeUnit.NANOSECONDS);
        if (delayMs >= 0) {
            delay.record(Duration.ofMillis(delayMs));
        }
    }
}
