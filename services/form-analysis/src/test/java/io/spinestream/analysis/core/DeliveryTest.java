package io.spinestream.analysis.core;

import static io.spinestream.analysis.core.Harness.ofType;
import static io.spinestream.analysis.core.Harness.run;
import static io.spinestream.analysis.core.Harness.summaries;
import static org.assertj.core.api.Assertions.assertThat;

import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.events.telemetry.TelemetryJson;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Delivery: duplicates, late batches, snapshot and restore, batch size, encoding.
 */
class DeliveryTest {

    private static final BatchContext CTX = BatchContext.of("clinic-1", "w-7", List.of(), null);

    @Test
    void givenTheWorkout_whenAnalyzed_thenEveryKindOfEventIsRaised() {
        List<AnalysisEvent> events = run(Recordings.workout(25).batches(), CTX);

        assertThat(events).extracting(AnalysisEvent::type).contains("CALIBRATED", "ROUNDED_BACK",
                "TWIST_UNDER_LOAD", "SIDE_BEND_UNDER_LOAD", "BREATH_HOLD", "EXCESSIVE_ARCH", "HIGH_IMPACT",
                "SLUMPED_SITTING", "SESSION_SUMMARY");
        assertThat(summaries(events)).extracting(AnalysisEvent::activity).containsExactly("standing",
                "calibration", "deadlift", "plank", "jumping", "sitting", "unknown", "crunch");
        AnalysisEvent deadlift = summaries(events).get(2);
        assertThat(deadlift.reps()).isEqualTo(13);
        assertThat(summaries(events).get(7).reps()).isEqualTo(5);
    }

    @Test
    void givenEveryBatchDeliveredTwice_whenAnalyzed_thenTheSameEventsAsOnce() {
        List<TelemetryBatch> batches = Recordings.workout(25).batches();
        List<AnalysisEvent> once = run(batches, CTX);

        List<AnalysisEvent> events = new ArrayList<>();
        BeltAnalyzer analyzer = new BeltAnalyzer("SB-WORKOUT-1");
        for (int i = 0; i < batches.size(); i++) {
            assertThat(analyzer.analyze(batches.get(i), CTX, events::add)).isEqualTo(BatchOutcome.ANALYZED);
            assertThat(analyzer.analyze(batches.get(i), CTX, events::add)).isEqualTo(BatchOutcome.DUPLICATE);
            if (i >= 40) {   // and a redelivery of an older batch
                assertThat(analyzer.analyze(batches.get(i - 40), CTX, events::add)).isEqualTo(BatchOutcome.DUPLICATE);
            }
        }
        analyzer.closeSession(events::add);

        assertThat(events).isEqualTo(once);
    }

    @Test
    void givenALateBatchWithAFault_whenItArrivesAfterNewerOnes_thenItsAlertIsFlaggedLate_inTheOpenSession() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-LATE-1").batchSize(25).activity("deadlift")
                .hold(Duration.ofSeconds(3)).samples(25, Pose.flexed(25))            // batch 7, whole
                .hold(Duration.ofSeconds(3), Pose.NEUTRAL);
        List<TelemetryBatch> batches = gen.batches();
        TelemetryBatch late = batches.get(6);
        List<TelemetryBatch> order = new ArrayList<>(batches);
        order.remove(6);
        order.add(9, late);   // after seq 10

        List<AnalysisEvent> events = new ArrayList<>();
        BeltAnalyzer analyzer = new BeltAnalyzer("SB-LATE-1");
        List<BatchOutcome> outcomes = new ArrayList<>();
        for (TelemetryBatch b : order) {
            outcomes.add(analyzer.analyze(b, CTX, events::add));
        }
        assertThat(analyzer.analyze(late, CTX, events::add)).isEqualTo(BatchOutcome.DUPLICATE);
        analyzer.closeSession(events::add);

        assertThat(outcomes).containsOnlyOnce(BatchOutcome.LATE);
        assertThat(outcomes.get(9)).isEqualTo(BatchOutcome.LATE);
        AnalysisEvent summary = Harness.onlySummary(events);
        assertThat(ofType(events, FaultCode.ROUNDED_BACK)).singleElement().satisfies(e -> {
            assertThat(e.late()).isTrue();
            assertThat(e.seq()).isEqualTo(late.getSeq());
            assertThat(e.at()).isEqualTo(gen.timeOf(150).plusMillis(200));
            assertThat(e.sessionId()).isEqualTo(summary.sessionId());
        });
        assertThat(summary.faults()).containsEntry("ROUNDED_BACK", 1);
        assertThat(ofType(events, AnalysisEvent.CALIBRATION_NEEDED)).hasSize(1);
    }

    @Test
    void givenAnOpenEpisode_whenALateBatchOfGoodFormArrives_thenTheEpisodeIsNotDisturbed() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-LATE-1").batchSize(25).activity("deadlift")
                .hold(Duration.ofSeconds(2)).hold(Duration.ofSeconds(3), Pose.flexed(25))
                .hold(Duration.ofSeconds(1), Pose.NEUTRAL);
        List<TelemetryBatch> batches = gen.batches();
        List<TelemetryBatch> order = new ArrayList<>(batches);
        TelemetryBatch late = order.remove(1);   // good form
        order.add(6, late);                       // arrives while the rounded back is open

        List<AnalysisEvent> events = run(order, CTX);

        assertThat(ofType(events, FaultCode.ROUNDED_BACK)).singleElement()
                .satisfies(e -> assertThat(e.late()).isFalse());
    }

    @Test
    void givenALateBatchOfAnotherActivity_whenAnalyzed_thenItsAlertsHaveNoSession() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-LATE-1").batchSize(25).activity("row")
                .samples(25, Pose.rotated(20)).activity("walking").hold(Duration.ofSeconds(2));
        List<TelemetryBatch> batches = gen.batches();
        List<TelemetryBatch> order = new ArrayList<>(batches.subList(1, batches.size()));
        order.add(batches.get(0));

        List<AnalysisEvent> events = run(order, CTX);

        assertThat(ofType(events, FaultCode.TWIST_UNDER_LOAD)).singleElement().satisfies(e -> {
            assertThat(e.late()).isTrue();
            assertThat(e.sessionId()).isNull();
            assertThat(e.activity()).isEqualTo("row");
        });
        assertThat(summaries(events)).extracting(AnalysisEvent::activity).containsExactly("walking");
    }

    @Test
    void givenSnapshotAndRestoreBetweenEveryTwoBatches_whenAnalyzed_thenExactlyTheSameEvents() {
        // 7-sample batches (140 ms): every episode, pending condition, rep, peak, breath hold
        // and calibration of the workout spans a restore
        List<TelemetryBatch> batches = Recordings.workout(7).batches();

        List<AnalysisEvent> uninterrupted = run(batches, CTX);
        List<AnalysisEvent> restored = Harness.runRestoringEachBatch(batches, CTX);

        assertThat(restored).isEqualTo(uninterrupted);
    }

    @Test
    void givenAnyState_whenSnapshotRestoredAndSnapshotAgain_thenTheSameBytes_andAtMost4KB() {
        List<TelemetryBatch> batches = Recordings.workout(7).batches();
        BeltAnalyzer analyzer = new BeltAnalyzer("SB-WORKOUT-1");
        int largest = 0;
        for (TelemetryBatch b : batches) {
            analyzer.analyze(b, CTX, e -> { });
            byte[] state = analyzer.snapshot();
            assertThat(BeltAnalyzer.restore(state).snapshot()).isEqualTo(state);
            largest = Math.max(largest, state.length);
        }
        System.out.printf("workout: largest snapshot %d bytes over %d batches%n", largest, batches.size());
        assertThat(largest).isLessThanOrEqualTo(4096);
    }

    @Test
    void givenSnapshotAndRestoreMidEpisode_whenTheEpisodeContinues_thenNoRepeatedAlert_andOneSession() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-RESTORE-1").batchSize(5).activity("plank")
                .hold(Duration.ofSeconds(1)).hold(Duration.ofSeconds(2), Pose.flexed(-20))
                .hold(Duration.ofSeconds(1), Pose.NEUTRAL);
        List<TelemetryBatch> batches = gen.batches();
        // split: pending (after 100 ms of arch), then open (after 1 s of arch)
        for (int split : new int[] {11, 20}) {
            List<AnalysisEvent> events = new ArrayList<>();
            BeltAnalyzer first = new BeltAnalyzer("SB-RESTORE-1");
            for (TelemetryBatch b : batches.subList(0, split)) {
                first.analyze(b, CTX, events::add);
            }
            BeltAnalyzer second = BeltAnalyzer.restore(first.snapshot());
            for (TelemetryBatch b : batches.subList(split, batches.size())) {
                second.analyze(b, CTX, events::add);
            }
            second.closeSession(events::add);

            assertThat(events).as("split at batch %d", split).isEqualTo(run(batches, CTX));
            assertThat(ofType(events, FaultCode.EXCESSIVE_ARCH)).hasSize(1);
            assertThat(summaries(events)).hasSize(1);
        }
    }

    @Test
    void givenTheSameRecordingCutIntoDifferentBatchSizes_whenAnalyzed_thenTheSameEvents() {
        List<AnalysisEvent> reference = run(Recordings.workout(500).batches(), CTX).stream()
                .map(Harness::withoutBatching).toList();
        for (int size : new int[] {10, 1, 7, 50, 2000}) {
            List<AnalysisEvent> events = run(Recordings.workout(size).batches(), CTX).stream()
                    .map(Harness::withoutBatching).toList();
            assertThat(events).as("batches of %d samples", size).isEqualTo(reference);
        }
    }

    @Test
    void givenTheJsonAndTheProtobufFormOfARecording_whenAnalyzed_thenTheSameEvents() throws Exception {
        List<TelemetryBatch> original = Recordings.workout(50).batches();
        List<TelemetryBatch> fromJson = new ArrayList<>();
        for (String line : Recordings.workout(50).ndjson().split("\n")) {
            fromJson.add(TelemetryJson.parse(line).orElseThrow());
        }
        List<TelemetryBatch> fromProtobuf = new ArrayList<>();
        for (TelemetryBatch b : original) {
            fromProtobuf.add(TelemetryBatch.parseFrom(b.toByteArray()));
        }

        List<AnalysisEvent> json = run(fromJson, CTX);
        List<AnalysisEvent> protobuf = run(fromProtobuf, CTX);

        assertThat(json).isNotEmpty().isEqualTo(protobuf).isEqualTo(run(original, CTX));
    }

    @Test
    void givenAnotherBeltsOrInvalidBatch_whenAnalyzed_thenRejectedWithoutEffect() {
        BeltAnalyzer analyzer = new BeltAnalyzer("SB-ONE");
        TelemetryBatch other = RecordingGenerator.belt("SB-TWO").hold(Duration.ofSeconds(1)).batches().get(0);
        TelemetryBatch empty = other.toBuilder().setBeltId("SB-ONE").clearChannels().build();
        TelemetryBatch badRate = other.toBuilder().setBeltId("SB-ONE").setRateHz(0).build();
        byte[] before = analyzer.snapshot();

        assertThat(analyzer.analyze(other, CTX, e -> { })).isEqualTo(BatchOutcome.REJECTED);
        assertThat(analyzer.analyze(empty, CTX, e -> { })).isEqualTo(BatchOutcome.REJECTED);
        assertThat(analyzer.analyze(badRate, CTX, e -> { })).isEqualTo(BatchOutcome.REJECTED);
        assertThat(analyzer.snapshot()).isEqualTo(before);
    }
}
