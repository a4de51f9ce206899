package io.spinestream.bench;

import io.spinestream.analysis.core.AnalysisEvent;
import io.spinestream.analysis.core.BatchContext;
import io.spinestream.analysis.core.BeltAnalyzer;
import io.spinestream.analysis.core.EventSink;
import io.spinestream.bench.BenchRecordings.Workload;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Samples per second of the analysing thread's <em>CPU time</em> (not wall-clock time): on a
 * machine shared with other work, JMH's wall-clock score falls with the share of a core the
 * thread gets, while this figure mostly does not (caches and memory bandwidth are still
 * shared). A cross-check of JMH, not a replacement.
 *
 * <p>Measured in a JVM of its own per workload and batch size, as JMH forks do: in the JVM
 * that also ran the other workloads, the JIT's profile of the analyzer mixes them all and its
 * code is measurably slower for each (this is what once made the 50-sample deadlift look slow).
 * Two figures: passes over the whole recording on a fresh belt (about 5 MB of batches, more
 * than a core's cache, so each batch is read from memory), and passes over its first
 * {@value #IN_CACHE_SAMPLES} samples again and again (their batches stay in the cache, as a batch
 * the live processor has just decoded is).
 */
public final class CpuThroughput {

    /** Samples of the recording analysed again and again for the in-cache figure. */
    public static final int IN_CACHE_SAMPLES = 6000;

    /**
     * @param median        samples per CPU-second, median pass over the whole recording
     * @param best          samples per CPU-second, best pass over the whole recording
     * @param passes        passes measured over the whole recording
     * @param inCacheMedian samples per CPU-second, median pass over the first {@value #IN_CACHE_SAMPLES}
     */
    public record Rate(double median, double best, int passes, double inCacheMedian) {
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

    /**
     * Measures in a new JVM (this one's java and class path, the heap JMH's forks get).
     *
     * @return the rate, or {@code null} when the JVM could not be run or measured nothing
     */
    public static Rate measureInFork(Workload workload, int batchSize, double seconds) {
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java");
        List<String> command = new ArrayList<>(List.of(java, "-Xms1g", "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), CpuThroughput.class.getName(), workload.id(),
                Integer.toString(batchSize), Double.toString(seconds)));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String result = null;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("rate ")) {
                        result = line;
                    }
                }
            }
            if (process.waitFor() != 0 || result == null) {
                return null;
            }
            String[] f = result.split(" ");
            return new Rate(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Integer.parseInt(f[3]),
                    Double.parseDouble(f[4]));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The forked JVM: {@code WORKLOAD BATCH SECONDS}; prints {@code rate MEDIAN BEST PASSES IN_CACHE_MEDIAN}. */
    public static void main(String[] args) {
        Workload workload = Workload.byId(args[0]);
        int batchSize = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);
        if (!supported()) {
            System.exit(1);
        }
        TelemetryBatch[] all = BenchRecordings.recording(workload, batchSize).toArray(new TelemetryBatch[0]);
        TelemetryBatch[] first = Arrays.copyOf(all, Math.max(1, IN_CACHE_SAMPLES / batchSize));
        int firstSamples = (int) BenchRecordings.samples(Arrays.asList(first));
        BenchRecordings.settle();
        passes(all, BenchRecordings.SAMPLES, 3, 2.0); // warm-up: the JIT compiles for this workload only
        double[] whole = passes(all, BenchRecordings.SAMPLES, 5, seconds);
        double[] inCache = passes(first, firstSamples, 5, seconds);
        System.out.printf(Locale.ROOT, "rate %.0f %.0f %d %.0f%n", whole[whole.length / 2], whole[whole.length - 1],
                whole.length, inCache[inCache.length / 2]);
    }

    /** At least {@code minPasses} passes and about {@code seconds} of CPU time; the rates, sorted. */
    static double[] passes(TelemetryBatch[] batches, int samples, int minPasses, double seconds) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        BatchContext ctx = BenchRecordings.context();
        double[] rates = new double[100_000];
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
            rates[passes++] = samples / (Math.max(nanos, 1) / 1e9);
        }
        double[] sorted = Arrays.copyOf(rates, passes);
        Arrays.sort(sorted);
        return sorted;
    }
}
