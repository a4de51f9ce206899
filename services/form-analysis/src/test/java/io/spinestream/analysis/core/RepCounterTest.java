package io.spinestream.analysis.core;

import static io.spinestream.analysis.core.Harness.onlySummary;
import static io.spinestream.analysis.core.Harness.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.events.payload.RepMetrics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reps: hip hinge for deadlift, romanian_deadlift, squat, lifting, glute_bridge; lumbar
 * flexion for crunch; rest = lowest smoothed value; counted above rest + 15° after being
 * back within rest + 5°; smoothing = running median of about 200 ms.
 */
class RepCounterTest {

    private static final Duration PAUSE = Duration.ofMillis(500);

    private static RecordingGenerator belt(String activity) {
        return RecordingGenerator.belt("SB-REPS-1").activity(activity).hold(Duration.ofSeconds(1));
    }

    private static int reps(RecordingGenerator gen) {
        return onlySummary(run(gen)).reps();
    }

    @ParameterizedTest
    @ValueSource(strings = {"deadlift", "romanian_deadlift", "squat", "lifting"})
    void givenHipHingeReps_whenCounted_thenExact(String activity) {
        assertThat(reps(belt(activity).reps(10, Duration.ofSeconds(2), Pose.hinge(60), PAUSE))).isEqualTo(10);
    }

    @Test
    void givenVerySlowReps_whenCounted_thenEachCounts() {
        assertThat(reps(belt("deadlift").reps(4, Duration.ofSeconds(12), Pose.hinge(45), Duration.ofSeconds(3))))
                .isEqualTo(4);
    }

    @Test
    void givenFastReps_whenCounted_thenEachCounts() {
        assertThat(reps(belt("squat").reps(12, Duration.ofMillis(700), Pose.hinge(50), Duration.ofMillis(200))))
                .isEqualTo(12);
    }

    @Test
    void givenShallowRepsJustAbove15_whenCounted_thenEachCounts_andJustBelowNone() {
        assertThat(reps(belt("deadlift").reps(6, Duration.ofSeconds(2), Pose.hinge(15.5), PAUSE))).isEqualTo(6);
        assertThat(reps(belt("deadlift").reps(6, Duration.ofSeconds(2), Pose.hinge(14.8), PAUSE))).isZero();
    }

    @Test
    void givenRepsThatDoNotReturnWithinRestPlus5_whenCounted_thenOnlyOne() {
        // down to 40°, up only to 6° above rest: not back within rest + 5°, so one rep
        RecordingGenerator gen = belt("deadlift").move(Duration.ofSeconds(1), Pose.hinge(40));
        for (int i = 0; i < 4; i++) {
            gen.move(Duration.ofSeconds(1), Pose.hinge(6)).hold(Duration.ofMillis(300))
                    .move(Duration.ofSeconds(1), Pose.hinge(40));
        }
        gen.move(Duration.ofSeconds(1), Pose.NEUTRAL).hold(Duration.ofSeconds(1));
        assertThat(reps(gen)).isEqualTo(1);
        // back to 4.9° above rest re-arms every time
        RecordingGenerator rearm = belt("deadlift").move(Duration.ofSeconds(1), Pose.hinge(40));
        for (int i = 0; i < 4; i++) {
            rearm.move(Duration.ofSeconds(1), Pose.hinge(4.9)).hold(Duration.ofMillis(300))
                    .move(Duration.ofSeconds(1), Pose.hinge(40));
        }
        rearm.move(Duration.ofSeconds(1), Pose.NEUTRAL).hold(Duration.ofSeconds(1));
        assertThat(reps(rearm)).isEqualTo(5);
    }

    @Test
    void givenSensorNoise_whenStandingStillInARepActivity_thenNoReps() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-REPS-1").noise(1.5).activity("deadlift")
                .hold(Duration.ofMinutes(2));
        assertThat(reps(gen)).isZero();
    }

    @Test
    void givenSensorNoise_whenDoingReps_thenStillExact() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-REPS-1").noise(1.5).activity("deadlift")
                .hold(Duration.ofSeconds(2)).reps(15, Duration.ofMillis(1800), Pose.hinge(45), PAUSE)
                .reps(5, Duration.ofMillis(2500), Pose.hinge(22), PAUSE);
        assertThat(reps(gen)).isEqualTo(20);
    }

    @ParameterizedTest(name = "{0} Hz, spike of {1} samples")
    @CsvSource({"50, 5", "100, 10", "200, 20", "400, 40", "25, 2", "10, 1"})
    void givenSpikesOf100msOrLess_whenOfAnyHeight_thenNeverARep(int rateHz, int samples) {
        RecordingGenerator gen = RecordingGenerator.belt("SB-REPS-1").rateHz(rateHz).batchSize(rateHz)
                .activity("deadlift").hold(Duration.ofSeconds(1));
        for (int i = 0; i < 10; i++) {
            gen.samples(samples, Pose.hinge(80)).hold(Duration.ofSeconds(1), Pose.NEUTRAL);
        }
        assertThat(reps(gen)).isZero();
    }

    @Test
    void givenAnExcursionLongerThan100ms_whenAbove15_thenItIsARep() {
        RecordingGenerator gen = belt("deadlift");
        for (int i = 0; i < 3; i++) {
            gen.samples(6, Pose.hinge(30)).hold(Duration.ofSeconds(1), Pose.NEUTRAL);
        }
        assertThat(reps(gen)).isEqualTo(3);
    }

    @Test
    void givenCrunches_whenCounted_thenOnLumbarFlexion() {
        assertThat(reps(belt("crunch").reps(8, Duration.ofSeconds(2), Pose.flexed(35), PAUSE))).isEqualTo(8);
        assertThat(reps(belt("crunch").reps(8, Duration.ofSeconds(2), Pose.hinge(35), PAUSE))).isZero();
    }

    @Test
    void givenGluteBridges_whenTheHingeGoesDownAtTheTop_thenEachBridgeCountsOnce() {
        assertThat(reps(belt("glute_bridge").reps(6, Duration.ofSeconds(3), Pose.hinge(-25), PAUSE))).isEqualTo(6);
    }

    @Test
    void givenSessionStartingBentOver_whenStandingUpThenReps_thenRestIsTheLowestValue() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-REPS-1").activity("deadlift")
                .hold(Duration.ofSeconds(2), Pose.hinge(35))
                .move(Duration.ofSeconds(1), Pose.NEUTRAL).hold(Duration.ofSeconds(1))
                .reps(5, Duration.ofSeconds(2), Pose.hinge(50), PAUSE);
        assertThat(reps(gen)).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"row", "plank", "walking", "lunge", "standing", "unknown"})
    void givenActivitiesWithoutReps_whenMoving_thenNoReps(String activity) {
        RecordingGenerator gen = belt(activity).reps(5, Duration.ofSeconds(2), new Pose(20, 0, 0, 25), PAUSE);
        assertThat(reps(gen)).isZero();
    }

    @Test
    void givenReps_whenSummarised_thenPerRepPeaksAndTimes() {
        RecordingGenerator gen = belt("deadlift").reps(3, Duration.ofSeconds(2), new Pose(10, 0, -6, 50), PAUSE);

        List<RepMetrics> metrics = onlySummary(run(gen)).repMetrics();

        assertThat(metrics).hasSize(3).extracting(RepMetrics::index).containsExactly(1, 2, 3);
        for (RepMetrics m : metrics) {
            assertThat(m.peakFlexionDeg()).isCloseTo(10, within(0.01));
            assertThat(m.peakRotationDeg()).isCloseTo(6, within(0.01));
            assertThat(m.peakExtensionDeg()).isNegative();
            assertThat(m.faults()).isEmpty();
            assertThat(Duration.between(m.startedAt(), m.endedAt())).isBetween(Duration.ofMillis(1000),
                    Duration.ofMillis(2000));
        }
        assertThat(metrics.get(0).endedAt()).isBefore(metrics.get(1).startedAt());
    }

    @Test
    void givenARepWithARoundedBack_whenSummarised_thenThatRepHasTheFault_andTheFormScoreCountsIt() {
        RecordingGenerator gen = belt("deadlift").reps(2, Duration.ofSeconds(2), Pose.hinge(50), PAUSE)
                .rep(Duration.ofSeconds(2), new Pose(26, 0, 0, 50)).hold(PAUSE)
                .reps(2, Duration.ofSeconds(2), Pose.hinge(50), PAUSE);

        AnalysisEvent summary = onlySummary(run(gen));

        assertThat(summary.reps()).isEqualTo(5);
        assertThat(summary.repMetrics()).extracting(RepMetrics::faults)
                .containsExactly(List.of(), List.of(), List.of("ROUNDED_BACK"), List.of(), List.of());
        assertThat(summary.formScore()).isEqualTo(80);
    }

    @Test
    void givenMoreRepsThanKeptMetrics_whenSummarised_thenAllCountedAndScored() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-REPS-1").rateHz(20).batchSize(40).activity("crunch")
                .hold(Duration.ofSeconds(1)).reps(140, Duration.ofMillis(1000), Pose.flexed(30), Duration.ofMillis(200))
                .rep(Duration.ofSeconds(2), Pose.flexed(30).withHipHinge(0)).hold(PAUSE);

        AnalysisEvent summary = onlySummary(run(gen));

        assertThat(summary.reps()).isEqualTo(141);
        assertThat(summary.repMetrics()).hasSize(BeltAnalyzer.MAX_REP_METRICS);
        assertThat(summary.formScore()).isEqualTo(100);
    }

    /** Deadlifts at 50 Hz with breathing: {@code before} clean reps, {@code held} with the breath held, 4 clean. */
    private static RecordingGenerator breathHeldOverReps(int before, int held) {
        Duration rep = Duration.ofMillis(1600);
        Duration pause = Duration.ofMillis(400);
        return RecordingGenerator.belt("SB-REPS-HOLD").rateHz(50).batchSize(50).withStrain(true).activity("deadlift")
                .hold(Duration.ofSeconds(1)).reps(before, rep, Pose.hinge(50), pause)
                .holdBreathAt(0.6).reps(held, rep, Pose.hinge(50), pause).breathe()
                .reps(4, rep, Pose.hinge(50), pause);
    }

    @Test
    void givenMoreRepsThanKeptMetrics_whenABreathHoldIsAlertedAfterSomeOfItsRepsEnded_thenTheFormScoreCountsThemFaulty() {
        // the same breath hold over reps, within the kept metrics: which reps it makes faulty
        AnalysisEvent reference = onlySummary(run(breathHeldOverReps(2, 6)));
        long faultyInReference = reference.repMetrics().stream().filter(m -> !m.faults().isEmpty()).count();
        assertThat(reference.repMetrics()).filteredOn(m -> m.faults().contains("BREATH_HOLD"))
                .hasSize((int) faultyInReference).hasSizeGreaterThan(4);  // the 8 s of hold alone span 4 reps

        // the same, after 130 clean reps: every rep of the hold lies beyond the 128 kept
        AnalysisEvent summary = onlySummary(run(breathHeldOverReps(130, 6)));

        assertThat(summary.reps()).isEqualTo(140);
        assertThat(summary.faults()).containsEntry("BREATH_HOLD", 1);
        assertThat(summary.formScore()).isEqualTo((int) Math.round(100.0 * (140 - faultyInReference) / 140));
    }

    @Test
    void givenMoreRepsThanKeptMetrics_whenSummarised_thenTheFirstAreItemised_andTheSummarySaysTheRestAreNot() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-REPS-1").rateHz(20).batchSize(40).activity("crunch")
                .hold(Duration.ofSeconds(1)).reps(130, Duration.ofMillis(1000), Pose.flexed(30), Duration.ofMillis(200));

        AnalysisEvent summary = onlySummary(run(gen));

        assertThat(summary.reps()).isEqualTo(130);
        assertThat(summary.repMetrics()).extracting(RepMetrics::index)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 128).boxed().toList());
        assertThat(summary.repMetricsTruncated()).isTrue();
        assertThat(AnalysisEventJson.toJson(summary)).contains("\"reps\":130").contains("\"repMetricsTruncated\":true");
    }

    @Test
    void givenExactlyAsManyRepsAsKeptMetrics_whenSummarised_thenAllAreItemised_andNothingIsSaidTruncated() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-REPS-1").rateHz(20).batchSize(40).activity("crunch")
                .hold(Duration.ofSeconds(1)).reps(128, Duration.ofMillis(1000), Pose.flexed(30), Duration.ofMillis(200));

        AnalysisEvent summary = onlySummary(run(gen));

        assertThat(summary.reps()).isEqualTo(128);
        assertThat(summary.repMetrics()).hasSize(128);
        assertThat(summary.repMetricsTruncated()).isFalse();
        assertThat(AnalysisEventJson.toJson(summary)).doesNotContain("repMetricsTruncated");
    }
}
