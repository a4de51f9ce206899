package io.spinestream.bench;

import io.spinestream.bench.StateFootprint.StateSizes;

import java.util.List;
import java.util.Locale;

/** The tables {@code spinestream bench} prints. Pure formatting, unit-tested. */
public final class BenchReport {

    /** The throughput goal: samples per second per core. */
    public static final double GOAL_SAMPLES_PER_SECOND = 20_000_000;
    /** The state goal: bytes per belt. */
    public static final int GOAL_STATE_BYTES = 4096;

    /**
     * One benchmark result.
     *
     * @param workload          label, e.g. {@code deadlift, reps + faults}
     * @param rateHz            sample rate
     * @param batchSize         samples per batch
     * @param samplesPerSecond  JMH score (one thread)
     * @param error             JMH score error (99.9 % confidence half-width); NaN when unknown
     * @param allocBytesPerSample JMH {@code gc.alloc.rate.norm}; NaN when not measured
     * @param perCpuSecond      samples per second of thread CPU time, median pass over the recording
     *                          ({@link CpuThroughput}); NaN when not measured
     * @param perCpuSecondInCache the same over the recording's first samples again and again, their
     *                          batches in the cache; NaN when not measured
     */
    public record Throughput(String workload, int rateHz, int batchSize, double samplesPerSecond, double error,
                             double allocBytesPerSample, double perCpuSecond, double perCpuSecondInCache) {
    }

    private BenchReport() {
    }

    /** The throughput table, one row per result, in the given order. */
    public static String throughputTable(List<Throughput> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Throughput, one thread (goal: %s samples/s per core)%n",
                millions(GOAL_SAMPLES_PER_SECOND)));
        String format = "%-24s %6s %5s  %-20s %7s  %-12s %7s  %-12s %7s %14s %13s%n";
        out.append(String.format(Locale.ROOT, format, "workload", "rate", "batch", "samples/s per core", "vs goal",
                "per CPU-s (*)", "vs goal", "in cache (†)", "vs goal", "alloc B/sample", "alloc B/batch"));
        for (Throughput r : rows) {
            out.append(String.format(Locale.ROOT, format, r.workload(), r.rateHz() + " Hz", r.batchSize(),
                    scoreWithError(r.samplesPerSecond(), r.error()), ratio(r.samplesPerSecond() / GOAL_SAMPLES_PER_SECOND),
                    millions(r.perCpuSecond()), ratio(r.perCpuSecond() / GOAL_SAMPLES_PER_SECOND),
                    millions(r.perCpuSecondInCache()), ratio(r.perCpuSecondInCache() / GOAL_SAMPLES_PER_SECOND),
                    bytes(r.allocBytesPerSample(), 4), bytes(r.allocBytesPerSample() * r.batchSize(), 1)));
        }
        out.append(String.format(Locale.ROOT, "samples/s per core: JMH, wall clock, one thread, 99.9 %% error;"
                + " alloc: JMH gc.alloc.rate.norm%n(*) samples per second of the thread's CPU time, median pass"
                + " in a JVM of its own: less sensitive to a busy machine%n(†) the same over the recording's first"
                + " %d samples again and again: batches in the cache, as a live batch just decoded%n",
                CpuThroughput.IN_CACHE_SAMPLES));
        return out.toString();
    }

    /** The allocation table: per workload and batch size. */
    public static String allocationTable(List<Allocation.Sizes> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "Allocation per batch, one pass after a warm-up (thread allocation counter)%n"));
        String format = "%-26s %7s %6s %12s %15s %17s %12s%n";
        out.append(String.format(Locale.ROOT, format, "workload", "rate", "batch", "events/pass", "all-in B/batch",
                "quiet batch B (*)", "B per event"));
        for (Allocation.Sizes a : rows) {
            out.append(String.format(Locale.ROOT, format, a.workload().label(), a.workload().rateHz() + " Hz",
                    a.batchSize(), a.events(), bytes(a.bytesPerBatch(), 1),
                    a.quietBatchBytes() < 0 ? "n/a" : Long.toString(a.quietBatchBytes()), bytes(a.bytesPerEvent(), 0)));
        }
        out.append(String.format(Locale.ROOT, "(*) median over the batches that raised no event%n"));
        return out.toString();
    }

    /** The state table: per workload, then the constructed worst cases. */
    public static String stateTable(List<StateSizes> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "State per belt, snapshot bytes (goal: at most %d B)%n", GOAL_STATE_BYTES));
        String format = "%-84s %6s %12s %8s %8s%n";
        out.append(String.format(Locale.ROOT, format, "recording", "idle", "mid-session", "largest", "of goal"));
        for (StateSizes s : rows) {
            out.append(String.format(Locale.ROOT, format, s.label(), s.idle(), s.midSession(), s.largest(),
                    percent((double) s.largest() / GOAL_STATE_BYTES)));
        }
        return out.toString();
    }

    /** {@code 31.2 M ± 2.1 M}; {@code 31.2 M} without an error. */
    static String scoreWithError(double score, double error) {
        if (Double.isNaN(error) || Double.isInfinite(error)) {
            return millions(score);
        }
        return millions(score) + " ± " + millions(error);
    }

    /** {@code 31.2 M}, {@code 0.8 M}. */
    static String millions(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f M", v / 1e6);
    }

    /** {@code 1.56×}. */
    static String ratio(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f×", v);
    }

    /** {@code 12 %}. */
    static String percent(double v) {
        return String.format(Locale.ROOT, "%.0f %%", v * 100);
    }

    static String bytes(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
