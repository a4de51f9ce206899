package io.spinestream.analysis.core;

import static io.spinestream.analysis.core.Harness.ofType;
import static io.spinestream.analysis.core.Harness.onlySummary;
import static io.spinestream.analysis.core.Harness.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.events.payload.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The angle faults (ROUNDED_BACK, EXCESSIVE_ARCH, TWIST_UNDER_LOAD, SIDE_BEND_UNDER_LOAD,
 * SLUMPED_SITTING): limit, minimum duration, episode and hysteresis, where checked.
 * Recordings at 50 Hz without noise, so every boundary is exact.
 */
class AngleFaultsTest {

    /** One fault in one activity where it is checked, and one where it is not. */
    record Case(FaultCode code, String activity, long minMs, double limit, DoubleFunction<Pose> pose,
                String notCheckedIn, Severity severity) {
        @Override
        public String toString() {
            return code + " in " + activity + " (" + pose.apply(1) + ")";
        }

        Duration min() {
            return Duration.ofMillis(minMs);
        }

        int minSamples() {
            return (int) (minMs / 20);
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(FaultCode.ROUNDED_BACK, "deadlift", 200, 20, Pose::flexed, "plank", Severity.CRITICAL),
                new Case(FaultCode.ROUNDED_BACK, "lifting", 200, 20, Pose::flexed, "glute_bridge", Severity.CRITICAL),
                new Case(FaultCode.EXCESSIVE_ARCH, "plank", 300, 15, v -> Pose.flexed(-v), "walking", Severity.WARNING),
                new Case(FaultCode.EXCESSIVE_ARCH, "overhead_press", 300, 15, v -> Pose.flexed(-v), "row",
                        Severity.WARNING),
                new Case(FaultCode.TWIST_UNDER_LOAD, "row", 200, 15, Pose::rotated, "standing", Severity.CRITICAL),
                new Case(FaultCode.TWIST_UNDER_LOAD, "squat", 200, 15, v -> Pose.rotated(-v), "crunch",
                        Severity.CRITICAL),
                new Case(FaultCode.SIDE_BEND_UNDER_LOAD, "lunge", 300, 15, Pose::sideBent, "side_plank",
                        Severity.WARNING),
                new Case(FaultCode.SIDE_BEND_UNDER_LOAD, "romanian_deadlift", 300, 15, v -> Pose.sideBent(-v),
                        "walking", Severity.WARNING),
                new Case(FaultCode.SLUMPED_SITTING, "sitting", 300_000, 20, Pose::flexed, "standing", Severity.INFO));
    }

    private static RecordingGenerator belt(Case c) {
        return RecordingGenerator.belt("SB-FAULT-1").activity(c.activity()).hold(Duration.ofSeconds(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givenAngleAboveLimitLongerThanMinDuration_whenAnalyzed_thenOneAlertAtTheSampleWhereMinDurationIsReached(Case c) {
        RecordingGenerator gen = belt(c);
        Instant start = gen.now();
        gen.hold(c.min().plusMillis(500), c.pose().apply(c.limit() + 1)).hold(Duration.ofSeconds(1), Pose.NEUTRAL);

        List<AnalysisEvent> events = run(gen);

        List<AnalysisEvent> alerts = ofType(events, c.code());
        assertThat(alerts).hasSize(1);
        AnalysisEvent alert = alerts.get(0);
        assertThat(alert.at()).isEqualTo(start.plus(c.min()));
        assertThat(alert.value()).isEqualTo(c.limit() + 1);
        assertThat(alert.limit()).isEqualTo(c.limit());
        assertThat(alert.unit()).isEqualTo("deg");
        assertThat(alert.severity()).isEqualTo(c.severity());
        assertThat(alert.activity()).isEqualTo(c.activity());
        assertThat(alert.late()).isFalse();
        assertThat(alert.sessionId()).isNotNull().isEqualTo(onlySummary(events).sessionId());
        assertThat(onlySummary(events).faults()).containsEntry(c.code().code(), 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givenAngleJustBelowOrAtTheLimit_whenHeldLong_thenSilent(Case c) {
        RecordingGenerator gen = belt(c)
                .hold(c.min().multipliedBy(3).plusSeconds(1), c.pose().apply(c.limit() - 0.05))
                .hold(c.min().multipliedBy(3).plusSeconds(1), c.pose().apply(c.limit()));

        assertThat(ofType(run(gen), c.code())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givenExcursionOneSampleShorterThanMinDuration_whenAnalyzed_thenSilent_andOneSampleLongerFires(Case c) {
        RecordingGenerator gen = belt(c).samples(c.minSamples(), c.pose().apply(c.limit() + 30))
                .hold(Duration.ofSeconds(1), Pose.NEUTRAL);
        assertThat(ofType(run(gen), c.code())).as("condition true for min − 1 period").isEmpty();

        RecordingGenerator longer = belt(c);
        Instant start = longer.now();
        longer.samples(c.minSamples() + 1, c.pose().apply(c.limit() + 30)).hold(Duration.ofSeconds(1), Pose.NEUTRAL);
        List<AnalysisEvent> alerts = ofType(run(longer), c.code());
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).at()).isEqualTo(start.plus(c.min()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givenRepeatedShortSpikes_whenEachShorterThanMinDuration_thenSilent(Case c) {
        RecordingGenerator gen = belt(c);
        for (int i = 0; i < 20; i++) {
            gen.spike(c.min().minusMillis(40), c.pose().apply(c.limit() + 25)).hold(Duration.ofMillis(100));
        }
        assertThat(ofType(run(gen), c.code())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givenOneLongEpisodeWanderingAboveTheLimit_whenAnalyzed_thenOneAlert(Case c) {
        RecordingGenerator gen = belt(c);
        for (int i = 0; i < 6; i++) {
            gen.hold(c.min().dividedBy(2).plusMillis(100), c.pose().apply(c.limit() + 0.5))
                    .move(c.min().dividedBy(2), c.pose().apply(c.limit() + 25))
                    .move(c.min().dividedBy(2), c.pose().apply(c.limit() + 0.5));
        }
        gen.hold(Duration.ofSeconds(1), Pose.NEUTRAL);

        List<AnalysisEvent> events = run(gen);
        assertThat(ofType(events, c.code())).hasSize(1);
        assertThat(onlySummary(events).faults()).containsEntry(c.code().code(), 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givenOpenEpisode_whenBackByLessThanTheHysteresis_thenNoNewEpisode_andBackByTheHysteresis_thenNewEpisode(Case c) {
        Pose above = c.pose().apply(c.limit() + 2);
        Duration longEnough = c.min().plusMillis(100);
        RecordingGenerator gen = belt(c).hold(longEnough, above)
                .hold(Duration.ofSeconds(2), c.pose().apply(c.limit() - 2.9))   // inside, but by less than 3°
                .hold(longEnough, above);
        Instant released = gen.now();
        gen.hold(Duration.ofSeconds(2), c.pose().apply(c.limit() - 3));           // back by exactly 3°: ends
        Instant again = gen.now();
        gen.hold(longEnough, above).hold(Duration.ofSeconds(1), Pose.NEUTRAL);

        List<AnalysisEvent> events = run(gen);

        List<AnalysisEvent> alerts = ofType(events, c.code());
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).at()).isBefore(released);
        assertThat(alerts.get(1).at()).isEqualTo(again.plus(c.min()));
        assertThat(onlySummary(events).faults()).containsEntry(c.code().code(), 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givenActivityWhereTheFaultIsNotChecked_whenAngleFarAboveLimit_thenSilent(Case c) {
        RecordingGenerator gen = RecordingGenerator.belt("SB-FAULT-1").activity(c.notCheckedIn())
                .hold(Duration.ofSeconds(1)).hold(c.min().multipliedBy(3), c.pose().apply(c.limit() + 20));

        assertThat(ofType(run(gen), c.code())).isEmpty();
    }

    @Test
    void givenTwistOrSideBend_whenRaised_thenTheDirectionIsInTheDetails() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-FAULT-1").activity("row").hold(Duration.ofSeconds(1))
                .hold(Duration.ofMillis(400), Pose.rotated(-20)).hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .hold(Duration.ofMillis(400), Pose.sideBent(22)).hold(Duration.ofSeconds(1), Pose.NEUTRAL);

        List<AnalysisEvent> events = run(gen);

        assertThat(ofType(events, FaultCode.TWIST_UNDER_LOAD)).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("direction", "left"))
                .satisfies(e -> assertThat(e.value()).isEqualTo(20.0));
        assertThat(ofType(events, FaultCode.SIDE_BEND_UNDER_LOAD)).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("direction", "right"));
    }

    @Test
    void givenUnknownActivity_whenHipHingeAbove30_thenItCountsAsLoaded_andAt30ItDoesNot() {
        RecordingGenerator loaded = RecordingGenerator.belt("SB-FAULT-1").activity("unknown")
                .hold(Duration.ofSeconds(1)).hold(Duration.ofMillis(500), new Pose(25, 0, 0, 30.5))
                .hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .hold(Duration.ofMillis(500), new Pose(0, 0, 18, 31)).hold(Duration.ofSeconds(1), Pose.NEUTRAL);
        List<AnalysisEvent> events = run(loaded);
        assertThat(ofType(events, FaultCode.ROUNDED_BACK)).hasSize(1);
        assertThat(ofType(events, FaultCode.TWIST_UNDER_LOAD)).hasSize(1);
        assertThat(onlySummary(events).timeUnderLoadSeconds()).isEqualTo(1.0);

        RecordingGenerator notLoaded = RecordingGenerator.belt("SB-FAULT-1").activity("unknown")
                .hold(Duration.ofSeconds(1)).hold(Duration.ofSeconds(2), new Pose(25, 18, 18, 30));
        List<AnalysisEvent> quiet = run(notLoaded);
        assertThat(Harness.alerts(quiet)).isEmpty();
        assertThat(onlySummary(quiet).timeUnderLoadSeconds()).isZero();
    }

    @Test
    void givenUnknownActivity_whenHingeDropsWhileStillRounded_thenTheEpisodeLastsUntilTheAngleIsBack() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-FAULT-1").activity("unknown").hold(Duration.ofSeconds(1))
                .hold(Duration.ofMillis(400), new Pose(25, 0, 0, 40))
                .hold(Duration.ofMillis(400), new Pose(25, 0, 0, 10))   // unloaded, still rounded
                .hold(Duration.ofMillis(400), new Pose(25, 0, 0, 40))   // loaded again: same episode
                .hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .hold(Duration.ofMillis(400), new Pose(25, 0, 0, 40));  // after coming back: new episode

        assertThat(ofType(run(gen), FaultCode.ROUNDED_BACK)).hasSize(2);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} Hz")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 4, 5, 10, 400})
    void givenAnyAllowedRate_whenAFaultHoldsLongerThanTheMinDuration_thenRaisedOnce(int rateHz) {
        RecordingGenerator gen = RecordingGenerator.belt("SB-FAULT-1").rateHz(rateHz).batchSize(rateHz)
                .activity("deadlift").hold(Duration.ofSeconds(2));
        Instant start = gen.now();
        gen.hold(Duration.ofSeconds(3), Pose.flexed(25)).hold(Duration.ofSeconds(3), Pose.NEUTRAL);

        List<AnalysisEvent> alerts = ofType(run(gen), FaultCode.ROUNDED_BACK);

        assertThat(alerts).hasSize(1);
        long periodMs = 1000 / rateHz;
        long expectedMs = ((200 + periodMs - 1) / periodMs) * periodMs;   // first sample at or after 200 ms
        assertThat(alerts.get(0).at()).isEqualTo(start.plusMillis(expectedMs));
    }
}
