package io.spinestream.simulator.motion;

import static org.assertj.core.api.Assertions.assertThat;

import io.spinestream.analysis.core.AnalysisEvent;
import io.spinestream.analysis.core.EffectiveLimits;
import io.spinestream.analysis.core.LimitResolver;
import io.spinestream.events.payload.Limits;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The strongest check of the motion model: long generated recordings of every scenario, run
 * through the platform's own analyzer core, raise exactly the faults the model injected (same
 * codes, same order, each when it was due) and count exactly the reps the wearer did.
 */
class AnalyzerAgreementTest {

    /** How far the analyzer's alert may be from the model's prediction (noise moves the crossing). */
    private static final long ANGLE_TOLERANCE_US = 150_000L;
    /** A slouch is slower than a lift: noise moves its crossing more. */
    private static final long SLUMP_TOLERANCE_US = 600_000L;
    /** A held breath is timed from its first sample. */
    private static final long BREATH_TOLERANCE_US = 50_000L;

    static Stream<Arguments> recordings() {
        List<Arguments> all = new ArrayList<>();
        long seed = 11;
        for (Scenario scenario : Scenario.values()) {
            if (scenario == Scenario.MIXED) {
                continue;
            }
            for (int i = 0; i < 3; i++) {
                all.add(Arguments.of(scenario, seed++, List.of(), Limits.none(), 50, 25));
            }
        }
        // tighter limits from conditions, a clinician's limits, other rates and batch sizes
        all.add(Arguments.of(Scenario.GYM, 101L, List.of(LimitResolver.DISC_HERNIATION), Limits.none(), 50, 50));
        all.add(Arguments.of(Scenario.GYM, 102L, List.of(LimitResolver.SPINAL_STENOSIS, LimitResolver.MUSCLE_STRAIN),
                Limits.none(), 100, 40));
        all.add(Arguments.of(Scenario.GYM, 103L, List.of(),
                new Limits(16.0, 10.0, 12.0, 12.0, null, null, null, 6.0, null, null, null), 25, 10));
        all.add(Arguments.of(Scenario.RUNNING, 104L, List.of(),
                new Limits(null, null, null, null, 2.8, 20, 5.0, null, null, null, null), 100, 100));
        all.add(Arguments.of(Scenario.OFFICE, 105L, List.of(LimitResolver.DISC_HERNIATION),
                new Limits(null, null, null, null, null, null, null, null, 3.0, 30.0, null), 20, 20));
        return all.stream();
    }

    @ParameterizedTest(name = "{0} seed {1} conditions {2} rate {4} Hz")
    @MethodSource("recordings")
    void givenAGeneratedRecording_whenTheAnalyzerCoreRunsOverIt_thenItRaisesExactlyTheInjectedFaults(
            Scenario scenario, long seed, List<String> conditions, Limits clinician, int rateHz, int batchSize) {
        EffectiveLimits limits = LimitResolver.resolve(conditions, clinician);
        Rng rng = new Rng(seed);
        MotionGenerator generator = new MotionGenerator(scenario, rateHz, 0.35, limits, Body.random(rng),
                rng.nextSeed(), new long[0], true);
        long minutes = scenario == Scenario.OFFICE || scenario == Scenario.RUNNING ? 50 : 25;
        List<GeneratedBatch> batches = generator.advanceTo(minutes * 60_000_000L, batchSize);
        List<TelemetryBatch> telemetry = Recordings.telemetry(batches, rateHz);

        List<AnalysisEvent> events = Recordings.analyze(telemetry, conditions, clinician);

        // the faults due within the recording, as the batches carry them (the plan reaches a little further)
        List<InjectedFault> injected = batches.stream().flatMap(b -> b.faults().stream()).toList();
        long end = generator.timeUs(generator.samples());
        assertThat(injected).as("every planned fault due within the recording, on its batch")
                .containsExactlyInAnyOrderElementsOf(
                        generator.faults().stream().filter(f -> f.alertUs() < end).toList());
        List<AnalysisEvent> raised = events.stream().filter(AnalysisEvent::isFault).toList();
        assertThat(injected).as("the model injects faults at this rate").isNotEmpty();
        assertThat(raised.stream().map(AnalysisEvent::type).toList())
                .as("faults raised by the analyzer, in order; from the first difference: %s",
                        firstDifference(injected, raised))
                .containsExactlyElementsOf(injected.stream().map(InjectedFault::code).toList());
        for (int i = 0; i < injected.size(); i++) {
            InjectedFault f = injected.get(i);
            long at = Recordings.us(raised.get(i));
            long tolerance = switch (f.code()) {
                case Codes.BREATH_HOLD -> BREATH_TOLERANCE_US;
                case Codes.SLUMPED_SITTING -> SLUMP_TOLERANCE_US;
                default -> ANGLE_TOLERANCE_US;
            };
            assertThat(at).as("%s injected at %d µs: raised when due", f.code(), f.alertUs())
                    .isBetween(f.alertUs() - tolerance, f.alertUs() + tolerance);
        }
        assertThat(events).as("the wearer calibrated first: no advisory asks for it, and none is due")
                .filteredOn(AnalysisEvent::isAdvisory)
                .extracting(AnalysisEvent::type)
                .containsOnly(AnalysisEvent.CALIBRATED)
                .hasSize(1);

        List<PlannedSession> planned = generator.sessions().stream().filter(p -> p.startUs() < end).toList();
        List<AnalysisEvent> summaries = events.stream().filter(AnalysisEvent::isSummary).toList();
        assertThat(summaries).hasSameSizeAs(planned);
        int last = planned.size() - 1;
        // the last session is cut short by the end of the recording (the plan has more reps)
        assertThat(summaries.subList(0, last).stream().map(e -> e.activity() + " " + e.reps()).toList())
                .as("sessions and their reps, as the wearer did them")
                .containsExactlyElementsOf(planned.subList(0, last).stream().map(s -> s.activity() + " " + s.reps())
                        .toList());
        assertThat(summaries.get(last).activity()).isEqualTo(planned.get(last).activity());
        assertThat(summaries.get(last).reps()).isLessThanOrEqualTo(planned.get(last).reps());
    }

    private static String firstDifference(List<InjectedFault> injected, List<AnalysisEvent> raised) {
        int i = 0;
        while (i < injected.size() && i < raised.size() && injected.get(i).code().equals(raised.get(i).type())) {
            i++;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = Math.max(0, i - 1); k < i + 3; k++) {
            sb.append("\n  #").append(k).append(" injected: ")
                    .append(k < injected.size() ? injected.get(k) : "-")
                    .append("\n      raised: ")
                    .append(k < raised.size() ? raised.get(k).type() + " at " + Recordings.us(raised.get(k)) + " µs "
                            + raised.get(k).activity() + " value " + raised.get(k).value() : "-");
        }
        return sb.toString();
    }

    @Test
    void givenHoursOfDeadliftsAfterAnEarlierRun_whenAnalyzed_thenTheWearerNeverOverusesTheirBackByAccident() {
        EffectiveLimits limits = EffectiveLimits.DEFAULTS;
        // 145 loaded reps in the 29 minutes before this run: hardly any room left in the hour
        long[] earlier = new long[145];
        for (int i = 0; i < earlier.length; i++) {
            earlier[i] = -1_740_000_000L + i * 12_000_000L;
        }
        MotionGenerator generator = new MotionGenerator(Scenario.DEADLIFT, 50, 0.0, limits, Body.random(new Rng(9)),
                9, earlier, true);
        List<GeneratedBatch> batches = generator.advanceTo(150 * 60_000_000L, 50);

        List<AnalysisEvent> events = Recordings.analyze(Recordings.telemetry(batches, 50), List.of(), Limits.none());

        assertThat(events).filteredOn(AnalysisEvent::isFault).isEmpty();
        int reps = events.stream().filter(AnalysisEvent::isSummary).mapToInt(e -> e.reps() == null ? 0 : e.reps()).sum();
        assertThat(reps).as("the wearer kept lifting, within the limit")
                .isGreaterThan(2 * limits.overuseRepsPerHour() - earlier.length);
        long firstSetUs = generator.sessions().stream().filter(p -> p.activity().equals(Codes.DEADLIFT))
                .mapToLong(PlannedSession::startUs).min().orElseThrow();
        assertThat(firstSetUs).as("not before the earlier run's reps leave the hour enough room")
                .isGreaterThan(25 * 60_000_000L);
    }

    @Test
    void givenTheMixedScenario_whenManyBeltsArePlanned_thenTheyFollowDifferentPrograms() {
        List<Scenario> followed = new ArrayList<>();
        for (long seed = 0; seed < 40; seed++) {
            followed.add(MotionGenerator.live(Scenario.MIXED, 50, 0.1, EffectiveLimits.DEFAULTS, seed, new long[0])
                    .scenario());
        }

        assertThat(followed).doesNotContain(Scenario.MIXED)
                .contains(Scenario.GYM, Scenario.RUNNING, Scenario.OFFICE);
    }
}
