package io.spinestream.bench.platform;

import java.io.IOException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.HdrHistogram.Histogram;

import io.spinestream.simulator.run.Fleet;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * {@code ./spinestream bench [quick|full] platform}: the whole platform on this machine, measured
 * against this machine's own limits in the same run (docs/performance.md). Starts the platform
 * ({@link BenchPlatform}), then: ingest throughput (Protobuf, JSON) beside a null HTTP endpoint and
 * Kafka's own producer; haptic and webhook latency; one versus two form-analysis instances; how
 * ingest and analysis grow with belts and batch size. Reports tables on standard output, and
 * Markdown with charts into {@code docs/performance/}. Measures; asserts nothing.
 */
public final class PlatformBench {

    /** How long and how big. */
    public record Mode(String name, Duration platformWarmup, Duration warmup, Duration measure, int belts,
                       Duration latencyRun, List<Integer> latencyBelts, long drainBatches, List<Integer> growthBelts,
                       List<Integer> growthBatchSizes, List<Integer> analysisBelts) {

        public static Mode of(String name) {
            return switch (name) {
                case "quick" -> new Mode("quick", Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(15),
                        500, Duration.ofSeconds(60), List.of(100, 1000), 20_000, List.of(100, 1000), List.of(10, 500),
                        List.of(100, 1000));
                case "full" -> new Mode("full", Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(40),
                        1000, Duration.ofSeconds(120), List.of(100, 1000), 50_000, List.of(100, 1000, 10_000),
                        List.of(10, 50, 200, 500, 2000), List.of(100, 1000, 10_000));
                default -> throw new IllegalArgumentException("unknown mode '" + name + "': quick or full");
            };
        }
    }

    /** Share of reps (and other opportunities) with an injected fault in the latency runs. */
    static final double LATENCY_FAULT_RATE = 0.5;

    /** The unmeasured run that lets the JIT compile the latency path before it is measured. */
    static final Duration LATENCY_WARMUP = Duration.ofSeconds(40);
    static final int LATENCY_WARMUP_BELTS = 200;

    /** The longest a latency run waits for the platform to work off earlier runs' backlog. */
    static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);

    /** The sections, in the order they run. */
    public static final List<String> SECTIONS = List.of("ingest", "baselines", "latency", "scale-out", "growth");

    /** Goals of issue #9 for this 2-core machine, everything on it. */
    static final double GOAL_PROTOBUF = 500_000;
    static final double GOAL_JSON = 250_000;
    static final double GOAL_OF_PRODUCER = 0.5;
    static final double GOAL_HAPTIC_P99_MS = 50;
    static final double GOAL_WEBHOOK_P99_MS = 100;

    /**
     * The benchmark's belts send far faster than a real belt's 10 batches/s; the limiter still runs
     * on every upload, with a limit it never reaches.
     */
    static final Map<String, String> INGEST_ENV = Map.of(
            "SPINESTREAM_INGEST_TELEMETRY_RATE_LIMIT_BATCHES_PER_SECOND", "100000",
            "SPINESTREAM_INGEST_TELEMETRY_RATE_LIMIT_BURST", "100000",
            // And the platform's limit of all of a belt's requests (libs/platform RateLimitConfig).
            "SPINESTREAM_RATE_LIMIT_BELT_REQUESTS_PER_SECOND", "100000",
            "SPINESTREAM_RATE_LIMIT_BELT_BURST", "100000");

    /** One throughput measurement: what was done in the window, and the CPU of every process in it. */
    public record Run(String label, int belts, int batchSize, long batches, long samples, double seconds,
                      Map<String, Double> cpu, Histogram latencyUs, long retried, long errors,
                      Map<String, Long> counters) {

        public Run(String label, int belts, int batchSize, long batches, long samples, double seconds,
                   Map<String, Double> cpu, Histogram latencyUs, long retried, long errors) {
            this(label, belts, batchSize, batches, samples, seconds, cpu, latencyUs, retried, errors, Map.of());
        }

        /** A PostgreSQL counter per batch answered ({@link PgCounters}); NaN when not read. */
        public double perBatch(String counter) {
            Long v = counters.get(counter);
            return v == null || batches == 0 ? Double.NaN : (double) v / batches;
        }

        public double samplesPerSecond() {
            return samples / seconds;
        }

        public double cpuTotal() {
            return cpu.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** CPU seconds of every process per batch answered. */
        public double cpuPerBatch() {
            return batches == 0 ? Double.NaN : cpuTotal() / batches;
        }

        public double cpuPerBatch(String group) {
            return batches == 0 ? Double.NaN : cpu.getOrDefault(group, 0.0) / batches;
        }
    }

    /** Everything of one run of the platform benchmark, for the report. */
    public static final class Results {
        final Map<String, Run> throughput = new LinkedHashMap<>();
        final List<LatencyRun.Result> latency = new ArrayList<>();
        final Map<String, Map<String, Double>> latencyCpu = new LinkedHashMap<>();
        final List<Run> scaleOut = new ArrayList<>();
        final List<Run> growthIngest = new ArrayList<>();
        final List<Run> growthAnalysis = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
    }

    private final Mode mode;
    private final Set<String> sections;
    private final boolean jfr;
    private final PrintStream out;
    private final PrintStream err;
    private final Consumer<String> log;
    private final Results results = new Results();

    public PlatformBench(Mode mode, Set<String> sections, boolean jfr, PrintStream out, PrintStream err) {
        this.mode = mode;
        this.sections = sections;
        this.jfr = jfr;
        this.out = out;
        this.err = err;
        this.log = line -> {
            err.println("bench: " + line);
            err.flush();
        };
    }

    /** Held: java.util.logging keeps its loggers weakly, and a collected one forgets its level. */
    private static final List<java.util.logging.Logger> QUIET = new ArrayList<>();

    public int run(Path root, String command) throws Exception {
        // the Kafka clients' INFO lines would bury the progress on standard error
        for (String category : List.of("org.apache.kafka", "kafka", "io.netty", "io.vertx")) {
            java.util.logging.Logger l = java.util.logging.Logger.getLogger(category);
            l.setLevel(java.util.logging.Level.WARNING);
            QUIET.add(l);
        }
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        double loadBefore = loadAverage();
        PrintWriter progress = new PrintWriter(err, true);
        log.accept("platform benchmark (" + mode.name() + "): starting the platform ...");
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        double loadAfter;
        try (BenchPlatform platform = BenchPlatform.start(root, new BenchPlatform.Options(jfr, INGEST_ENV), progress)) {
            measure(platform, vertx);
            loadAfter = loadAverage();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
        PlatformReport report = new PlatformReport(mode, results, started, Instant.now().truncatedTo(ChronoUnit.SECONDS),
                command, loadBefore, loadAfter);
        out.print(report.text());
        out.flush();
        Path dir = root.resolve("docs").resolve("performance");
        Files.createDirectories(dir);
        Path md = dir.resolve("latest-" + mode.name() + ".md");
        Files.writeString(md, report.markdown(), StandardCharsets.UTF_8);
        try {
            List<Path> charts = Charts.write(dir, mode.name(), results);
            log.accept("report written to " + root.relativize(md) + ", charts: "
                    + charts.stream().map(c -> root.relativize(c).toString()).toList());
        } catch (IOException | RuntimeException e) {
            log.accept("report written to " + root.relativize(md) + "; the charts could not be drawn: " + e);
        }
        return 0;
    }

    private String bootstrap;
    private PgCounters pg;

    private void measure(BenchPlatform platform, Vertx vertx) throws Exception {
        bootstrap = platform.infra().kafkaBootstrap();
        pg = new PgCounters(platform.infra().host(), platform.infra().postgresPort());
        int most = Math.max(mode.belts(), sections.contains("growth")
                ? mode.growthBelts().stream().mapToInt(Integer::intValue).max().orElse(0) : 0);
        log.accept("provisioning " + most + " belts ...");
        BenchFleet.Prepared prepared = new BenchFleet(platform, log).prepare("bench-ingest", "ING", most, false);
        // every belt's batches go forward from here, run after run (a belt's seqs and times never repeat)
        List<IngestLoad.Belt> all = BenchFleet.loadBelts(prepared.ready(),
                System.currentTimeMillis() - Duration.ofHours(12).toMillis());
        List<IngestLoad.Belt> belts = all.subList(0, mode.belts());
        BeltBodies bodies = new BeltBodies(50, 120, 7);
        URI ingest = URI.create(platform.url(BenchPlatform.SENSOR_INGEST));

        log.accept("warming the platform up for " + mode.platformWarmup().toSeconds() + " s (uploads, not measured) ...");
        new IngestLoad(vertx, belts, bodies, true).run(ingest, mode.platformWarmup(), Duration.ZERO, () -> { },
                () -> { });
        new IngestLoad(vertx, belts, bodies, false).run(ingest, mode.platformWarmup().dividedBy(2),
                Duration.ZERO, () -> { }, () -> { });

        CpuMeter meter = platform.meter(List.of());
        if (sections.contains("ingest")) {
            results.throughput.put("ingest-protobuf", ingestRun("sensor-ingest, Protobuf", meter, vertx, ingest, belts,
                    bodies, true));
            results.throughput.put("ingest-json", ingestRun("sensor-ingest, JSON", meter, vertx, ingest, belts, bodies,
                    false));
        }
        if (sections.contains("baselines")) {
            int port = io.spinestream.launcher.FreePorts.take(1)[0];
            Process endpoint = platform.startHelper("null-endpoint", NullEndpoint.class, NullEndpoint.LISTENING,
                    Integer.toString(port));
            try {
                CpuMeter withEndpoint = platform.meter(List.of(endpoint));
                URI nullUri = URI.create("http://127.0.0.1:" + port);
                new IngestLoad(vertx, belts, bodies, true).run(nullUri, mode.warmup(), Duration.ZERO, () -> { },
                        () -> { });
                results.throughput.put("null-protobuf", ingestRun("null HTTP endpoint, Protobuf bodies", withEndpoint,
                        vertx, nullUri, belts, bodies, true));
                results.throughput.put("null-json", ingestRun("null HTTP endpoint, JSON bodies", withEndpoint, vertx,
                        nullUri, belts, bodies, false));
            } finally {
                BenchPlatform.stopHelper(endpoint);
            }
            ProducerBaseline.createTopic(platform.infra().kafkaBootstrap());
            Window w = new Window(meter);
            ProducerBaseline.Result r = ProducerBaseline.run(platform.infra().kafkaBootstrap(), belts, bodies,
                    "bench-ingest", 0, mode.warmup(), mode.measure(), w::start, w::end);
            results.throughput.put("producer", new Run("Kafka producer, one process", belts.size(), 50, r.batches(),
                    r.samples(), r.seconds(), w.cpu(), null, 0, 0));
            log.accept(describe(results.throughput.get("producer")));
        }
        if (sections.contains("latency")) {
            // The throughput warm-up only uploads: faults, alerts, commands, webhooks and the streams
            // would otherwise be compiled by the JIT inside the first measured run (seen: C2 threads
            // at 40 % of a core in the broker's JVM during it). Unmeasured, its own clinic.
            log.accept("latency: warming the fault → command → webhook path up for " + LATENCY_WARMUP.toSeconds()
                    + " s (" + LATENCY_WARMUP_BELTS + " belts, not measured) ...");
            new LatencyRun(platform, vertx, log).run("bench-latency-warmup", LATENCY_WARMUP_BELTS, false,
                    LATENCY_WARMUP, LATENCY_FAULT_RATE, () -> { }, () -> { });
            List<Map.Entry<Integer, Boolean>> runs = new ArrayList<>();
            mode.latencyBelts().forEach(n -> runs.add(Map.entry(n, false)));
            // JSON is the contract's first encoding; high-rate belts send Protobuf (spec, telemetry.md):
            // the largest fleet runs once more with it.
            mode.latencyBelts().stream().max(Integer::compare).ifPresent(n -> runs.add(Map.entry(n, true)));
            for (Map.Entry<Integer, Boolean> run : runs) {
                int n = run.getKey();
                boolean protobuf = run.getValue();
                settle();
                log.accept("latency: " + n + " belts at 50 Hz, a 50-sample batch a second, "
                        + (protobuf ? "Protobuf" : "JSON") + ", for " + mode.latencyRun().toSeconds() + " s ...");
                Window w = new Window(meter);
                LatencyRun.Result r = new LatencyRun(platform, vertx, log).run(
                        "bench-latency-" + n + (protobuf ? "-pb" : ""), n, protobuf, mode.latencyRun(),
                        LATENCY_FAULT_RATE, w::start, w::end);
                results.latency.add(r);
                results.latencyCpu.put(r.label(), w.cores());
            }
        }
        if (sections.contains("scale-out")) {
            BeltBodies drainBodies = bodies;
            results.scaleOut.add(drain("1 instance", meter, platform, "SCALE1", 1000, mode.drainBatches(), drainBodies));
            log.accept("starting a second form-analysis instance ...");
            String second = platform.startAnotherAnalysis();
            Thread.sleep(15_000); // the group rebalances: the partitions are shared before the backlog is written
            results.scaleOut.add(drain("2 instances", meter, platform, "SCALE2", 1000, mode.drainBatches(), drainBodies));
            platform.stopService(second);
        }
        if (sections.contains("growth")) {
            for (int n : mode.growthBelts()) {
                results.growthIngest.add(ingestRun("ingest, " + n + " belts, batches of 50", meter, vertx, ingest,
                        all.subList(0, n), bodies, true));
            }
            for (int size : mode.growthBatchSizes()) {
                if (size == 50) {
                    continue;
                }
                BeltBodies sized = new BeltBodies(size, Math.max(120, size * 4 / 50), 7);
                results.growthIngest.add(ingestRun("ingest, " + belts.size() + " belts, batches of " + size, meter, vertx,
                        ingest, belts, sized, true));
            }
            for (int n : mode.analysisBelts()) {
                results.growthAnalysis.add(drain("analysis, " + n + " belts", meter, platform, "GROW" + n, n,
                        mode.drainBatches(), bodies));
            }
        }
    }

    private Run drain(String label, CpuMeter meter, BenchPlatform platform, String prefix, int belts, long batches,
                      BeltBodies bodies) throws Exception {
        log.accept("analysis: a backlog of " + batches + " batches of " + belts + " belts, " + label + " ...");
        Window w = new Window(meter);
        AnalysisDrain.Result r = AnalysisDrain.run(platform.infra().kafkaBootstrap(), prefix, belts, batches, bodies,
                Duration.ofMinutes(10), w::start, w::end);
        if (!r.drained()) {
            results.warnings.add(label + ": the backlog was not analysed within 10 minutes");
        }
        Run run = new Run(label, belts, bodies.batchSize(), r.batches(), r.samples(), r.seconds(), w.cpu(), null, 0, 0);
        log.accept(describe(run));
        return run;
    }

    private Run ingestRun(String label, CpuMeter meter, Vertx vertx, URI target, List<IngestLoad.Belt> belts,
                          BeltBodies bodies, boolean protobuf) throws Exception {
        awaitAnalysed();
        log.accept(label + ": " + belts.size() + " belts, " + mode.warmup().toSeconds() + " s warm-up + "
                + mode.measure().toSeconds() + " s measured ...");
        Window w = new Window(meter, pg);
        IngestLoad.Result r = new IngestLoad(vertx, belts, bodies, protobuf).run(target, mode.warmup(),
                mode.measure(), w::start, w::end);
        Run run = new Run(label, belts.size(), bodies.batchSize(), r.batches(), r.samples(), r.seconds(), w.cpu(),
                r.latencyUs(), r.retried(), r.otherErrors(), w.counters());
        log.accept(describe(run));
        return run;
    }

    /**
     * Waits (up to a minute) until form-analysis has caught up with everything uploaded so far: the
     * backlog of one run would otherwise be analysed, and counted, in the next run's window.
     */
    private void awaitAnalysed() throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!AnalysisDrain.awaitDrained(admin, Duration.ofMinutes(1))) {
                log.accept("  (form-analysis still has a backlog after a minute; measuring anyway)");
            }
        }
    }

    static String describe(Run r) {
        return String.format(Locale.ROOT, "  %s: %s samples/s, %s batches, %s µs CPU per batch", r.label(),
                Table.count(r.samplesPerSecond()), Table.count(r.batches()), Table.cpuMicros(r.cpuPerBatch()));
    }

    /** The CPU meter (and PostgreSQL's counters) read at the start and the end of a measurement window. */
    /** Lets the platform work off what earlier runs left (see {@link PlatformSettle}) and says how that went. */
    private void settle() throws Exception {
        PlatformSettle.Result settled = PlatformSettle.await(bootstrap, SETTLE_TIMEOUT);
        if (settled.settled()) {
            log.accept(String.format(Locale.ROOT, "platform caught up with earlier runs in %.1f s",
                    settled.waited().toMillis() / 1000.0));
        } else {
            log.accept("platform still " + settled.lag() + " records behind after " + SETTLE_TIMEOUT.toSeconds()
                    + " s, measuring anyway: " + settled.lagByGroup());
        }
    }

    static final class Window {
        private final CpuMeter meter;
        private final PgCounters pg;
        private volatile CpuMeter.Reading start;
        private volatile CpuMeter.Reading end;
        private volatile Map<String, Long> pgStart = Map.of();
        private volatile Map<String, Long> pgEnd = Map.of();

        Window(CpuMeter meter) {
            this(meter, null);
        }

        Window(CpuMeter meter, PgCounters pg) {
            this.meter = meter;
            this.pg = pg;
        }

        void start() {
            if (pg != null) {
                pgStart = pg.read();
            }
            start = meter.read();
        }

        void end() {
            end = meter.read();
            if (pg != null) {
                pgEnd = pg.read();
            }
        }

        Map<String, Long> counters() {
            Map<String, Long> d = new LinkedHashMap<>();
            pgEnd.forEach((k, v) -> {
                if (pgStart.containsKey(k)) {
                    d.put(k, v - pgStart.get(k));
                }
            });
            return d;
        }

        Map<String, Double> cpu() {
            return start == null || end == null ? Map.of() : end.since(start);
        }

        /** Cores used per process over the window: its CPU seconds over the window's own wall time. */
        Map<String, Double> cores() {
            if (start == null || end == null) {
                return Map.of();
            }
            double wall = end.wallSecondsSince(start);
            Map<String, Double> cores = new LinkedHashMap<>();
            cpu().forEach((process, seconds) -> cores.put(process, wall > 0 ? seconds / wall : 0.0));
            return cores;
        }
    }

    static double loadAverage() {
        return io.spinestream.bench.BenchMain.loadAverage();
    }

    /** Parses {@code a,b,c} against {@link #SECTIONS}. */
    public static Set<String> sections(String list) {
        Set<String> s = new LinkedHashSet<>();
        for (String x : list.split(",")) {
            if (!SECTIONS.contains(x.trim())) {
                throw new IllegalArgumentException("unknown section '" + x + "': " + String.join(", ", SECTIONS));
            }
            s.add(x.trim());
        }
        return s;
    }
}
