package io.spinestream.analysis.core;

import static io.spinestream.analysis.core.Harness.ofType;
import static io.spinestream.analysis.core.Harness.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.events.payload.Limits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** BREATH_HOLD: strain range below 0.02 for longer than 8 s, loaded activities and planks. */
class BreathHoldTest {

    private static RecordingGenerator belt(String activity) {
        return RecordingGenerator.belt("SB-BREATH-1").withStrain(true).activity(activity)
                .breathing(0.05, Duration.ofSeconds(4)).hold(Duration.ofSeconds(10));
    }

    @Test
    void givenNormalBreathing_whenLiftingForAMinute_thenSilent() {
        assertThat(ofType(run(belt("deadlift").hold(Duration.ofSeconds(60))), FaultCode.BREATH_HOLD)).isEmpty();
    }

    @Test
    void givenBreathHeldLongerThan8s_whenLifting_thenOneAlertWhen8sAreReached() {
        RecordingGenerator gen = belt("deadlift");
        Instant start = gen.now();
        gen.holdBreathAt(0.7).hold(Duration.ofMillis(8500)).breathe().hold(Duration.ofSeconds(5));

        List<AnalysisEvent> alerts = ofType(run(gen), FaultCode.BREATH_HOLD);

        assertThat(alerts).singleElement().satisfies(e -> {
            assertThat(e.at()).isEqualTo(start.plusSeconds(8));
            assertThat(e.value()).isEqualTo(8.0);
            assertThat(e.limit()).isEqualTo(8.0);
            assertThat(e.unit()).isEqualTo("s");
        });
    }

    @Test
    void givenBreathHeldOneSampleLessThan8s_whenLifting_thenSilent() {
        RecordingGenerator gen = belt("squat").holdBreathAt(0.7).samples(400).breathe().hold(Duration.ofSeconds(5));
        assertThat(ofType(run(gen), FaultCode.BREATH_HOLD)).isEmpty();

        RecordingGenerator longer = belt("squat").holdBreathAt(0.7).samples(401).breathe().hold(Duration.ofSeconds(5));
        assertThat(ofType(run(longer), FaultCode.BREATH_HOLD)).hasSize(1);
    }

    @Test
    void givenStrainWobblingBy0019_whenHeld_thenStillAHold_andBy0021ItIsBreathing() {
        RecordingGenerator hold = belt("row");
        for (int i = 0; i < 500; i++) {
            hold.holdBreathAt(i % 2 == 0 ? 0.700 : 0.719).samples(1);
        }
        assertThat(ofType(run(hold.breathe().hold(Duration.ofSeconds(2))), FaultCode.BREATH_HOLD)).hasSize(1);

        RecordingGenerator breathing = belt("row");
        for (int i = 0; i < 500; i++) {
            breathing.holdBreathAt(i % 2 == 0 ? 0.700 : 0.721).samples(1);
        }
        assertThat(ofType(run(breathing.breathe().hold(Duration.ofSeconds(2))), FaultCode.BREATH_HOLD)).isEmpty();
    }

    @Test
    void givenSensorNoiseOnTheStrainBand_whenBreathHeld_thenStillDetected() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-BREATH-1").withStrain(true).strainNoise(0.002)
                .activity("lunge").hold(Duration.ofSeconds(10)).holdBreathAt(0.62).hold(Duration.ofSeconds(10))
                .breathe().hold(Duration.ofSeconds(10));

        assertThat(ofType(run(gen), FaultCode.BREATH_HOLD)).hasSize(1);
    }

    @Test
    void givenAVeryLongHold_whenAnalyzed_thenOneAlert_andANewHoldAfterBreathingIsANewEpisode() {
        RecordingGenerator gen = belt("plank").holdBreathAt(0.7).hold(Duration.ofSeconds(30)).breathe()
                .hold(Duration.ofSeconds(6)).holdBreathAt(0.3).hold(Duration.ofSeconds(9)).breathe()
                .hold(Duration.ofSeconds(4));

        List<AnalysisEvent> events = run(gen);

        assertThat(ofType(events, FaultCode.BREATH_HOLD)).hasSize(2);
        assertThat(Harness.onlySummary(events).faults()).containsEntry("BREATH_HOLD", 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plank", "side_plank", "deadlift", "overhead_press", "lifting"})
    void givenCheckedActivity_whenBreathHeld_thenAlert(String activity) {
        RecordingGenerator gen = belt(activity).holdBreathAt(0.7).hold(Duration.ofSeconds(9));
        assertThat(ofType(run(gen), FaultCode.BREATH_HOLD)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sitting", "walking", "push_up", "crunch", "standing", "calibration"})
    void givenActivityNotChecked_whenBreathHeld_thenSilent(String activity) {
        RecordingGenerator gen = belt(activity).holdBreathAt(0.7).hold(Duration.ofSeconds(20));
        assertThat(ofType(run(gen), FaultCode.BREATH_HOLD)).isEmpty();
    }

    @Test
    void givenUnknownActivity_whenBreathHeldWhileHinged_thenAlert_andUpright_thenSilent() {
        RecordingGenerator hinged = belt("unknown").hold(Duration.ofSeconds(1), Pose.hinge(45)).holdBreathAt(0.7)
                .hold(Duration.ofSeconds(9));
        assertThat(ofType(run(hinged), FaultCode.BREATH_HOLD)).hasSize(1);

        RecordingGenerator upright = belt("unknown").holdBreathAt(0.7).hold(Duration.ofSeconds(20));
        assertThat(ofType(run(upright), FaultCode.BREATH_HOLD)).isEmpty();
    }

    @Test
    void givenNoStrainChannel_whenLifting_thenNeverABreathHold() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-BREATH-1").activity("deadlift")
                .hold(Duration.ofSeconds(60));
        assertThat(ofType(run(gen), FaultCode.BREATH_HOLD)).isEmpty();
    }

    @Test
    void givenClinicianBreathHoldLimit_whenHeld_thenThatLimitApplies() {
        Limits limits = new Limits(null, null, null, null, null, null, null, 12.0, null, null, null);
        BatchContext ctx = BatchContext.of(null, "w-1", List.of(), limits);

        RecordingGenerator ten = belt("deadlift").holdBreathAt(0.7).hold(Duration.ofSeconds(10)).breathe()
                .hold(Duration.ofSeconds(2));
        assertThat(ofType(run(ten, ctx), FaultCode.BREATH_HOLD)).isEmpty();

        RecordingGenerator twelve = belt("deadlift");
        Instant start = twelve.now();
        twelve.holdBreathAt(0.7).hold(Duration.ofMillis(12500));
        assertThat(ofType(run(twelve, ctx), FaultCode.BREATH_HOLD)).singleElement()
                .satisfies(e -> assertThat(e.at()).isEqualTo(start.plusSeconds(12)))
                .satisfies(e -> assertThat(e.limit()).isEqualTo(12.0));
    }
}
