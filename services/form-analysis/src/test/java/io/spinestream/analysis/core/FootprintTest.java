package io.spinestream.analysis.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-sample path's footprint: nothing allocated per sample, and bounded per-belt state.
 * Both are counted (bytes), not timed; throughput belongs to the JMH benchmark in tools/bench.
 */
class FootprintTest {

    private static final EventSink DROP = e -> { };

    /** {@code copies} × the recording's batches, re-stamped with increasing seq and time. */
    private static List<TelemetryBatch> repeat(List<TelemetryBatch> batches, int copies) {
        List<TelemetryBatch> out = new ArrayList<>();
        long seq = 0;
        long span = batches.get(batches.size() - 1).getStartedAtMs() - batches.get(0).getStartedAtMs()
                + batches.get(batches.size() - 1).getChannels().getTrunkPitchCount() * 1000L
                / batches.get(0).getRateHz();
        for (int c = 0; c < copies; c++) {
            for (TelemetryBatch b : batches) {
                out.add(b.toBuilder().setSeq(seq++).setStartedAtMs(b.getStartedAtMs() + c * span).build());
            }
        }
        return out;
    }

    private static List<TelemetryBatch> deadlift(int rateHz, int batchSize) {
        return RecordingGenerator.belt("SB-PERF-1").rateHz(rateHz).batchSize(batchSize).withStrain(true)
                .noise(0.5).accNoise(0.05).strainNoise(0.001).activity("deadlift").hold(Duration.ofSeconds(1))
                .reps(100, Duration.ofMillis(1600), Pose.hinge(55), Duration.ofMillis(400)).batches();
    }

    private static long samples(List<TelemetryBatch> batches) {
        return batches.stream().mapToLong(b -> b.getChannels().getTrunkPitchCount()).sum();
    }

    @Test
    void givenLargeBatches_whenAnalyzed_thenNothingIsAllocatedPerSample() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        BatchContext ctx = BatchContext.of("c", "w-1", List.of(), null);
        List<TelemetryBatch> large = repeat(deadlift(50, 2000), 20);
        List<TelemetryBatch> small = repeat(deadlift(50, 100), 2);
        // warm up (JIT) on other belts' copies
        for (int i = 0; i < 3; i++) {
            BeltAnalyzer warm = new BeltAnalyzer("SB-PERF-1");
            large.forEach(b -> warm.analyze(b, ctx, DROP));
            BeltAnalyzer warmSmall = new BeltAnalyzer("SB-PERF-1");
            small.forEach(b -> warmSmall.analyze(b, ctx, DROP));
        }

        BeltAnalyzer a = new BeltAnalyzer("SB-PERF-1");
        long before = threads.getThreadAllocatedBytes(thread);
        for (TelemetryBatch b : large) {
            a.analyze(b, ctx, DROP);
        }
        long largeBytes = threads.getThreadAllocatedBytes(thread) - before;

        BeltAnalyzer s = new BeltAnalyzer("SB-PERF-1");
        before = threads.getThreadAllocatedBytes(thread);
        for (TelemetryBatch b : small) {
            s.analyze(b, ctx, DROP);
        }
        long smallBytes = threads.getThreadAllocatedBytes(thread) - before;

        double perBatchLarge = (double) largeBytes / large.size();
        double perBatchSmall = (double) smallBytes / small.size();
        double perSample = (double) largeBytes / samples(large);
        System.out.printf("allocation: %.0f B per 2000-sample batch, %.0f B per 100-sample batch, %.4f B per sample%n",
                perBatchLarge, perBatchSmall, perSample);
        // the same few objects per batch (limits, session start), whatever its size
        assertThat(perBatchLarge).isLessThan(perBatchSmall + 256);
        assertThat(perSample).isLessThan(0.5);
    }

    @Test
    void givenTheLargestStateWeCanThinkOf_whenSnapshot_thenAtMost4KB() {
        // 400 Hz (largest median window), a rep session beyond the kept rep metrics, the
        // overuse window full, the impact window full, strain pending, an impact peak open
        RecordingGenerator gen = RecordingGenerator.belt("SB-PERF-LARGEST-STATE-0000000001").rateHz(400)
                .batchSize(400).withStrain(true).noise(0.8).accNoise(0.1).strainNoise(0.001)
                .activity("deadlift").hold(Duration.ofSeconds(1))
                .impacts(Duration.ofMillis(300), 3.4)
                .reps(160, Duration.ofMillis(900), new Pose(23.7, -13.3, 12.1, 47.9), Duration.ofMillis(300));
        BatchContext ctx = new BatchContext("clinic-with-a-rather-long-identifier-0001",
                "wearer-with-a-rather-long-identifier-00000001", List.of(), null, null);
        BeltAnalyzer analyzer = new BeltAnalyzer(gen.beltId());
        int largest = 0;
        for (TelemetryBatch b : gen.batches()) {
            analyzer.analyze(b, ctx, DROP);
            largest = Math.max(largest, analyzer.snapshot().length);
        }
        System.out.printf("largest state: %d bytes%n", largest);
        assertThat(largest).isLessThanOrEqualTo(4096);
    }

    @Test
    void givenAnIdleBelt_whenSnapshot_thenTiny() {
        BeltAnalyzer analyzer = new BeltAnalyzer("SB-000123");
        List<AnalysisEvent> events = new ArrayList<>();
        RecordingGenerator.belt("SB-000123").startAt(Instant.parse("2026-11-20T10:00:00Z")).activity("walking")
                .hold(Duration.ofSeconds(10)).batches().forEach(b -> analyzer.analyze(b, BatchContext.none(), events::add));
        int open = analyzer.snapshot().length;
        analyzer.closeSession(events::add);
        int closed = analyzer.snapshot().length;
        System.out.printf("state: %d bytes with a walking session open, %d bytes closed%n", open, closed);
        assertThat(closed).isLessThan(64);
        assertThat(open).isLessThan(160);
    }
}
