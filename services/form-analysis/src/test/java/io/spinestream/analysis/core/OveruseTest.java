package io.spinestream.analysis.core;

import static io.spinestream.analysis.core.Harness.ofType;
import static io.spinestream.analysis.core.Harness.run;
import static io.spinestream.analysis.core.Harness.summaries;
import static org.assertj.core.api.Assertions.assertThat;

import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.events.payload.Limits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OVERUSE: more than 150 loaded reps within any 60 min. */
class OveruseTest {

    private static final Duration REP = Duration.ofMillis(1000);
    private static final Duration PAUSE = Duration.ofMillis(300);

    private static RecordingGenerator belt(String activity) {
        return RecordingGenerator.belt("SB-OVERUSE-1").rateHz(20).batchSize(40).activity(activity)
                .hold(Duration.ofSeconds(1));
    }

    @Test
    void given150LoadedReps_whenAnalyzed_thenSilent_and151stRaisesOveruse() {
        List<AnalysisEvent> events150 = run(belt("deadlift").reps(150, REP, Pose.hinge(40), PAUSE));
        assertThat(Harness.onlySummary(events150).reps()).isEqualTo(150);
        assertThat(ofType(events150, FaultCode.OVERUSE)).isEmpty();

        List<AnalysisEvent> events = run(belt("deadlift").reps(151, REP, Pose.hinge(40), PAUSE));
        AnalysisEvent summary = Harness.onlySummary(events);
        assertThat(summary.reps()).isEqualTo(151);
        assertThat(ofType(events, FaultCode.OVERUSE)).singleElement().satisfies(e -> {
            assertThat(e.value()).isEqualTo(151.0);
            assertThat(e.limit()).isEqualTo(150.0);
            assertThat(e.at()).isBetween(summary.repMetrics().get(127).endedAt(), summary.endedAt());
        });
        assertThat(summary.faults()).containsEntry("OVERUSE", 1);
    }

    @Test
    void givenRepsAcrossSessionsOfLoadedActivities_whenMoreThan150WithinTheHour_thenOveruse() {
        RecordingGenerator gen = belt("deadlift").reps(100, REP, Pose.hinge(40), PAUSE)
                .activity("squat").reps(51, REP, Pose.hinge(40), PAUSE);

        List<AnalysisEvent> events = run(gen);

        assertThat(summaries(events)).hasSize(2);
        assertThat(ofType(events, FaultCode.OVERUSE)).singleElement()
                .satisfies(e -> assertThat(e.activity()).isEqualTo("squat"));
    }

    @Test
    void givenRepsMoreThanAnHourApart_whenCounted_thenTheOldOnesHaveLeftTheWindow() {
        RecordingGenerator gen = belt("deadlift").reps(100, REP, Pose.hinge(40), PAUSE)
                .gap(Duration.ofMinutes(60)).reps(51, REP, Pose.hinge(40), PAUSE);
        assertThat(ofType(run(gen), FaultCode.OVERUSE)).isEmpty();

        RecordingGenerator within = belt("deadlift").reps(100, REP, Pose.hinge(40), PAUSE)
                .gap(Duration.ofMinutes(50)).reps(51, REP, Pose.hinge(40), PAUSE);
        assertThat(ofType(run(within), FaultCode.OVERUSE)).hasSize(1);
    }

    @Test
    void givenRepsOfUnloadedActivities_whenMany_thenNoOveruse() {
        RecordingGenerator gen = belt("crunch").reps(160, REP, Pose.flexed(30), PAUSE);
        List<AnalysisEvent> events = run(gen);
        assertThat(Harness.onlySummary(events).reps()).isEqualTo(160);
        assertThat(ofType(events, FaultCode.OVERUSE)).isEmpty();
    }

    @Test
    void givenClinicianLimit_whenExceeded_thenOveruse() {
        Limits limits = new Limits(null, null, null, null, null, null, null, null, null, null, 10);
        List<AnalysisEvent> events = run(belt("lifting").reps(11, REP, Pose.hinge(40), PAUSE),
                BatchContext.of(null, "w-1", List.of(), limits));
        assertThat(ofType(events, FaultCode.OVERUSE)).singleElement()
                .satisfies(e -> assertThat(e.value()).isEqualTo(11.0));
        assertThat(Harness.onlySummary(events).repMetrics().get(10).faults()).containsExactly("OVERUSE");
        assertThat(Harness.onlySummary(events).repMetrics().get(9).faults()).isEmpty();
    }
}
