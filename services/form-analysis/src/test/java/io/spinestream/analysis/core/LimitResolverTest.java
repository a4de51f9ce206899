package io.spinestream.analysis.core;

import static io.spinestream.analysis.core.Harness.ofType;
import static io.spinestream.analysis.core.Harness.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.events.payload.Limits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Limits: defaults, condition presets (tightest wins), clinician's last word. */
class LimitResolverTest {

    private static Limits flexion(double deg) {
        return new Limits(deg, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void givenNoConditionsNorLimits_whenResolved_thenTheDefaults() {
        EffectiveLimits l = LimitResolver.resolve(List.of(), Limits.none());
        assertThat(l).isEqualTo(EffectiveLimits.DEFAULTS);
        assertThat(LimitResolver.resolve(null, null)).isEqualTo(EffectiveLimits.DEFAULTS);
        assertThat(l.flexionDeg()).isEqualTo(20);
        assertThat(l.extensionDeg()).isEqualTo(15);
        assertThat(l.rotationDeg()).isEqualTo(15);
        assertThat(l.sideBendDeg()).isEqualTo(15);
        assertThat(l.impactG()).isEqualTo(3.0);
        assertThat(l.impactsPerMinute()).isEqualTo(30);
        assertThat(l.peakImpactG()).isEqualTo(6.0);
        assertThat(l.breathHoldSeconds()).isEqualTo(8);
        assertThat(l.slumpMinutes()).isEqualTo(5);
        assertThat(l.movementBreakMinutes()).isEqualTo(45);
        assertThat(l.overuseRepsPerHour()).isEqualTo(150);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // condition,      flexion, extension, rotation, side-bend
            "disc_herniation,   12,      15,        10,       15",
            "spinal_stenosis,   20,      8,         15,       15",
            "spondylolisthesis, 20,      8,         15,       15",
            "facet_irritation,  20,      10,        10,       15",
            "muscle_strain,     16,      12,        12,       12",
            "unknown_thing,     20,      15,        15,       15"})
    void givenOneCondition_whenResolved_thenItsPreset(String condition, double flexion, double extension,
                                                     double rotation, double sideBend) {
        EffectiveLimits l = LimitResolver.resolve(List.of(condition), null);
        assertThat(l.flexionDeg()).isCloseTo(flexion, within(1e-9));
        assertThat(l.extensionDeg()).isCloseTo(extension, within(1e-9));
        assertThat(l.rotationDeg()).isCloseTo(rotation, within(1e-9));
        assertThat(l.sideBendDeg()).isCloseTo(sideBend, within(1e-9));
        assertThat(l.breathHoldSeconds()).isEqualTo(8);
        assertThat(l.overuseRepsPerHour()).isEqualTo(150);
    }

    @Test
    void givenSeveralConditions_whenResolved_thenTheTightestWinsPerLimit() {
        EffectiveLimits l = LimitResolver.resolve(
                List.of("muscle_strain", "disc_herniation", "facet_irritation", "spinal_stenosis"), null);
        assertThat(l.flexionDeg()).isEqualTo(12);      // disc 12 < strain 16
        assertThat(l.extensionDeg()).isEqualTo(8);     // stenosis 8 < facet 10 < strain 12
        assertThat(l.rotationDeg()).isEqualTo(10);     // disc / facet 10 < strain 12
        assertThat(l.sideBendDeg()).isCloseTo(12, within(1e-9));   // strain only
    }

    @Test
    void givenAClinicianLimit_whenLooserThanTheDefaultAndTheConditions_thenTheClinicianWins() {
        EffectiveLimits l = LimitResolver.resolve(List.of("disc_herniation"), flexion(30));
        assertThat(l.flexionDeg()).isEqualTo(30);
        assertThat(l.rotationDeg()).isEqualTo(10);    // not set by the clinician: the condition still applies
    }

    @Test
    void givenAClinicianLimitTighterThanEverything_whenResolved_thenTheClinicianWins() {
        assertThat(LimitResolver.resolve(List.of("muscle_strain"), flexion(5)).flexionDeg()).isEqualTo(5);
    }

    @Test
    void givenEveryClinicianField_whenResolved_thenEachIsUsed() {
        Limits all = new Limits(1.0, 2.0, 3.0, 4.0, 5.0, 6, 7.0, 8.5, 9.0, 10.0, 11);
        assertThat(LimitResolver.resolve(List.of("muscle_strain"), all))
                .isEqualTo(new EffectiveLimits(1, 2, 3, 4, 5, 6, 7, 8.5, 9, 10, 11));
    }

    @Test
    void givenNonsenseClinicianValues_whenResolved_thenIgnored() {
        Limits bad = new Limits(Double.NaN, -3.0, Double.POSITIVE_INFINITY, null, null, -1, null, null, null, null, null);
        EffectiveLimits l = LimitResolver.resolve(List.of("disc_herniation"), bad);
        assertThat(l.flexionDeg()).isEqualTo(12);
        assertThat(l.extensionDeg()).isEqualTo(15);
        assertThat(l.rotationDeg()).isEqualTo(10);
        assertThat(l.impactsPerMinute()).isEqualTo(30);
    }

    @Test
    void givenReleaseThresholds_whenLimitsAreSmall_thenTheMarginIsAtMostHalfTheLimit() {
        assertThat(EffectiveLimits.releaseBelow(20)).isEqualTo(17);
        assertThat(EffectiveLimits.releaseBelow(6)).isEqualTo(3);
        assertThat(EffectiveLimits.releaseBelow(4)).isEqualTo(2);
        assertThat(EffectiveLimits.releaseBelow(0)).isEqualTo(0);
    }

    // ---- the resolved limits applied by the analyzer

    private static List<AnalysisEvent> deadliftFlexedTo(double deg, BatchContext ctx) {
        return ofType(run(RecordingGenerator.belt("SB-LIMITS-1").activity("deadlift").hold(Duration.ofSeconds(1))
                .hold(Duration.ofMillis(400), Pose.flexed(deg)).hold(Duration.ofSeconds(1), Pose.NEUTRAL), ctx),
                FaultCode.ROUNDED_BACK);
    }

    @Test
    void givenDiscHerniation_whenFlexing13Degrees_thenRoundedBack_and11DegreesNot() {
        BatchContext disc = BatchContext.of("c", "w-1", List.of("disc_herniation"), null);
        assertThat(deadliftFlexedTo(12.5, disc)).singleElement()
                .satisfies(e -> assertThat(e.limit()).isEqualTo(12.0));
        assertThat(deadliftFlexedTo(11.5, disc)).isEmpty();
        assertThat(deadliftFlexedTo(12.5, BatchContext.none())).isEmpty();
    }

    @Test
    void givenAClinicianLimitLooserThanTheDefault_whenFlexing25Degrees_thenSilent() {
        BatchContext loose = BatchContext.of("c", "w-1", List.of("disc_herniation"), flexion(30));
        assertThat(deadliftFlexedTo(25, loose)).isEmpty();
        assertThat(deadliftFlexedTo(30.5, loose)).singleElement()
                .satisfies(e -> assertThat(e.limit()).isEqualTo(30.0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"spinal_stenosis, 8", "spondylolisthesis, 8", "facet_irritation, 10", "muscle_strain, 12"})
    void givenAnExtensionCondition_whenArchingInAPlank_thenItsLimitApplies(String condition, double limit) {
        BatchContext ctx = BatchContext.of("c", "w-1", List.of(condition), null);
        RecordingGenerator gen = RecordingGenerator.belt("SB-LIMITS-1").activity("plank").hold(Duration.ofSeconds(1))
                .hold(Duration.ofMillis(500), Pose.flexed(-(limit - 0.5))).hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .hold(Duration.ofMillis(500), Pose.flexed(-(limit + 0.5))).hold(Duration.ofSeconds(1), Pose.NEUTRAL);
        assertThat(ofType(run(gen, ctx), FaultCode.EXCESSIVE_ARCH)).singleElement()
                .satisfies(e -> assertThat(e.limit()).isEqualTo(limit));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"disc_herniation, 10", "facet_irritation, 10", "muscle_strain, 12"})
    void givenARotationCondition_whenTwistingUnderLoad_thenItsLimitApplies(String condition, double limit) {
        BatchContext ctx = BatchContext.of("c", "w-1", List.of(condition), null);
        RecordingGenerator gen = RecordingGenerator.belt("SB-LIMITS-1").activity("row").hold(Duration.ofSeconds(1))
                .hold(Duration.ofMillis(400), Pose.rotated(limit - 0.5)).hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .hold(Duration.ofMillis(400), Pose.rotated(limit + 0.5)).hold(Duration.ofSeconds(1), Pose.NEUTRAL);
        assertThat(ofType(run(gen, ctx), FaultCode.TWIST_UNDER_LOAD)).singleElement()
                .satisfies(e -> assertThat(e.limit()).isEqualTo(limit));
    }

    @Test
    void givenMuscleStrain_whenSideBendingUnderLoad_then12DegreesApplies() {
        BatchContext ctx = BatchContext.of("c", "w-1", List.of("muscle_strain"), null);
        RecordingGenerator gen = RecordingGenerator.belt("SB-LIMITS-1").activity("lunge").hold(Duration.ofSeconds(1))
                .hold(Duration.ofMillis(500), Pose.sideBent(11.5)).hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .hold(Duration.ofMillis(500), Pose.sideBent(12.5)).hold(Duration.ofSeconds(1), Pose.NEUTRAL);
        assertThat(ofType(run(gen, ctx), FaultCode.SIDE_BEND_UNDER_LOAD)).hasSize(1);
    }

    @Test
    void givenAProfileChangeBetweenBatches_whenTheNextBatchArrives_thenTheNewLimitsApply() {
        List<io.spinestream.events.telemetry.proto.TelemetryBatch> batches = RecordingGenerator.belt("SB-LIMITS-1")
                .batchSize(50).activity("deadlift").hold(Duration.ofSeconds(1), Pose.flexed(14))
                .hold(Duration.ofSeconds(1), Pose.NEUTRAL).hold(Duration.ofSeconds(1), Pose.flexed(14)).batches();
        List<AnalysisEvent> events = new java.util.ArrayList<>();
        BeltAnalyzer analyzer = new BeltAnalyzer("SB-LIMITS-1");
        analyzer.analyze(batches.get(0), BatchContext.none(), events::add);
        analyzer.analyze(batches.get(1), BatchContext.none(), events::add);
        analyzer.analyze(batches.get(2), BatchContext.of(null, null, List.of("disc_herniation"), null), events::add);

        assertThat(ofType(events, FaultCode.ROUNDED_BACK)).singleElement()
                .satisfies(e -> assertThat(e.seq()).isEqualTo(batches.get(2).getSeq()));
    }
}
