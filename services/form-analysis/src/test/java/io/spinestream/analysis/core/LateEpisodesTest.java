package io.spinestream.analysis.core;

import static io.spinestream.analysis.core.Harness.ofType;
import static io.spinestream.analysis.core.Harness.run;
import static io.spinestream.analysis.core.Harness.summaries;
import static org.assertj.core.api.Assertions.assertThat;

import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One alert per episode when batches arrive late (form-analysis.md "Late batches"): a late batch
 * that fills a gap inside an episode the live stream has alerted raises no second alert for it,
 * while an episode that really is new (after the hysteresis) still raises its own, late.
 */
class LateEpisodesTest {

    private static final BatchContext CTX = BatchContext.of("clinic-1", "w-7", List.of(), null);

    private static RecordingGenerator deadlift(String belt) {
        return RecordingGenerator.belt(belt).rateHz(50).batchSize(25).activity("deadlift");
    }

    /** The batches in arrival order: the one with seq {@code lateSeq} comes right after seq {@code after}. */
    private static List<TelemetryBatch> arriving(List<TelemetryBatch> batches, long lateSeq, long after) {
        List<TelemetryBatch> order = new ArrayList<>(batches);
        TelemetryBatch late = order.stream().filter(b -> b.getSeq() == lateSeq).findFirst().orElseThrow();
        order.remove(late);
        int at = 0;
        while (order.get(at).getSeq() != after) {
            at++;
        }
        order.add(at + 1, late);
        return order;
    }

    private static TelemetryBatch seq(List<TelemetryBatch> batches, long seq) {
        return batches.stream().filter(b -> b.getSeq() == seq).findFirst().orElseThrow();
    }

    /** Batches 1-4 neutral, 5-10 rounded (an alerted episode), 11-14 neutral; 25 samples (500 ms) each. */
    private static List<TelemetryBatch> roundedEpisode(String belt) {
        return deadlift(belt).hold(Duration.ofSeconds(2), Pose.NEUTRAL)
                .hold(Duration.ofSeconds(3), Pose.flexed(25))
                .hold(Duration.ofSeconds(2), Pose.NEUTRAL).batches();
    }

    @Test
    void givenAnAlertedEpisode_whenALateBatchFromInsideItArrives_thenNoSecondAlert_andTheSessionCountsOneEpisode() {
        List<TelemetryBatch> batches = roundedEpisode("SB-LATE-EP-1");
        List<TelemetryBatch> order = arriving(batches, 7, 9);

        List<AnalysisEvent> events = run(order, CTX);

        assertThat(ofType(events, FaultCode.ROUNDED_BACK)).singleElement().satisfies(e -> {
            assertThat(e.late()).isFalse();
            assertThat(e.seq()).isEqualTo(5);
            assertThat(e.sampleIndex()).isEqualTo(10);
        });
        assertThat(Harness.onlySummary(events).faults()).containsEntry("ROUNDED_BACK", 1);
    }

    @Test
    void givenALateBatchInsideAnEpisode_whenTheAngleComesBackByTheHysteresisAndRoundsAgainInIt_thenThatNewEpisodeIsAlertedLate() {
        // batch 9 (late): rounded 100 ms, back to 16° (<= 20° - 3°: the episode ends), rounded again 300 ms
        RecordingGenerator gen = deadlift("SB-LATE-EP-2").hold(Duration.ofSeconds(2), Pose.NEUTRAL)
                .hold(Duration.ofSeconds(2), Pose.flexed(25))
                .samples(5, Pose.flexed(25)).samples(5, Pose.flexed(16)).samples(15, Pose.flexed(25))
                .hold(Duration.ofSeconds(1), Pose.flexed(25))
                .hold(Duration.ofSeconds(2), Pose.NEUTRAL);
        List<TelemetryBatch> batches = gen.batches();

        List<AnalysisEvent> events = run(arriving(batches, 9, 11), CTX);

        assertThat(ofType(events, FaultCode.ROUNDED_BACK)).extracting(AnalysisEvent::late, AnalysisEvent::seq,
                AnalysisEvent::sampleIndex).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(false, 5L, 10),
                        org.assertj.core.groups.Tuple.tuple(true, 9L, 20));
        assertThat(Harness.onlySummary(events).faults()).containsEntry("ROUNDED_BACK", 2);
    }

    @Test
    void givenAClosedSession_whenALateBatchFromInsideOneOfItsAlertedEpisodesArrives_thenNoSecondAlert() {
        RecordingGenerator gen = deadlift("SB-LATE-EP-3").hold(Duration.ofSeconds(2), Pose.NEUTRAL)
                .hold(Duration.ofSeconds(3), Pose.flexed(25)).hold(Duration.ofSeconds(2), Pose.NEUTRAL)
                .activity("standing").hold(Duration.ofSeconds(2), Pose.NEUTRAL);
        List<TelemetryBatch> batches = gen.batches();
        long last = batches.get(batches.size() - 1).getSeq();

        List<AnalysisEvent> events = run(arriving(batches, 7, last), CTX);

        assertThat(ofType(events, FaultCode.ROUNDED_BACK)).singleElement()
                .satisfies(e -> assertThat(e.late()).isFalse());
        assertThat(summaries(events)).extracting(AnalysisEvent::activity).containsExactly("deadlift", "standing");
        assertThat(summaries(events).get(0).faults()).containsEntry("ROUNDED_BACK", 1);
    }

    @Test
    void givenALateBatchWhoseFaultRunsIntoAnEpisodeTheLiveStreamAlerted_thenItIsThatEpisode_andNotAlertedAgain() {
        // batch 5 (late): neutral 200 ms, then rounded 300 ms up to its last sample; batch 6 on rounded
        RecordingGenerator gen = deadlift("SB-LATE-EP-4").hold(Duration.ofSeconds(2), Pose.NEUTRAL)
                .samples(10, Pose.NEUTRAL).samples(15, Pose.flexed(25))
                .hold(Duration.ofSeconds(2), Pose.flexed(25))
                .hold(Duration.ofSeconds(2), Pose.NEUTRAL);
        List<TelemetryBatch> batches = gen.batches();

        List<AnalysisEvent> events = run(arriving(batches, 5, 6), CTX);

        assertThat(ofType(events, FaultCode.ROUNDED_BACK)).singleElement().satisfies(e -> {
            assertThat(e.late()).isFalse();
            assertThat(e.seq()).isEqualTo(6);
            assertThat(e.sampleIndex()).isEqualTo(10);
        });
        assertThat(Harness.onlySummary(events).faults()).containsEntry("ROUNDED_BACK", 1);
    }

    @Test
    void givenALateBatchWhoseFaultRunsIntoAnEpisodeStillPending_thenTheLiveEpisodeStartsThere_andTheLiveStreamAlertsItOnce() {
        // batch 3 (late): neutral 200 ms, rounded 300 ms; batch 4 (5 samples, 100 ms) rounded: pending
        // live when batch 3 arrives; batches 5-6 rounded
        RecordingGenerator gen = deadlift("SB-LATE-EP-5").samples(50, Pose.NEUTRAL)
                .samples(10, Pose.NEUTRAL).samples(15, Pose.flexed(25))
                .samples(5, Pose.flexed(25)).newBatch()
                .samples(50, Pose.flexed(25))
                .hold(Duration.ofSeconds(1), Pose.NEUTRAL);
        List<TelemetryBatch> batches = gen.batches();
        assertThat(seq(batches, 4).getChannels().getTrunkPitchCount()).isEqualTo(5);

        List<AnalysisEvent> events = run(arriving(batches, 3, 4), CTX);

        // the episode began in batch 3, so it has lasted 400 ms at batch 5's first sample: alerted
        // there, by the live stream (haptics), instead of twice (late in batch 3, live 200 ms after batch 4)
        assertThat(ofType(events, FaultCode.ROUNDED_BACK)).singleElement().satisfies(e -> {
            assertThat(e.late()).isFalse();
            assertThat(e.seq()).isEqualTo(5);
            assertThat(e.sampleIndex()).isEqualTo(0);
        });
        assertThat(Harness.onlySummary(events).faults()).containsEntry("ROUNDED_BACK", 1);
    }

    @Test
    void givenAnEpisodePendingAcrossAShortGap_whenTheLiveStreamAlertsIt_thenTheLateBatchFromTheGapDoesNotAgain() {
        // 11-sample batches (220 ms): a missing one leaves a gap the pending condition spans (<= 250 ms)
        RecordingGenerator gen = RecordingGenerator.belt("SB-LATE-EP-6").rateHz(50).batchSize(11)
                .activity("deadlift").samples(22, Pose.NEUTRAL)
                .samples(8, Pose.NEUTRAL).samples(3, Pose.flexed(25))   // batch 3: pending starts at sample 8
                .samples(11, Pose.flexed(25))                            // batch 4: missing, then late
                .samples(33, Pose.flexed(25))
                .samples(22, Pose.NEUTRAL);
        List<TelemetryBatch> batches = gen.batches();

        List<AnalysisEvent> events = run(arriving(batches, 4, 5), CTX);

        assertThat(ofType(events, FaultCode.ROUNDED_BACK)).singleElement()
                .satisfies(e -> assertThat(e.late()).isFalse());
        assertThat(Harness.onlySummary(events).faults()).containsEntry("ROUNDED_BACK", 1);
    }

    @Test
    void givenABreathHoldAlerted_whenALateBatchHeldThroughoutArrives_thenNoSecondBreathHoldAlert() {
        // 10 s batches: the hold starts at 1 s (alerted at 9 s), batch 2 (10-20 s) arrives after batch 3
        RecordingGenerator gen = RecordingGenerator.belt("SB-LATE-EP-7").rateHz(50).batchSize(500)
                .withStrain(true).activity("deadlift").hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .holdBreathAt(0.6).hold(Duration.ofSeconds(34)).breathe().hold(Duration.ofSeconds(5));
        List<TelemetryBatch> batches = gen.batches();

        List<AnalysisEvent> events = run(arriving(batches, 2, 3), CTX);

        assertThat(ofType(events, FaultCode.BREATH_HOLD)).singleElement()
                .satisfies(e -> assertThat(e.late()).isFalse());
        assertThat(Harness.onlySummary(events).faults()).containsEntry("BREATH_HOLD", 1);
    }

    @Test
    void givenAHighImpactRateAlerted_whenALateBatchWithManyPeaksFromInsideItArrives_thenNoSecondRateAlert() {
        // a landing of 4.2 g every 0.4 s (150 a minute) for 60 s, in 20 s batches; batch 2 arrives last
        RecordingGenerator gen = RecordingGenerator.belt("SB-LATE-EP-8").rateHz(50).batchSize(1000)
                .activity("jumping").impacts(Duration.ofMillis(400), 4.2).hold(Duration.ofSeconds(60));
        List<TelemetryBatch> batches = gen.batches();

        List<AnalysisEvent> events = run(arriving(batches, 2, 3), CTX);

        assertThat(ofType(events, FaultCode.HIGH_IMPACT)).singleElement().satisfies(e -> {
            assertThat(e.late()).isFalse();
            assertThat(e.unit()).isEqualTo("peaks/min");
        });
    }

    @Test
    void givenLateBatchesInsideEpisodes_whenTheStateIsSnapshotAndRestoredBetweenEveryTwoBatches_thenTheSameEvents() {
        List<List<TelemetryBatch>> orders = List.of(
                arriving(roundedEpisode("SB-LATE-EP-9"), 7, 9),
                arriving(deadlift("SB-LATE-EP-9").samples(50, Pose.NEUTRAL).samples(10, Pose.NEUTRAL)
                        .samples(15, Pose.flexed(25)).samples(5, Pose.flexed(25)).newBatch()
                        .samples(50, Pose.flexed(25)).hold(Duration.ofSeconds(1), Pose.NEUTRAL).batches(), 3, 4));
        for (List<TelemetryBatch> order : orders) {
            assertThat(Harness.runRestoringEachBatch(order, CTX)).isEqualTo(run(order, CTX));
        }
    }

    @Test
    void givenMoreGapsThanTheLogKeeps_whenNoneIsFilled_thenTheStateStaysSmall_andOldGapsAreJudgedAlone() {
        // every other batch of a long rounded episode is lost: many gaps, each remembered until the
        // log is full, the oldest then forgotten
        List<TelemetryBatch> all = deadlift("SB-LATE-EP-10").hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .hold(Duration.ofSeconds(20), Pose.flexed(25)).batches();
        BeltAnalyzer analyzer = new BeltAnalyzer("SB-LATE-EP-10");
        List<AnalysisEvent> events = new ArrayList<>();
        int largest = 0;
        for (TelemetryBatch b : all) {
            if (b.getSeq() % 2 == 0) {
                analyzer.analyze(b, CTX, events::add);
                largest = Math.max(largest, analyzer.snapshot().length);
            }
        }
        BeltAnalyzer withoutGaps = new BeltAnalyzer("SB-LATE-EP-10");
        all.forEach(b -> withoutGaps.analyze(b, CTX, e -> { }));

        assertThat(largest).isLessThan(withoutGaps.snapshot().length + GapLog.CAPACITY * 24);
        // the most recent gap is still known: its batch raises nothing
        TelemetryBatch recent = seq(all, all.get(all.size() - 1).getSeq() - 1);
        assertThat(recent.getSeq() % 2).isOne();
        List<AnalysisEvent> late = new ArrayList<>();
        analyzer.analyze(recent, CTX, late::add);
        assertThat(late).isEmpty();
        // a gap forgotten long ago: judged on the batch alone
        List<AnalysisEvent> old = new ArrayList<>();
        analyzer.analyze(seq(all, 5), CTX, old::add);
        assertThat(ofType(old, FaultCode.ROUNDED_BACK)).singleElement().satisfies(e -> assertThat(e.late()).isTrue());
    }
}
