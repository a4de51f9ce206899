package io.spinestream.analysis.core;

import static io.spinestream.analysis.core.Harness.ofType;
import static io.spinestream.analysis.core.Harness.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calibration: percentile midpoint, at least 3 s, per wearer, fallback and its advisory. */
class CalibrationTest {

    /** The wearer's raw neutral: pods on a lordotic curve, pelvis tilted, pods' headings apart. */
    private static final Pose RAW_NEUTRAL = new Pose(12, 1.5, -4, 7);

    private static RecordingGenerator belt() {
        return RecordingGenerator.belt("SB-CAL-1").rawNeutral(RAW_NEUTRAL);
    }

    private static double detail(AnalysisEvent e, String key) {
        return Double.parseDouble(e.details().get(key));
    }

    @Test
    void givenPelvicRocking_whenCalibrated_thenNeutralIsTheMidpoint_andFaultsAreMeasuredFromIt() {
        RecordingGenerator gen = belt().calibrate(Duration.ofSeconds(8), 10).activity("deadlift")
                .hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .hold(Duration.ofMillis(400), Pose.flexed(19.5)).hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .hold(Duration.ofMillis(400), Pose.flexed(20.5)).hold(Duration.ofSeconds(1), Pose.NEUTRAL);

        List<AnalysisEvent> events = run(gen);

        AnalysisEvent calibrated = ofType(events, AnalysisEvent.CALIBRATED).get(0);
        assertThat(detail(calibrated, "flexionDeg")).isCloseTo(12, within(0.13));
        assertThat(detail(calibrated, "sideBendDeg")).isCloseTo(1.5, within(0.13));
        assertThat(detail(calibrated, "rotationDeg")).isCloseTo(-4, within(0.13));
        assertThat(detail(calibrated, "hipHingeDeg")).isCloseTo(7, within(0.13));
        assertThat(detail(calibrated, "seconds")).isEqualTo(8.0);
        assertThat(calibrated.activity()).isEqualTo("calibration");
        assertThat(ofType(events, AnalysisEvent.CALIBRATION_NEEDED)).isEmpty();
        assertThat(ofType(events, FaultCode.ROUNDED_BACK)).singleElement()
                .satisfies(e -> assertThat(e.value()).isCloseTo(20.5, within(0.15)));
        // CALIBRATED comes before the calibration session's summary
        assertThat(events.indexOf(calibrated)).isLessThan(events.indexOf(Harness.summaries(events).get(0)));
    }

    @Test
    void givenASkewedCalibration_whenCalibrated_thenTheMidpointOfThe5thAnd95thPercentile_notTheMeanOrMedian() {
        // flexion = −10 + 30·u², u uniform over 201 samples: p5 = −9.925, p95 = 17.075, midpoint 3.575
        // (mean 0, median −2.5)
        RecordingGenerator gen = RecordingGenerator.belt("SB-CAL-1").activity("calibration")
                .trace(201, j -> Pose.flexed(-10 + 30 * Math.pow(j / 200.0, 2))).activity("standing")
                .hold(Duration.ofSeconds(1));

        AnalysisEvent calibrated = ofType(run(gen), AnalysisEvent.CALIBRATED).get(0);

        assertThat(detail(calibrated, "flexionDeg")).isCloseTo(3.575, within(0.13));
    }

    @Test
    void givenAnyCalibrationSamples_whenCalibrated_thenWithinHalfABinOfTheExactR7PercentileMidpoint() {
        java.util.Random random = new java.util.Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int count = 150 + random.nextInt(400);
            double[] flexion = new double[count];
            for (int j = 0; j < count; j++) {
                // a noisy, lopsided rocking movement with a few wild samples
                double u = j / (double) count;
                flexion[j] = 4 + 9 * Math.sin(2 * Math.PI * u * 2) * (u < 0.5 ? 1 : 0.4) + random.nextGaussian()
                        + (random.nextInt(50) == 0 ? 40 * (random.nextBoolean() ? 1 : -1) : 0);
            }
            RecordingGenerator gen = RecordingGenerator.belt("SB-CAL-1").activity("calibration")
                    .trace(count, j -> Pose.flexed(flexion[j])).activity("standing").hold(Duration.ofSeconds(1));
            double[] asFloats = new double[count];
            for (int j = 0; j < count; j++) {
                asFloats[j] = (double) (float) flexion[j];   // what the belt sends
            }

            AnalysisEvent calibrated = ofType(run(gen), AnalysisEvent.CALIBRATED).get(0);

            double exact = (r7(asFloats, 5) + r7(asFloats, 95)) / 2;
            assertThat(detail(calibrated, "flexionDeg")).as("trial %d", trial).isCloseTo(exact, within(0.13));
        }
    }

    /** Hyndman & Fan definition 7 (R, NumPy default). */
    private static double r7(double[] values, double p) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double rank = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        double frac = rank - lo;
        return lo + 1 < sorted.length ? sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
    }

    @Test
    void givenCalibrationShorterThan3s_whenEnded_thenNotCalibrated_andTheReasonIsSaid() {
        RecordingGenerator gen = belt().activity("calibration").samples(149, Pose.NEUTRAL).activity("deadlift")
                .hold(Duration.ofMillis(400), Pose.flexed(10)).hold(Duration.ofSeconds(1), Pose.NEUTRAL);

        List<AnalysisEvent> events = run(gen);

        assertThat(ofType(events, AnalysisEvent.CALIBRATED)).isEmpty();
        List<AnalysisEvent> needed = ofType(events, AnalysisEvent.CALIBRATION_NEEDED);
        assertThat(needed).hasSize(2);
        assertThat(needed.get(0).activity()).isEqualTo("calibration");
        assertThat(needed.get(0).reason()).contains("too short").contains("2.98 s").contains("at least 3 s");
        assertThat(needed.get(0).value()).isEqualTo(2.98);
        assertThat(needed.get(0).limit()).isEqualTo(3.0);
        assertThat(needed.get(1).activity()).isEqualTo("deadlift");
        // zero neutral: raw flexion 12 + 10 = 22 is a rounded back
        assertThat(ofType(events, FaultCode.ROUNDED_BACK)).hasSize(1);
    }

    @Test
    void givenExactly3sOfCalibration_whenEnded_thenCalibrated() {
        RecordingGenerator gen = belt().activity("calibration").samples(150, Pose.NEUTRAL).activity("standing")
                .hold(Duration.ofSeconds(1));

        assertThat(ofType(run(gen), AnalysisEvent.CALIBRATED)).singleElement()
                .satisfies(e -> assertThat(detail(e, "seconds")).isEqualTo(3.0));
    }

    @Test
    void givenACalibrationEndingAtTheEndOfInput_whenClosed_thenCalibratedAtItsLastSample() {
        RecordingGenerator gen = belt().calibrate(Duration.ofSeconds(4), 6);
        Instant last = gen.now().minus(gen.period());

        assertThat(ofType(run(gen), AnalysisEvent.CALIBRATED)).singleElement()
                .satisfies(e -> assertThat(e.at()).isEqualTo(last));
    }

    @Test
    void givenNoCalibration_whenStanding5s_thenTheStandingMedianIsTheNeutral_andOneAdvisoryPerSession() {
        RecordingGenerator gen = belt().activity("standing").hold(Duration.ofSeconds(6), Pose.NEUTRAL)
                .activity("deadlift").hold(Duration.ofSeconds(1))
                .hold(Duration.ofMillis(400), Pose.flexed(19)).hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .hold(Duration.ofMillis(400), Pose.flexed(21)).hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .activity("standing").hold(Duration.ofSeconds(3));

        List<AnalysisEvent> events = run(gen);

        List<AnalysisEvent> needed = ofType(events, AnalysisEvent.CALIBRATION_NEEDED);
        assertThat(needed).extracting(AnalysisEvent::activity).containsExactly("standing", "deadlift", "standing");
        assertThat(needed.get(0).reason()).contains("zero");
        assertThat(needed.get(1).reason()).contains("median");
        assertThat(ofType(events, FaultCode.ROUNDED_BACK)).singleElement()
                .satisfies(e -> assertThat(e.value()).isEqualTo(21.0));
    }

    @Test
    void givenStandingSplitOverSessions_whenTheyAddUpTo5s_thenTheMedianIsTakenThen() {
        RecordingGenerator gen = belt().activity("standing").hold(Duration.ofSeconds(3)).activity("walking")
                .hold(Duration.ofSeconds(2)).activity("standing").hold(Duration.ofSeconds(2))
                .activity("deadlift").hold(Duration.ofMillis(400), Pose.flexed(19)).hold(Duration.ofSeconds(1),
                        Pose.NEUTRAL);
        assertThat(ofType(run(gen), FaultCode.ROUNDED_BACK)).isEmpty();

        RecordingGenerator tooShort = belt().activity("standing").hold(Duration.ofMillis(4900)).activity("deadlift")
                .hold(Duration.ofMillis(400), Pose.flexed(9)).hold(Duration.ofSeconds(1), Pose.NEUTRAL);
        assertThat(ofType(run(tooShort), FaultCode.ROUNDED_BACK)).as("still zero neutral: 12 + 9 > 20").hasSize(1);
    }

    @Test
    void givenAReassignedBelt_whenTheNewWearerHasNoCalibration_thenThePreviousWearersNeutralIsNotUsed() {
        RecordingGenerator gen = belt().calibrate(Duration.ofSeconds(4), 8).activity("deadlift")
                .hold(Duration.ofSeconds(2), Pose.NEUTRAL)                       // wearer A
                .newBatch().hold(Duration.ofSeconds(2), Pose.flexed(10))           // wearer B: raw 22
                .newBatch().hold(Duration.ofSeconds(2), Pose.flexed(10));          // wearer A again: 10
        List<TelemetryBatch> batches = gen.batches();
        List<AnalysisEvent> events = new ArrayList<>();
        BeltAnalyzer analyzer = new BeltAnalyzer("SB-CAL-1");
        int deadliftBatch = 0;
        for (TelemetryBatch b : batches) {
            String wearer = "w-A";
            if (b.getActivity().equals("deadlift")) {
                wearer = deadliftBatch == 2 || deadliftBatch == 3 ? "w-B" : "w-A";
                deadliftBatch++;
            }
            analyzer.analyze(b, BatchContext.of("c", wearer, List.of(), null), events::add);
        }
        analyzer.closeSession(events::add);

        assertThat(ofType(events, FaultCode.ROUNDED_BACK)).singleElement()
                .satisfies(e -> assertThat(e.wearerId()).isEqualTo("w-B"));
        assertThat(ofType(events, AnalysisEvent.CALIBRATION_NEEDED)).extracting(AnalysisEvent::wearerId)
                .containsExactly("w-B");
        assertThat(analyzer.neutral().source()).isEqualTo(Neutral.Source.CALIBRATION);
    }

    @Test
    void givenASecondCalibration_whenDone_thenItReplacesTheFirst() {
        RecordingGenerator gen = belt().calibrate(Duration.ofSeconds(4), 8).activity("standing")
                .hold(Duration.ofSeconds(1)).rawNeutral(new Pose(4, 0, 0, 2)).calibrate(Duration.ofSeconds(4), 8)
                .activity("deadlift").hold(Duration.ofMillis(400), Pose.flexed(19)).hold(Duration.ofSeconds(1),
                        Pose.NEUTRAL);

        List<AnalysisEvent> events = run(gen);

        List<AnalysisEvent> calibrated = ofType(events, AnalysisEvent.CALIBRATED);
        assertThat(calibrated).hasSize(2);
        assertThat(detail(calibrated.get(1), "flexionDeg")).isCloseTo(4, within(0.13));
        assertThat(ofType(events, FaultCode.ROUNDED_BACK)).isEmpty();
    }

    @Test
    void givenAStoredCalibrationInTheContext_whenTheBeltHasNone_thenItIsUsed() {
        RecordingGenerator gen = belt().activity("deadlift").hold(Duration.ofSeconds(1))
                .hold(Duration.ofMillis(400), Pose.flexed(19)).hold(Duration.ofSeconds(1), Pose.NEUTRAL);
        Neutral stored = new Neutral(12, 1.5f, -4, 7, Neutral.Source.CALIBRATION, Instant.parse("2026-11-01T00:00:00Z"));

        List<AnalysisEvent> events = run(gen, BatchContext.of("c", "w-1", List.of(), null).withCalibration(stored));

        assertThat(ofType(events, FaultCode.ROUNDED_BACK)).isEmpty();
        assertThat(ofType(events, AnalysisEvent.CALIBRATION_NEEDED)).isEmpty();
    }

    @Test
    void givenHeadingsFarFromZero_whenCalibratedAndTwisting_thenRotationIsTheWrappedDifference() {
        for (double yaw : new double[] {3600.25, -7200.5, 359.75, 1e5}) {
            RecordingGenerator gen = RecordingGenerator.belt("SB-CAL-1").yawBase(yaw)
                    .rawNeutral(new Pose(0, 0, 178, 0)).activity("calibration")
                    .trace(250, j -> Pose.rotated(5 * Math.sin(2 * Math.PI * j / 200)))
                    .activity("row").hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                    .hold(Duration.ofMillis(400), Pose.rotated(14)).hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                    .hold(Duration.ofMillis(400), Pose.rotated(-16.5)).hold(Duration.ofSeconds(1), Pose.NEUTRAL);

            List<AnalysisEvent> events = run(gen);

            double neutral = detail(ofType(events, AnalysisEvent.CALIBRATED).get(0), "rotationDeg");
            assertThat(neutral).as("yaw %s", yaw).isCloseTo(178, within(0.13));
            assertThat(ofType(events, FaultCode.TWIST_UNDER_LOAD)).as("yaw %s", yaw).singleElement()
                    .satisfies(e -> assertThat(e.value()).isCloseTo(16.5, within(0.15)))
                    .satisfies(e -> assertThat(e.details()).containsEntry("direction", "left"));
        }
    }
}
