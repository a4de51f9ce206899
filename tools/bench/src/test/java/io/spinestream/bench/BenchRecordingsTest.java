package io.spinestream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.spinestream.analysis.core.AnalysisEvent;
import io.spinestream.analysis.core.BeltAnalyzer;
import io.spinestream.bench.BenchRecordings.Workload;
import io.spinestream.events.telemetry.TelemetryValidator;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The benchmark's recordings are valid telemetry and exercise the rules they claim to (so the
 * benchmark measures representative work). Analyses each recording once; nothing is timed.
 */
class BenchRecordingsTest {

    private static Map<String, Long> analyse(Workload w, List<AnalysisEvent> events) {
        BeltAnalyzer analyzer = new BeltAnalyzer(BenchRecordings.BELT_ID);
        for (TelemetryBatch b : BenchRecordings.recording(w, 2000)) {
            analyzer.analyze(b, BenchRecordings.context(), events::add);
        }
        analyzer.closeSession(events::add);
        return events.stream().collect(Collectors.groupingBy(AnalysisEvent::type, Collectors.counting()));
    }

    @ParameterizedTest
    @EnumSource(Workload.class)
    void givenAWorkload_whenRecordedInBatchesOf50And2000_thenEveryBatchIsValidAndTheSampleCountIsExact(Workload w) {
        for (int size : new int[] {50, 2000}) {
            List<TelemetryBatch> batches = BenchRecordings.recording(w, size);

            assertThat(BenchRecordings.samples(batches)).isEqualTo(BenchRecordings.SAMPLES);
            assertThat(batches).hasSize(BenchRecordings.SAMPLES / size);
            assertThat(batches).allSatisfy(b -> assertThat(TelemetryValidator.validate(b)).isEmpty());
            assertThat(batches).extracting(TelemetryBatch::getSeq).startsWith(0L, 1L).endsWith(batches.size() - 1L);
            // contiguous: each batch starts where the previous one ended
            TelemetryBatch last = batches.get(batches.size() - 1);
            assertThat(last.getStartedAtMs() - batches.get(0).getStartedAtMs())
                    .isEqualTo((long) (BenchRecordings.SAMPLES - size) * 1000 / w.rateHz());
        }
    }

    @Test
    void givenTheDeadliftWorkload_whenAnalysed_thenItsRepsAndEveryLoadedFaultAreRaised() {
        for (Workload w : List.of(Workload.DEADLIFT_50HZ, Workload.DEADLIFT_400HZ)) {
            List<AnalysisEvent> events = new ArrayList<>();
            Map<String, Long> types = analyse(w, events);

            assertThat(types).containsKeys("ROUNDED_BACK", "TWIST_UNDER_LOAD", "SIDE_BEND_UNDER_LOAD", "BREATH_HOLD")
                    .containsEntry("SESSION_SUMMARY", 1L);
            AnalysisEvent summary = events.get(events.size() - 1);
            double seconds = (double) BenchRecordings.SAMPLES / w.rateHz();
            assertThat(summary.reps()).isBetween(BenchRecordings.deadliftRepsIn(seconds) - 1,
                    BenchRecordings.deadliftRepsIn(seconds) + 1);
            // one rounded rep (the 6th) per set that got that far
            long roundedReps = (long) Math.floor((seconds - 6 * BenchRecordings.REP_SECONDS) / BenchRecordings.SET_SECONDS) + 1;
            assertThat(types.get("ROUNDED_BACK")).isEqualTo(roundedReps);
        }
        Map<String, Long> fifty = analyse(Workload.DEADLIFT_50HZ, new ArrayList<>());
        assertThat(fifty).containsKey("OVERUSE"); // 40 minutes: past 150 reps in the hour
    }

    @Test
    void givenWalkingAndSitting_whenAnalysed_thenImpactsAndSlumpsAreRaised() {
        assertThat(analyse(Workload.WALKING, new ArrayList<>())).containsKey("HIGH_IMPACT")
                .doesNotContainKeys("ROUNDED_BACK", "TWIST_UNDER_LOAD");
        assertThat(analyse(Workload.SITTING, new ArrayList<>())).containsEntry("SLUMPED_SITTING", 3L)
                .doesNotContainKey("HIGH_IMPACT");
    }

    @Test
    void givenTheStateMeasurements_whenTaken_thenTheyAreOrderedSensibly() {
        StateFootprint.StateSizes deadlift = StateFootprint.of(Workload.DEADLIFT_50HZ);
        StateFootprint.StateSizes worst = StateFootprint.worstCase();

        assertThat(deadlift.largest()).isGreaterThanOrEqualTo(deadlift.midSession()).isPositive();
        assertThat(worst.largest()).isGreaterThan(deadlift.largest());
        assertThat(worst.idle()).isPositive();
    }
}
