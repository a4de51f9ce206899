package io.spinestream.simulator.motion;

import static org.assertj.core.api.Assertions.assertThat;

import io.spinestream.analysis.core.EffectiveLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shape of injected faults, read straight off the channels a belt sends (lumbar angles =
 * pod differences minus the wearer's raw neutral, as telemetry.md defines them): a faulty
 * movement stays beyond its limit for longer than the rule's minimum duration, once, and comes
 * back inside the limit's hysteresis; clean movement never gets near a limit.
 */
class InjectedFaultShapeTest {

    private static final int RATE = 50;
    private static final long PERIOD_US = 1_000_000L / RATE;
    private static final EffectiveLimits LIMITS = EffectiveLimits.DEFAULTS;

    /** One sample's lumbar angles from neutral, and the rest of what the analyzer reads. */
    private record Sample(long us, String activity, double flexion, double sideBend, double rotation, double hinge,
                          double acc, double strain) {
    }

    /** Calibrate, stand, then one set of 5 deadlifts with the given decisions for its opportunities. */
    private static List<Sample> deadliftSet(Body body, String... decisions) {
        MotionGenerator g = new MotionGenerator(RATE, LIMITS, body, 7, new long[0], true, FaultPlan.scripted(decisions),
                ex -> new Workout(ex, List.of(Workout.once(Exercises::calibrate),
                        Workout.once(e -> e.stand(3_000_000L)),
                        Workout.once(e -> e.liftSet(Codes.DEADLIFT, 5, 6_000_000L)))));
        List<Sample> samples = new ArrayList<>();
        for (GeneratedBatch b : g.advanceTo(60_000_000L, 25)) {
            float[][] c = b.channels();
            for (int i = 0; i < b.size(); i++) {
                samples.add(new Sample(b.firstUs() + i * PERIOD_US, b.activity(),
                        c[0][i] - c[3][i] - body.neutralFlexionDeg(),
                        c[1][i] - c[4][i] - body.neutralSideBendDeg(),
                        c[2][i] - c[5][i] - body.neutralRotationDeg(),
                        c[3][i] - body.neutralHingeDeg(), c[6][i], c[7][i]));
            }
        }
        return samples.stream().filter(s -> s.activity().equals(Codes.DEADLIFT)).toList();
    }

    /** Runs of consecutive samples where the value is beyond the limit: their durations, µs. */
    private static List<Long> episodes(List<Sample> samples, ToDoubleFunction<Sample> value, double limit) {
        List<Long> runs = new ArrayList<>();
        long start = -1;
        for (Sample s : samples) {
            boolean beyond = value.applyAsDouble(s) > limit;
            if (beyond && start < 0) {
                start = s.us();
            } else if (!beyond && start >= 0) {
                runs.add(s.us() - PERIOD_US - start);
                start = -1;
            }
        }
        return runs;
    }

    @Test
    void givenADeadliftSetWithARoundedBackRep_whenItsFlexionIsRead_thenItExceedsTheLimitForTheMinimumDurationOnce() {
        Body body = Body.random(new Rng(3));
        // opportunities: the set (breath hold), then reps 1–5
        List<Sample> set = deadliftSet(body, null, null, null, Codes.ROUNDED_BACK, null, null);

        List<Long> beyond = episodes(set, Sample::flexion, LIMITS.flexionDeg());

        assertThat(beyond).as("one stretch of flexion beyond 20°").hasSize(1);
        assertThat(beyond.get(0)).as("held for at least the 200 ms minimum duration (µs)")
                .isGreaterThanOrEqualTo(Exercises.ROUNDED_BACK_MIN_US);
        int firstBeyond = indexOfFirst(set, s -> s.flexion() > LIMITS.flexionDeg());
        long roundingStarts = set.get(firstBeyond).us() - 500_000L;
        assertThat(set.stream().filter(s -> s.us() < roundingStarts))
                .as("the reps before it stay inside the limit by the hysteresis")
                .allMatch(s -> s.flexion() < LIMITS.flexionDeg() - EffectiveLimits.HYSTERESIS_DEG);
        assertThat(set.subList(firstBeyond, set.size())).as("afterwards it comes back beyond the 3° hysteresis")
                .anyMatch(s -> s.flexion() <= LIMITS.flexionDeg() - EffectiveLimits.HYSTERESIS_DEG);
        assertThat(set).as("the other angles stay clean")
                .allMatch(s -> Math.abs(s.rotation()) < LIMITS.rotationDeg() - EffectiveLimits.HYSTERESIS_DEG)
                .allMatch(s -> Math.abs(s.sideBend()) < LIMITS.sideBendDeg() - EffectiveLimits.HYSTERESIS_DEG)
                .allMatch(s -> -s.flexion() < LIMITS.extensionDeg() - EffectiveLimits.HYSTERESIS_DEG);
    }

    @Test
    void givenACleanDeadliftSet_whenItsAnglesAreRead_thenEveryOneStaysInsideItsLimitByTheHysteresis() {
        Body body = Body.random(new Rng(4));
        List<Sample> set = deadliftSet(body, null, null, null, null, null, null);

        double margin = EffectiveLimits.HYSTERESIS_DEG;
        assertThat(set).isNotEmpty()
                .allMatch(s -> s.flexion() < LIMITS.flexionDeg() - margin)
                .allMatch(s -> -s.flexion() < LIMITS.extensionDeg() - margin)
                .allMatch(s -> Math.abs(s.rotation()) < LIMITS.rotationDeg() - margin)
                .allMatch(s -> Math.abs(s.sideBend()) < LIMITS.sideBendDeg() - margin)
                .allMatch(s -> s.acc() <= LIMITS.impactG());
        assertThat(set.stream().mapToDouble(Sample::hinge).max().orElseThrow())
                .as("but the hips hinge deep enough to count reps").isGreaterThan(55);
    }

    @ParameterizedTest
    @ValueSource(strings = {Codes.TWIST_UNDER_LOAD, Codes.SIDE_BEND_UNDER_LOAD, Codes.EXCESSIVE_ARCH})
    void givenADeadliftRepWithAnotherFault_whenItsAngleIsRead_thenItExceedsItsLimitForItsMinimumDurationOnce(
            String code) {
        Body body = Body.random(new Rng(5));
        List<Sample> set = deadliftSet(body, null, code, null, null, null, null);
        record Rule(ToDoubleFunction<Sample> value, double limit, long minUs) {
        }
        Rule rule = switch (code) {
            case Codes.TWIST_UNDER_LOAD -> new Rule(s -> Math.abs(s.rotation()), LIMITS.rotationDeg(), Exercises.TWIST_MIN_US);
            case Codes.SIDE_BEND_UNDER_LOAD -> new Rule(s -> Math.abs(s.sideBend()), LIMITS.sideBendDeg(),
                    Exercises.SIDE_BEND_MIN_US);
            default -> new Rule(s -> -s.flexion(), LIMITS.extensionDeg(), Exercises.EXCESSIVE_ARCH_MIN_US);
        };

        List<Long> beyond = episodes(set, rule.value(), rule.limit());

        assertThat(beyond).hasSize(1);
        assertThat(beyond.get(0)).isGreaterThanOrEqualTo(rule.minUs());
        assertThat(episodes(set, Sample::flexion, LIMITS.flexionDeg())).as("no rounded back besides").isEmpty();
    }

    @Test
    void givenASetWithABreathHold_whenTheStrainIsRead_thenItsRangeStaysBelowTheRuleForLongerThanTheLimit() {
        Body body = Body.random(new Rng(6));
        List<Sample> set = deadliftSet(body, Codes.BREATH_HOLD, null, null, null, null, null);

        long longest = 0;
        int start = 0;
        double min = set.get(0).strain();
        double max = min;
        for (int i = 1; i < set.size(); i++) {
            double x = set.get(i).strain();
            min = Math.min(min, x);
            max = Math.max(max, x);
            if (max - min >= 0.02) {
                start = i;
                min = x;
                max = x;
            }
            longest = Math.max(longest, set.get(i).us() - set.get(start).us());
        }
        assertThat(longest / 1e6).as("seconds the strain stayed within 0.02")
                .isGreaterThan(LIMITS.breathHoldSeconds());
    }

    private static int indexOfFirst(List<Sample> samples, java.util.function.Predicate<Sample> p) {
        for (int i = 0; i < samples.size(); i++) {
            if (p.test(samples.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no sample matches");
    }
}
