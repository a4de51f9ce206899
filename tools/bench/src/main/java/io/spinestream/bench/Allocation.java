package io.spinestream.bench;

import io.spinestream.analysis.core.AnalysisEvent;
import io.spinestream.analysis.core.BatchContext;
import io.spinestream.analysis.core.BeltAnalyzer;
import io.spinestream.analysis.core.EventSink;
import io.spinestream.bench.BenchRecordings.Workload;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

/**
 * Bytes allocated per batch, batch by batch, with the current thread's allocation counter
 * ({@code com.sun.management.ThreadMXBean}) in this JVM after a warm-up: the whole pass per
 * batch, and the median batch that raised no event (the per-batch cost without what raising
 * events costs). Counted, not timed.
 */
public final class Allocation {

    /**
     * @param workload        what was analysed
     * @param batchSize       samples per batch
     * @param events          events raised in the pass (summary included)
     * @param bytesPerBatch   everything allocated by the pass (batches and closing) per batch
     * @param quietBatchBytes median over the batches that raised no event; -1 when none did
     * @param bytesPerEvent   what is left over the quiet batches, per event; NaN without events
     */
    public record Sizes(Workload workload, int batchSize, long events, double bytesPerBatch, long quietBatchBytes,
                        double bytesPerEvent) {
    }

    private static final class Counting implements EventSink {
        long events;

        @Override
        public void accept(AnalysisEvent event) {
            events++;
        }
    }

    private Allocation() {
    }

    /** Whether this JVM counts allocated bytes per thread. */
    public static boolean supported() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx
                && mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled();
    }

    /** Warms the analyzer up (JIT) on this workload: many batches of 50. */
    public static void warmUp(Workload workload) {
        List<TelemetryBatch> batches = BenchRecordings.recording(workload, 50);
        BatchContext ctx = BenchRecordings.context();
        Counting sink = new Counting();
        for (int pass = 0; pass < 5; pass++) {
            BeltAnalyzer analyzer = new BeltAnalyzer(BenchRecordings.BELT_ID);
            for (TelemetryBatch b : batches) {
                analyzer.analyze(b, ctx, sink);
            }
            analyzer.closeSession(sink);
        }
    }

    /** One measured pass over the workload's recording in batches of {@code batchSize}. */
    public static Sizes measure(Workload workload, int batchSize) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        TelemetryBatch[] batches = BenchRecordings.recording(workload, batchSize).toArray(new TelemetryBatch[0]);
        BatchContext ctx = BenchRecordings.context();
        Counting sink = new Counting();
        long[] quiet = new long[batches.length];
        int quietCount = 0;
        long total = 0;
        long overhead = counterOverhead(mx);
        BeltAnalyzer analyzer = new BeltAnalyzer(BenchRecordings.BELT_ID);
        for (TelemetryBatch b : batches) {
            long eventsBefore = sink.events;
            long before = mx.getCurrentThreadAllocatedBytes();
            analyzer.analyze(b, ctx, sink);
            long bytes = Math.max(0, mx.getCurrentThreadAllocatedBytes() - before - overhead);
            total += bytes;
            if (sink.events == eventsBefore) {
                quiet[quietCount++] = bytes;
            }
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        analyzer.closeSession(sink);
        total += Math.max(0, mx.getCurrentThreadAllocatedBytes() - before - overhead);

        long median = -1;
        if (quietCount > 0) {
            long[] sorted = Arrays.copyOf(quiet, quietCount);
            Arrays.sort(sorted);
            median = sorted[quietCount / 2];
        }
        double perEvent = sink.events == 0 ? Double.NaN
                : (total - (double) Math.max(0, median) * batches.length) / sink.events;
        return new Sizes(workload, batchSize, sink.events, (double) total / batches.length, median, perEvent);
    }

    /** What reading the counter twice allocates by itself (normally 0). */
    private static long counterOverhead(com.sun.management.ThreadMXBean mx) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 100; i++) {
            long a = mx.getCurrentThreadAllocatedBytes();
            long b = mx.getCurrentThreadAllocatedBytes();
            min = Math.min(min, b - a);
        }
        return min;
    }
}
