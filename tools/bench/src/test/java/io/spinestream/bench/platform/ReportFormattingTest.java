package io.spinestream.bench.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportFormattingTest {

    @Test
    void givenLatenciesInMicroseconds_whenFormatted_thenMillisecondsWithAPrecisionThatFitsTheirSize() {
        assertThat(Table.millis(843)).isEqualTo("0.84");
        assertThat(Table.millis(15_230)).isEqualTo("15.2");
        assertThat(Table.millis(1_234_567)).isEqualTo("1,235");
    }

    @Test
    void givenRatiosAndCounts_whenFormatted_thenPercentagesAndGroupedThousands() {
        assertThat(Table.percent(0.456)).isEqualTo("45.6 %");
        assertThat(Table.percent(Double.NaN)).isEqualTo("–");
        assertThat(Table.count(1_234_567.4)).isEqualTo("1,234,567");
        assertThat(Table.count(42.25)).isEqualTo("42.3");
        assertThat(Table.cpuMicros(0.000412)).isEqualTo("412");
    }

    @Test
    void givenMeasurementsAgainstGoals_whenJudged_thenMetOrMissedWithTheShareOfTheGoal() {
        assertThat(Table.verdict(250_000, 500_000, true)).isEqualTo("MISSED (50.0 % of goal)");
        assertThat(Table.verdict(600_000, 500_000, true)).isEqualTo("met (120.0 % of goal)");
        assertThat(Table.verdict(40, 50, false)).isEqualTo("met (80.0 % of goal)");
        assertThat(Table.verdict(75, 50, false)).isEqualTo("MISSED (150.0 % of goal)");
        assertThat(Table.verdict(Double.NaN, 50, false)).isEqualTo("not measured");
    }

    @Test
    void givenATable_whenPrinted_thenColumnsAlignAsTextAndFormAMarkdownTable() {
        Table t = new Table("Throughput", "run", "samples/s").row("ingest, Protobuf", "12,345").row("null", "1,000,000")
                .note("a note");

        assertThat(t.text()).isEqualTo("""
                Throughput
                run               samples/s
                ingest, Protobuf     12,345
                null              1,000,000
                a note
                """);
        assertThat(t.markdown()).contains("| run | samples/s |\n|---|---:|\n| ingest, Protobuf | 12,345 |\n");
    }

    @Test
    void givenTwoRunsOfTheSameRecords_whenTheRatioRowIsMade_thenItIsTheShareOfTheBaselinesSamplesPerSecond() {
        PlatformBench.Run ingest = run("ingest", 100_000, 10.0, Map.of("sensor-ingest", 5.0));
        PlatformBench.Run producer = run("producer", 400_000, 10.0, Map.of("Kafka", 2.0));
        Table t = new Table("Ratios", "what", "ratio", "goal");

        PlatformReport.ratio(t, "Protobuf ingest / Kafka producer", ingest, producer, "50.0 %");
        PlatformReport.ratio(t, "absent baseline", ingest, null, null);

        assertThat(t.rows()).containsExactly(List.of("Protobuf ingest / Kafka producer", "25.0 %", "50.0 %"));
    }

    @Test
    void givenCpuOfSeveralProcesses_whenTabulated_thenEachIsPerBatchAndAProcessARunDidNotHaveIsADash() {
        Map<String, Double> a = new LinkedHashMap<>();
        a.put("sensor-ingest", 2.0);
        a.put("PostgreSQL", 1.0);
        PlatformBench.Run ingest = run("ingest", 50_000, 10.0, a); // 1,000 batches
        PlatformBench.Run endpoint = run("null endpoint", 50_000, 10.0, Map.of("null endpoint", 0.5));

        Table t = PlatformReport.cpuTable("CPU", List.of(ingest, endpoint));

        assertThat(t.rows()).containsExactly(List.of("ingest", "2,000", "1,000", "–"),
                List.of("null endpoint", "–", "–", "500"));
        assertThat(ingest.cpuPerBatch()).isEqualTo(0.003);
    }

    @Test
    void givenLatencyRunsCpu_whenTabulated_thenCoresPerProcessPerBeltCountAndAProcessARunDidNotHaveIsADash() {
        Map<String, Map<String, Double>> cores = new LinkedHashMap<>();
        Map<String, Double> hundred = new LinkedHashMap<>();
        hundred.put("sensor-ingest", 0.254);
        hundred.put("PostgreSQL", 0.1);
        cores.put("100", hundred);
        cores.put("1000, Protobuf", Map.of("sensor-ingest", 0.9, "notification", 0.05));

        Table t = PlatformReport.latencyCpuTable(cores);

        assertThat(t.rows()).containsExactly(List.of("100", "0.25", "0.10", "–"),
                List.of("1000, Protobuf", "0.90", "–", "0.05"));
    }

    @Test
    void givenAnEmptyHistogram_whenAPercentileIsAsked_thenThereIsNone() {
        Histogram h = new Histogram(3);
        assertThat(PlatformReport.pct(h, 99)).isNull();
        h.recordValue(20_000);
        assertThat(PlatformReport.pct(h, 99)).isEqualTo("20.0");
    }

    private static PlatformBench.Run run(String label, long samples, double seconds, Map<String, Double> cpu) {
        return new PlatformBench.Run(label, 100, 50, samples / 50, samples, seconds, cpu, null, 0, 0);
    }
}
