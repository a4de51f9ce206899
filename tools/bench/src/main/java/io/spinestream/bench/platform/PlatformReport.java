package io.spinestream.bench.platform;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.HdrHistogram.Histogram;

import io.spinestream.bench.BenchMain;
import io.spinestream.bench.platform.PlatformBench.Results;
import io.spinestream.bench.platform.PlatformBench.Run;

/** The platform benchmark's tables, as text for standard output and as Markdown for docs/performance. */
public final class PlatformReport {

    private final PlatformBench.Mode mode;
    private final Results results;
    private final Instant started;
    private final Instant ended;
    private final String command;
    private final double loadBefore;
    private final double loadAfter;

    public PlatformReport(PlatformBench.Mode mode, Results results, Instant started, Instant ended, String command,
                          double loadBefore, double loadAfter) {
        this.mode = mode;
        this.results = results;
        this.started = started;
        this.ended = ended;
        this.command = command;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
    }

    public List<String> header() {
        List<String> h = new ArrayList<>();
        h.add(BenchMain.machine(loadBefore, loadAfter));
        h.add("date: " + started + " to " + ended);
        h.add("command: " + command + " (mode " + mode.name() + ": " + mode.warmup().toSeconds() + " s warm-up + "
                + mode.measure().toSeconds() + " s measured per throughput row, " + mode.belts() + " belts)");
        return h;
    }

    public List<Table> tables() {
        List<Table> t = new ArrayList<>();
        Map<String, Run> tp = results.throughput;
        if (!tp.isEmpty()) {
            Table th = new Table("Ingest throughput and its baselines (closed loop: each belt one upload at a time)",
                    "run", "belts", "samples/s", "batches/s", "answer p50 ms", "p99 ms", "CPU µs/batch (all)",
                    "PG commits/batch", "WAL flushes/batch", "retried", "errors");
            for (Run r : tp.values()) {
                th.row(r.label(), r.belts(), Table.count(r.samplesPerSecond()), Table.count(r.batches() / r.seconds()),
                        r.latencyUs() == null ? null : Table.millis(r.latencyUs().getValueAtPercentile(50)),
                        r.latencyUs() == null ? null : Table.millis(r.latencyUs().getValueAtPercentile(99)),
                        Table.cpuMicros(r.cpuPerBatch()), ratio2(r.perBatch(PgCounters.COMMITS)),
                        ratio2(r.perBatch(PgCounters.WAL_SYNCS)), r.retried(), r.errors());
            }
            th.note("CPU: every process of the platform and the load generator, from /proc/<pid>/stat, over the "
                    + "measured window, divided by the batches answered in it. PG commits: transactions committed in "
                    + "ingest's database (pg_stat_database); WAL flushes: the server's (pg_stat_wal.wal_sync).");
            t.add(th);
            t.add(cpuTable("CPU per batch by process (µs of CPU per batch answered)", tp.values()));
            Table ratios = new Table("Ratios, same run", "ingest vs its baseline", "ratio", "goal");
            ratio(ratios, "Protobuf ingest / Kafka producer", tp.get("ingest-protobuf"), tp.get("producer"),
                    Table.percent(PlatformBench.GOAL_OF_PRODUCER));
            ratio(ratios, "JSON ingest / Kafka producer", tp.get("ingest-json"), tp.get("producer"), null);
            ratio(ratios, "Protobuf ingest / null HTTP endpoint", tp.get("ingest-protobuf"), tp.get("null-protobuf"), null);
            ratio(ratios, "JSON ingest / null HTTP endpoint", tp.get("ingest-json"), tp.get("null-json"), null);
            t.add(ratios);
        }
        if (!results.latency.isEmpty()) {
            Table lt = new Table("Latency at 50 Hz, a 50-sample batch a second per belt (deadlift, fault rate "
                    + PlatformBench.LATENCY_FAULT_RATE + ")",
                    "belts", "batches", "faults", "commands", "missing", "haptic p50 ms", "p99", "p99.9",
                    "webhooks", "webhook p50 ms", "p99", "p99.9", "CPU s/s");
            for (LatencyRun.Result r : results.latency) {
                Histogram h = r.belt().hapticLatency();
                Histogram w = r.webhookUs();
                Map<String, Double> cores = results.latencyCpu.getOrDefault(r.label(), Map.of());
                double coresTotal = cores.values().stream().mapToDouble(Double::doubleValue).sum();
                lt.row(r.label(), Table.count(r.belt().batchesAccepted()), r.belt().injectedTotal(),
                        r.belt().matchedTotal(), r.belt().missingTotal(),
                        pct(h, 50), pct(h, 99), pct(h, 99.9), w.getTotalCount(), pct(w, 50), pct(w, 99), pct(w, 99.9),
                        String.format(Locale.ROOT, "%.2f", coresTotal));
            }
            lt.note("haptic: from sending the batch that completed the fault (its accepted attempt) to the command on "
                    + "the belt's command stream (the simulator's measurement); webhook: from the alert readable on "
                    + "the alerts topic to its delivery received on loopback. CPU s/s: CPU seconds of all processes "
                    + "per second of the run (2.00 = both cores). Belts send JSON unless the row says Protobuf.");
            t.add(lt);
            t.add(latencyCpuTable(results.latencyCpu));
        }
        if (!results.scaleOut.isEmpty()) {
            Table so = new Table("Scale-out: a backlog analysed by one, then two form-analysis instances",
                    "instances", "batches", "samples/s analysed", "drain s", "form-analysis CPU µs/batch",
                    "all CPU µs/batch");
            for (Run r : results.scaleOut) {
                so.row(r.label(), Table.count(r.batches()), Table.count(r.samplesPerSecond()),
                        String.format(Locale.ROOT, "%.1f", r.seconds()),
                        Table.cpuMicros(r.cpuPerBatch(BenchPlatform.FORM_ANALYSIS)), Table.cpuMicros(r.cpuPerBatch()));
            }
            if (results.scaleOut.size() == 2) {
                so.note("two instances / one: " + String.format(Locale.ROOT, "%.2f×",
                        results.scaleOut.get(1).samplesPerSecond() / results.scaleOut.get(0).samplesPerSecond())
                        + " the samples analysed per second (on 2 cores shared with the broker and the generator)");
            }
            t.add(so);
        }
        if (!results.growthIngest.isEmpty()) {
            Table g = new Table("Growth: ingest (Protobuf) with belts and batch size", "run", "belts", "batch",
                    "samples/s", "batches/s", "answer p99 ms", "CPU µs/batch", "CPU µs/sample");
            for (Run r : results.growthIngest) {
                g.row(r.label(), r.belts(), r.batchSize(), Table.count(r.samplesPerSecond()),
                        Table.count(r.batches() / r.seconds()),
                        r.latencyUs() == null ? null : Table.millis(r.latencyUs().getValueAtPercentile(99)),
                        Table.cpuMicros(r.cpuPerBatch()),
                        r.samples() == 0 ? null : Table.count(r.cpuTotal() / r.samples() * 1e6));
            }
            t.add(g);
        }
        if (!results.growthAnalysis.isEmpty()) {
            Table g = new Table("Growth: analysis of a backlog with belts", "run", "belts", "batches",
                    "samples/s analysed", "form-analysis CPU µs/batch");
            for (Run r : results.growthAnalysis) {
                g.row(r.label(), r.belts(), Table.count(r.batches()), Table.count(r.samplesPerSecond()),
                        Table.cpuMicros(r.cpuPerBatch(BenchPlatform.FORM_ANALYSIS)));
            }
            t.add(g);
        }
        t.add(goals());
        return t;
    }

    private Table goals() {
        Table g = new Table("Goals (issue #9, this 2-core machine, everything on it)", "goal", "measured", "verdict");
        Run proto = results.throughput.get("ingest-protobuf");
        Run json = results.throughput.get("ingest-json");
        Run producer = results.throughput.get("producer");
        if (proto != null) {
            g.row("ingest Protobuf ≥ 500,000 samples/s", Table.count(proto.samplesPerSecond()),
                    Table.verdict(proto.samplesPerSecond(), PlatformBench.GOAL_PROTOBUF, true));
        }
        if (json != null) {
            g.row("ingest JSON ≥ 250,000 samples/s", Table.count(json.samplesPerSecond()),
                    Table.verdict(json.samplesPerSecond(), PlatformBench.GOAL_JSON, true));
        }
        if (proto != null && producer != null) {
            double r = proto.samplesPerSecond() / producer.samplesPerSecond();
            g.row("ingest ≥ 50 % of the Kafka producer", Table.percent(r), Table.verdict(r, PlatformBench.GOAL_OF_PRODUCER,
                    true));
        }
        for (LatencyRun.Result r : results.latency) {
            if (r.belts() == 1000 || results.latency.size() == 1) {
                double p99 = r.belt().hapticLatency().getTotalCount() == 0 ? Double.NaN
                        : r.belt().hapticLatency().getValueAtPercentile(99) / 1000.0;
                g.row("haptic p99 ≤ 50 ms at " + r.belts() + " belts, " + (r.protobuf() ? "Protobuf" : "JSON"),
                        Double.isNaN(p99) ? null : Table.count(p99) + " ms",
                        Table.verdict(p99, PlatformBench.GOAL_HAPTIC_P99_MS, false));
            }
        }
        Histogram all = new Histogram(3);
        results.latency.forEach(r -> all.add(r.webhookUs()));
        if (!results.latency.isEmpty()) {
            double p99 = all.getTotalCount() == 0 ? Double.NaN : all.getValueAtPercentile(99) / 1000.0;
            g.row("alert → webhook p99 ≤ 100 ms", Double.isNaN(p99) ? null : Table.count(p99) + " ms",
                    Table.verdict(p99, PlatformBench.GOAL_WEBHOOK_P99_MS, false));
        }
        g.note("The analyzer core's goals (20 M samples/s per core, 4 KB per belt) are measured by the analyzer "
                + "benchmark (./spinestream bench [quick|full] analyzer, docs/bench.md).");
        results.warnings.forEach(w -> g.note("warning: " + w));
        return g;
    }

    /** Where the cores went while belts streamed at 50 Hz: the latency runs' CPU, per process. */
    static Table latencyCpuTable(Map<String, Map<String, Double>> latencyCpu) {
        Set<String> groups = new LinkedHashSet<>();
        latencyCpu.values().forEach(c -> groups.addAll(c.keySet()));
        List<String> header = new ArrayList<>();
        header.add("belts");
        header.addAll(groups);
        Table t = new Table("CPU by process during the latency runs (cores: CPU seconds per second)",
                header.toArray(String[]::new));
        latencyCpu.forEach((belts, cores) -> {
            List<Object> cells = new ArrayList<>();
            cells.add(belts);
            for (String gname : groups) {
                cells.add(cores.containsKey(gname) ? String.format(Locale.ROOT, "%.2f", cores.get(gname)) : null);
            }
            t.row(cells.toArray());
        });
        return t;
    }

    static Table cpuTable(String title, java.util.Collection<Run> runs) {
        Set<String> groups = new LinkedHashSet<>();
        runs.forEach(r -> groups.addAll(r.cpu().keySet()));
        List<String> header = new ArrayList<>();
        header.add("run");
        header.addAll(groups);
        Table t = new Table(title, header.toArray(String[]::new));
        for (Run r : runs) {
            List<Object> cells = new ArrayList<>();
            cells.add(r.label());
            for (String gname : groups) {
                cells.add(r.cpu().containsKey(gname) ? Table.cpuMicros(r.cpuPerBatch(gname)) : null);
            }
            t.row(cells.toArray());
        }
        return t;
    }

    static void ratio(Table t, String what, Run a, Run b, String goal) {
        if (a == null || b == null) {
            return;
        }
        t.row(what, Table.percent(a.samplesPerSecond() / b.samplesPerSecond()), goal);
    }

    static String ratio2(double v) {
        return Double.isNaN(v) ? null : String.format(Locale.ROOT, "%.2f", v);
    }

    /** A percentile of a histogram of microseconds, in milliseconds; "–" when it is empty. */
    static String pct(Histogram h, double percentile) {
        return h == null || h.getTotalCount() == 0 ? null : Table.millis(h.getValueAtPercentile(percentile));
    }

    public String text() {
        StringBuilder sb = new StringBuilder("\nPlatform benchmark (docs/performance.md)\n");
        header().forEach(l -> sb.append(l).append('\n'));
        for (Table t : tables()) {
            sb.append('\n').append(t.text());
        }
        return sb.toString();
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder("<!-- written by ./spinestream bench ").append(mode.name())
                .append(" platform; docs/performance.md explains it -->\n\n");
        header().forEach(l -> sb.append("- ").append(l).append('\n'));
        for (Table t : tables()) {
            sb.append('\n').append(t.markdown());
        }
        sb.append("\n");
        for (String chart : Charts.names(mode.name())) {
            sb.append("![").append(chart).append("](").append(chart).append(")\n");
        }
        return sb.toString();
    }
}
