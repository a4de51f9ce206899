package io.spinestream.bench.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import io.spinestream.bench.platform.PlatformBench.Results;
import io.spinestream.bench.platform.PlatformBench.Run;

/** The report's charts, as PNG files next to the Markdown in docs/performance/ (XChart). */
final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    private Charts() {
    }

    static List<String> names(String mode) {
        return List.of("throughput-" + mode + ".png", "cpu-per-batch-" + mode + ".png", "latency-" + mode + ".png",
                "growth-" + mode + ".png");
    }

    static List<Path> write(Path dir, String mode, Results results) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Path> written = new ArrayList<>();
        if (!results.throughput.isEmpty()) {
            written.add(save(throughput(results), dir.resolve("throughput-" + mode)));
            written.add(save(cpu(results), dir.resolve("cpu-per-batch-" + mode)));
        }
        if (!results.latency.isEmpty()) {
            written.add(save(latency(results), dir.resolve("latency-" + mode)));
        }
        if (!results.growthIngest.isEmpty() || !results.growthAnalysis.isEmpty()) {
            written.add(save(growth(results), dir.resolve("growth-" + mode)));
        }
        return written;
    }

    private static Path save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path base) throws IOException {
        BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
        return Path.of(base + ".png");
    }

    private static CategoryChart throughput(Results r) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Samples per second, same run (goal: 500,000 Protobuf, 250,000 JSON)")
                .yAxisTitle("samples/s").build();
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisLabelRotation(15);
        List<String> x = new ArrayList<>();
        List<Number> y = new ArrayList<>();
        for (Run run : r.throughput.values()) {
            x.add(run.label());
            y.add(run.samplesPerSecond());
        }
        c.addSeries("samples/s", x, y);
        return c;
    }

    private static CategoryChart cpu(Results r) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("CPU per batch answered, by process").yAxisTitle("µs of CPU per batch").build();
        c.getStyler().setStacked(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setXAxisLabelRotation(15);
        Set<String> groups = new LinkedHashSet<>();
        r.throughput.values().forEach(run -> groups.addAll(run.cpu().keySet()));
        List<String> x = r.throughput.values().stream().map(Run::label).toList();
        for (String g : groups) {
            List<Number> y = r.throughput.values().stream()
                    .map(run -> (Number) (run.batches() == 0 ? 0.0 : run.cpu().getOrDefault(g, 0.0) / run.batches() * 1e6))
                    .toList();
            c.addSeries(g, x, y);
        }
        return c;
    }

    private static CategoryChart latency(Results r) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Latency (goals: haptic p99 50 ms at 1,000 belts, webhook p99 100 ms)").yAxisTitle("ms").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        List<String> x = new ArrayList<>();
        List<Histogram> hs = new ArrayList<>();
        for (LatencyRun.Result run : r.latency) {
            x.add("haptic, " + run.label() + " belts");
            hs.add(run.belt().hapticLatency());
            x.add("webhook, " + run.label() + " belts");
            hs.add(run.webhookUs());
        }
        for (double p : new double[] {50, 99, 99.9}) {
            List<Number> y = hs.stream().map(h -> (Number) (h.getTotalCount() == 0 ? 0.0
                    : h.getValueAtPercentile(p) / 1000.0)).toList();
            c.addSeries("p" + (p == Math.rint(p) ? Integer.toString((int) p) : Double.toString(p)), x, y);
        }
        return c;
    }

    private static XYChart growth(Results r) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("CPU per batch as belts grow")
                .xAxisTitle("belts").yAxisTitle("µs of CPU per batch").build();
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        List<Run> ingest = r.growthIngest.stream().filter(run -> run.batchSize() == 50).toList();
        if (ingest.size() > 0) {
            c.addSeries("ingest, all processes", ingest.stream().map(run -> (Number) run.belts()).toList(),
                    ingest.stream().map(run -> (Number) (run.cpuPerBatch() * 1e6)).toList());
        }
        if (!r.growthAnalysis.isEmpty()) {
            c.addSeries("analysis, form-analysis", r.growthAnalysis.stream().map(run -> (Number) run.belts()).toList(),
                    r.growthAnalysis.stream().map(run -> (Number) (run.cpuPerBatch(BenchPlatform.FORM_ANALYSIS) * 1e6))
                            .toList());
        }
        return c;
    }
}
