package io.spinestream.analysis.core;

import static io.spinestream.analysis.core.Harness.ofType;
import static io.spinestream.analysis.core.Harness.onlySummary;
import static io.spinestream.analysis.core.Harness.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.events.payload.Limits;
import io.spinestream.events.payload.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MOVEMENT_BREAK_DUE: sitting, or standing without a hip hinge beyond 10°, for 45 min; repeats. */
class MovementBreakTest {

    private static RecordingGenerator belt(String activity) {
        return RecordingGenerator.belt("SB-BREAK-1").rateHz(10).batchSize(100).activity(activity);
    }

    @Test
    void givenSitting100Minutes_whenAnalyzed_thenAdvisoriesAt45And90Minutes() {
        RecordingGenerator gen = belt("sitting");
        Instant start = gen.now();
        gen.hold(Duration.ofMinutes(100));

        List<AnalysisEvent> events = run(gen);

        List<AnalysisEvent> advisories = ofType(events, FaultCode.MOVEMENT_BREAK_DUE);
        assertThat(advisories).extracting(AnalysisEvent::at)
                .containsExactly(start.plus(Duration.ofMinutes(45)), start.plus(Duration.ofMinutes(90)));
        assertThat(advisories.get(0).severity()).isEqualTo(Severity.INFO);
        assertThat(advisories.get(0).value()).isEqualTo(45.0);
        assertThat(advisories.get(0).limit()).isEqualTo(45.0);
        assertThat(advisories.get(0).isAdvisory()).isTrue();
        assertThat(onlySummary(events).faults()).isEmpty();
        assertThat(onlySummary(events).formScore()).isEqualTo(100);
    }

    @Test
    void givenSittingOneSampleLessThan45Minutes_whenAnalyzed_thenSilent() {
        RecordingGenerator gen = belt("sitting").samples(45 * 60 * 10);
        assertThat(ofType(run(gen), FaultCode.MOVEMENT_BREAK_DUE)).isEmpty();
    }

    @Test
    void givenStandingStill_whenAnalyzed_thenDueAfter45Minutes() {
        RecordingGenerator gen = belt("standing");
        Instant start = gen.now();
        gen.hold(Duration.ofMinutes(46), Pose.hinge(10));   // 10° is not beyond 10°

        assertThat(ofType(run(gen), FaultCode.MOVEMENT_BREAK_DUE)).extracting(AnalysisEvent::at)
                .containsExactly(start.plus(Duration.ofMinutes(45)));
    }

    @Test
    void givenStanding_whenHingingBeyond10Degrees_thenTheTimerRestarts() {
        RecordingGenerator gen = belt("standing").hold(Duration.ofMinutes(30)).samples(1, Pose.hinge(10.5));
        Instant hinge = gen.now().minus(gen.period());
        gen.hold(Duration.ofMinutes(50), Pose.NEUTRAL);

        assertThat(ofType(run(gen), FaultCode.MOVEMENT_BREAK_DUE)).extracting(AnalysisEvent::at)
                .containsExactly(hinge.plus(Duration.ofMinutes(45)));
    }

    @Test
    void givenOtherActivities_whenLong_thenNoMovementBreak() {
        RecordingGenerator gen = belt("walking").hold(Duration.ofMinutes(50));
        assertThat(ofType(run(gen), FaultCode.MOVEMENT_BREAK_DUE)).isEmpty();
    }

    @Test
    void givenClinicianInterval_whenSitting_thenThatIntervalApplies() {
        Limits limits = new Limits(null, null, null, null, null, null, null, null, null, 30.0, null);
        RecordingGenerator gen = belt("sitting");
        Instant start = gen.now();
        gen.hold(Duration.ofMinutes(65));

        assertThat(ofType(run(gen, BatchContext.of(null, "w-1", List.of(), limits)), FaultCode.MOVEMENT_BREAK_DUE))
                .extracting(AnalysisEvent::at)
                .containsExactly(start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofMinutes(60)));
    }
}
