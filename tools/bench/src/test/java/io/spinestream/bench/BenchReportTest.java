package io.spinestream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.spinestream.bench.BenchReport.Throughput;
import io.spinestream.bench.StateFootprint.StateSizes;

import java.util.List;

import org.junit.jupiter.api.Test;

class BenchReportTest {

    @Test
    void givenResults_whenFormatted_thenMillionsWithErrorRatioToGoalAndAllocation() {
        String table = BenchReport.throughputTable(List.of(
                new Throughput("deadlift, reps + faults", 50, 50, 31_234_567, 2_110_000, 0.0712, 36_000_000,
                        44_000_000),
                new Throughput("walking + impacts", 50, 2000, 8_000_000, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN)));

        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).contains("goal: 20.0 M samples/s per core");
        assertThat(lines.get(2)).contains("deadlift, reps + faults", "50 Hz", "31.2 M ± 2.1 M", "1.56×", "36.0 M",
                "1.80×", "44.0 M", "2.20×", "0.0712", "3.6");
        assertThat(lines.get(3)).contains("walking + impacts", "2000", "8.0 M", "0.40×", "n/a").doesNotContain("±");
        assertThat(lines.get(5)).contains("CPU time");
        assertThat(lines.get(6)).contains("in the cache");
    }

    @Test
    void givenStateSizes_whenFormatted_thenShareOfThe4KbGoal() {
        String table = BenchReport.stateTable(List.of(new StateSizes("sitting, 50 Hz", 35, 110, 1024)));

        assertThat(table).contains("at most 4096 B");
        assertThat(table.lines().toList().get(2)).contains("sitting, 50 Hz", "35", "110", "1024", "25 %");
    }

    @Test
    void givenAllocations_whenFormatted_thenAllInQuietAndPerEventBytes() {
        String table = BenchReport.allocationTable(List.of(
                new Allocation.Sizes(BenchRecordings.Workload.SITTING, 2000, 4, 338.1, 186, 600.5),
                new Allocation.Sizes(BenchRecordings.Workload.WALKING, 50, 0, 1.0, -1, Double.NaN)));

        assertThat(table.lines().toList().get(2)).contains("sitting", "50 Hz", "2000", "4", "338.1", "186", "601");
        assertThat(table.lines().toList().get(3)).contains("walking + impacts", "n/a");
        assertThat(table).contains("median over the batches that raised no event");
    }

    @Test
    void givenBadArguments_whenRun_thenUsageAndExitCode2WithoutBenchmarking() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

        int code = BenchMain.run(new String[] {"--workload", "swimming"}, new java.io.PrintStream(out),
                new java.io.PrintStream(err));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("unknown workload 'swimming'", "usage: ./spinestream bench");
        assertThat(out.toString()).isEmpty();
    }
}
