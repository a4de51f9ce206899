package io.spinestream.bench;

import io.spinestream.analysis.core.AnalysisEvent;
import io.spinestream.analysis.core.BatchContext;
import io.spinestream.analysis.core.BeltAnalyzer;
import io.spinestream.analysis.core.EventSink;
import io.spinestream.bench.BenchRecordings.Workload;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Samples per second of the analysing thread's <em>CPU time</em> (not wall-clock time): on a
 * machine shared with other work, JMH's wall-clock score falls with the share of a core the
 * thread gets, while this figure mostly does not (caches and memory bandwidth are still
 * shared). Passes over the recording on a fresh belt, in this JVM, after
 * {@link Allocation#warmUp}; the median and the best pass. A cross-check of JMH, not a
 * replacement.
 */
public final class CpuThroughput {

    /**
     * @param median samples per CPU-second, median pass
     * @param best   samples per CPU-second, best pass
     * @param passes passes measured
     */
    public record Rate(double median, double best, int passes) {
    }

    private static final EventSink DROP = new EventSink() {
        @Override
        public void accept(AnalysisEvent event) {
        }
    };

    private CpuThroughput() {
    }

    public static boolean supported() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return mx.isCurrentThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled();
    }

    /** At least {@code minPasses} passes and about {@code seconds} of CPU time. */
    public static Rate measure(Workload workload, int batchSize, int minPasses, double seconds) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        TelemetryBatch[] batches = BenchRecordings.recording(workload, batchSize).toArray(new TelemetryBatch[0]);
        BatchContext ctx = BenchRecordings.context();
        double[] rates = new double[1024];
        int passes = 0;
        long spent = 0;
        while (passes < rates.length && (passes < minPasses || spent < seconds * 1e9)) {
            long before = mx.getCurrentThreadCpuTime();
            BeltAnalyzer analyzer = new BeltAnalyzer(BenchRecordings.BELT_ID);
            for (TelemetryBatch b : batches) {
                analyzer.analyze(b, ctx, DROP);
            }
            analyzer.closeSession(DROP);
            long nanos = mx.getCurrentThreadCpuTime() - before;
            spent += nanos;
            rates[passes++] = BenchRecordings.SAMPLES / (Math.max(nanos, 1) / 1e9);
        }
        double[] sorted = Arrays.copyOf(rates, passes);
        Arrays.sort(sorted);
        return new Rate(sorted[passes / 2], sorted[passes - 1], passes);
    }
}
