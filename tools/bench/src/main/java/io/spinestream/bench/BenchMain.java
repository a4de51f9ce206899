package io.spinestream.bench;

import io.spinestream.bench.BenchReport.Throughput;
import io.spinestream.bench.BenchRecordings.Workload;
import io.spinestream.bench.StateFootprint.StateSizes;
import io.spinestream.bench.platform.PlatformBench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.profile.GCProfiler;

/**
 * {@code ./spinestream bench [quick|full] [all|analyzer|platform]}: the analyzer runs
 * {@link AnalyzerBenchmark} with JMH (progress on standard error), measures the state per belt
 * ({@link StateFootprint}), and prints the tables of {@link BenchReport} on standard output; the
 * platform is {@link PlatformBench}. Nothing is asserted: these are measurements, see
 * docs/bench.md and docs/performance.md.
 */
public final class BenchMain {

    static final String USAGE = """
            usage: ./spinestream bench [quick|full] [all|analyzer|platform] [OPTIONS]

              quick   short runs (default): analyzer ~2.5 min, platform ~15 min on a busy 2-core machine
              full    longer runs: analyzer ~11 min, platform an estimated 25-35 min
              all       the analyzer, then the platform (default)
              analyzer  the form analyzer core with JMH (docs/bench.md)
              platform  the whole platform on this machine (docs/performance.md)

            analyzer options:
              --workload  only these workloads: %s
              --batch     only these batch sizes (default 50,2000; any of 1-2000)
              --json      also write JMH's results as JSON to FILE
            platform options:
              --sections  only these sections: %s
              --jfr       record every service with Java Flight Recorder (.spinestream/bench-jfr/)

            analyzer: samples/s per core (one thread, wall clock) with JMH's 99.9%% error and per
            second of CPU time, their ratio to the 20 M samples/s goal, allocated bytes per
            sample and per batch; then the analyzer state per belt (snapshot bytes) against
            the 4 KB goal, and allocation per batch with and without events.
            platform: ingest throughput (Protobuf, JSON) beside a null HTTP endpoint and Kafka's
            own producer, with CPU per batch of every process; haptic and webhook latency; one
            versus two form-analysis instances; growth with belts and batch size. Written also to
            docs/performance/latest-MODE.md with charts.
            Progress goes to standard error, the tables to standard output.
            """;

    /** How long and how often JMH measures. */
    record Mode(String name, int forks, int warmupIterations, int warmupSeconds, int iterations, int seconds) {

        static Mode of(String name) {
            return switch (name) {
                case "quick" -> new Mode("quick", 1, 3, 1, 5, 1);
                case "full" -> new Mode("full", 3, 5, 2, 5, 2);
                default -> throw new IllegalArgumentException("unknown mode '" + name + "': quick or full");
            };
        }

        String describe() {
            return String.format(Locale.ROOT, "%d fork%s, warm-up %d x %d s, measurement %d x %d s", forks,
                    forks == 1 ? "" : "s", warmupIterations, warmupSeconds, iterations, seconds);
        }
    }

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Mode mode = Mode.of("quick");
        List<String> workloads = Arrays.stream(Workload.values()).map(Workload::id).toList();
        List<String> batches = List.of("50", "2000");
        Path json = null;
        String target = "all";
        java.util.Set<String> sections = new java.util.LinkedHashSet<>(PlatformBench.SECTIONS);
        boolean jfr = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "quick", "full" -> mode = Mode.of(a);
                    case "all", "analyzer", "platform" -> target = a;
                    case "--sections" -> sections = PlatformBench.sections(value(args, ++i, a));
                    case "--jfr" -> jfr = true;
                    case "--workload" -> {
                        workloads = List.of(value(args, ++i, a).split(","));
                        workloads.forEach(Workload::byId);
                    }
                    case "--batch" -> {
                        batches = List.of(value(args, ++i, a).split(","));
                        for (String b : batches) {
                            int n = Integer.parseInt(b);
                            if (n < 1 || n > 2000) {
                                throw new IllegalArgumentException("--batch: sizes must be 1-2000, was " + b);
                            }
                        }
                    }
                    case "--json" -> json = Path.of(value(args, ++i, a));
                    case "-h", "--help", "help" -> {
                        out.print(usage());
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("spinestream bench: " + e.getMessage());
            err.print(usage());
            return 2;
        }

        int rc = 0;
        if (!target.equals("platform")) {
            rc = analyzer(mode, workloads, batches, json, out, err);
        }
        if (rc == 0 && !target.equals("analyzer")) {
            String command = "./spinestream bench " + String.join(" ", args);
            try {
                rc = new PlatformBench(PlatformBench.Mode.of(mode.name()), sections, jfr, out, err)
                        .run(Path.of(System.getProperty("spinestream.root", ".")).toAbsolutePath().normalize(),
                                command.trim());
            } catch (Exception e) {
                err.println("spinestream bench: the platform benchmark failed: " + e);
                e.printStackTrace(err);
                return 1;
            }
        }
        return rc;
    }

    /** The analyzer core's benchmark: JMH, then state, allocation and CPU-time passes. */
    static int analyzer(Mode mode, List<String> workloads, List<String> batches, Path json, PrintStream out,
                        PrintStream err) {
        double loadBefore = loadAverage();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        err.printf(Locale.ROOT, "spinestream bench: %s (%s), %d benchmarks; JMH progress follows%n", mode.name(),
                mode.describe(), workloads.size() * batches.size());

        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(AnalyzerBenchmark.class.getName() + "\\.analyze$")
                .param("workload", workloads.toArray(new String[0]))
                .param("batchSize", batches.toArray(new String[0]))
                .forks(mode.forks())
                .warmupIterations(mode.warmupIterations()).warmupTime(TimeValue.seconds(mode.warmupSeconds()))
                .measurementIterations(mode.iterations()).measurementTime(TimeValue.seconds(mode.seconds()))
                .threads(1)
                .jvmArgsAppend("-Xms1g", "-Xmx1g")
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true);
        if (json != null) {
            options.result(json.toString()).resultFormat(ResultFormatType.JSON);
        }
        Collection<RunResult> results;
        try {
            results = new Runner(options.build(), OutputFormatFactory.createFormatInstance(err, VerboseMode.NORMAL)).run();
        } catch (RunnerException e) {
            err.println("spinestream bench: JMH failed: " + e.getMessage());
            return 1;
        }

        err.println("spinestream bench: measuring the state per belt ...");
        List<StateSizes> states = new ArrayList<>();
        for (String id : workloads) {
            states.add(StateFootprint.of(Workload.byId(id)));
        }
        states.add(StateFootprint.worstCase());
        states.add(StateFootprint.calibrationWorstCase());
        List<Allocation.Sizes> allocations = new ArrayList<>();
        Map<String, CpuThroughput.Rate> cpu = new HashMap<>();
        err.println("spinestream bench: counting allocations per batch ...");
        for (String id : workloads) {
            Workload w = Workload.byId(id);
            Allocation.warmUp(w);
            for (String b : batches) {
                if (Allocation.supported()) {
                    allocations.add(Allocation.measure(w, Integer.parseInt(b)));
                }
            }
        }
        err.println("spinestream bench: timing passes on CPU time, a JVM per workload and batch size ...");
        for (String id : workloads) {
            for (String b : batches) {
                CpuThroughput.Rate rate = CpuThroughput.measureInFork(Workload.byId(id), Integer.parseInt(b),
                        2 * mode.seconds());
                if (rate != null) {
                    cpu.put(id + "/" + b, rate);
                }
            }
        }
        double loadAfter = loadAverage();

        out.println();
        out.printf(Locale.ROOT, "spinestream bench %s, %s: the form analyzer core (io.spinestream.analysis.core)%n",
                mode.name(), started);
        out.println(machine(loadBefore, loadAfter));
        out.printf(Locale.ROOT, "JMH %s: %s, one thread; one operation = one sample; %d samples per pass on a fresh belt%n",
                jmhVersion(), mode.describe(), BenchRecordings.SAMPLES);
        out.println();
        out.print(BenchReport.throughputTable(rows(results, cpu)));
        out.println();
        out.print(BenchReport.stateTable(states));
        if (!allocations.isEmpty()) {
            out.println();
            out.print(BenchReport.allocationTable(allocations));
        }
        if (json != null) {
            out.println();
            out.println("JMH results: " + json.toAbsolutePath());
        }
        out.flush();
        return 0;
    }

    private static List<Throughput> rows(Collection<RunResult> results, Map<String, CpuThroughput.Rate> cpu) {
        List<Throughput> rows = new ArrayList<>();
        for (RunResult r : results) {
            Workload w = Workload.byId(r.getParams().getParam("workload"));
            int batch = Integer.parseInt(r.getParams().getParam("batchSize"));
            Result<?> primary = r.getPrimaryResult();
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            CpuThroughput.Rate onCpu = cpu.get(w.id() + "/" + batch);
            rows.add(new Throughput(w.label(), w.rateHz(), batch, primary.getScore(), primary.getScoreError(),
                    alloc == null ? Double.NaN : alloc.getScore(), onCpu == null ? Double.NaN : onCpu.median(),
                    onCpu == null ? Double.NaN : onCpu.inCacheMedian()));
        }
        rows.sort(Comparator.comparing((Throughput t) -> order(t)).thenComparingInt(Throughput::batchSize));
        return rows;
    }

    private static int order(Throughput t) {
        for (Workload w : Workload.values()) {
            if (w.label().equals(t.workload()) && w.rateHz() == t.rateHz()) {
                return w.ordinal();
            }
        }
        return Integer.MAX_VALUE;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String usage() {
        return String.format(Locale.ROOT, USAGE, String.join(", ",
                Arrays.stream(Workload.values()).map(Workload::id).toList()), String.join(",", PlatformBench.SECTIONS));
    }

    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** {@code machine: 2 CPUs (AMD EPYC), Linux amd64, OpenJDK 64-Bit Server VM 17.0.15+6; load average 7.1 → 7.8}. */
    public static String machine(double loadBefore, double loadAfter) {
        return String.format(Locale.ROOT, "machine: %d CPUs%s, %s %s, %s %s; load average (1 min) %.2f at start, %.2f at end",
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), loadBefore, loadAfter);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return " (" + line.substring(line.indexOf(':') + 1).trim() + ")";
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no model
        }
        return "";
    }

    private static String jmhVersion() {
        return org.openjdk.jmh.util.Version.getPlainVersion();
    }
}
