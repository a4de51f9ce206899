package io.spinestream.analysis.core;

import static io.spinestream.analysis.core.Harness.ofType;
import static io.spinestream.analysis.core.Harness.onlySummary;
import static io.spinestream.analysis.core.Harness.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.spinestream.events.payload.Limits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HIGH_IMPACT: peaks above 3.0 g, more than 30 within any 60 s, or one above 6.0 g. */
class HighImpactTest {

    private static RecordingGenerator belt(String activity) {
        return RecordingGenerator.belt("SB-IMPACT-1").activity(activity).hold(Duration.ofSeconds(1));
    }

    @Test
    void givenOnePeakAbove6g_whenAnalyzed_thenOneAlertAtThatSample() {
        RecordingGenerator gen = belt("jumping").hold(Duration.ofSeconds(1));
        Instant at = gen.now();
        gen.impact(6.01).hold(Duration.ofSeconds(2));

        List<AnalysisEvent> alerts = ofType(run(gen), FaultCode.HIGH_IMPACT);

        assertThat(alerts).singleElement().satisfies(e -> {
            assertThat(e.at()).isEqualTo(at);
            assertThat(e.value()).isEqualTo(6.01);
            assertThat(e.limit()).isEqualTo(6.0);
            assertThat(e.unit()).isEqualTo("g");
        });
    }

    @Test
    void givenPeakOfExactly6g_whenAnalyzed_thenNoSinglePeakAlert_butTheImpactIsCounted() {
        RecordingGenerator gen = belt("jumping").impact(6.0).hold(Duration.ofSeconds(2));

        List<AnalysisEvent> events = run(gen);

        assertThat(ofType(events, FaultCode.HIGH_IMPACT)).isEmpty();
        assertThat(onlySummary(events).impacts()).isEqualTo(1);
    }

    @Test
    void givenPeaksOfExactly3g_whenAnalyzed_thenNotCounted() {
        RecordingGenerator gen = belt("running").impacts(Duration.ofMillis(500), 3.0).hold(Duration.ofSeconds(70));

        List<AnalysisEvent> events = run(gen);

        assertThat(onlySummary(events).impacts()).isZero();
        assertThat(ofType(events, FaultCode.HIGH_IMPACT)).isEmpty();
    }

    @Test
    void given31PeaksWithin60s_whenAnalyzed_thenOneAlertAtThe31stPeak() {
        RecordingGenerator gen = belt("running");
        Instant first = gen.now();
        // a peak every 1.98 s: the 31st comes 59.4 s after the first
        gen.impacts(Duration.ofMillis(1980), 3.5).samples(30 * 99 + 1).noImpacts().hold(Duration.ofSeconds(2));

        List<AnalysisEvent> alerts = ofType(run(gen), FaultCode.HIGH_IMPACT);

        assertThat(alerts).singleElement().satisfies(e -> {
            assertThat(e.at()).isEqualTo(first.plusMillis(30 * 1980));
            assertThat(e.value()).isEqualTo(31.0);
            assertThat(e.limit()).isEqualTo(30.0);
            assertThat(e.unit()).isEqualTo("peaks/min");
        });
    }

    @Test
    void given31PeaksSpanningExactly60s_whenAnalyzed_thenSilent_becauseTheFirstHasLeftTheWindow() {
        RecordingGenerator gen = belt("running").impacts(Duration.ofSeconds(2), 3.5).samples(30 * 100 + 1)
                .noImpacts().hold(Duration.ofSeconds(2));

        List<AnalysisEvent> events = run(gen);

        assertThat(onlySummary(events).impacts()).isEqualTo(31);
        assertThat(ofType(events, FaultCode.HIGH_IMPACT)).isEmpty();
    }

    @Test
    void givenContinuousRunning_whenAboveTheRateForMinutes_thenOneEpisode_andANewOneAfterTheRateFalls() {
        RecordingGenerator gen = belt("running").impacts(Duration.ofMillis(400), 3.8).hold(Duration.ofMinutes(3))
                .noImpacts().hold(Duration.ofSeconds(61))
                .impacts(Duration.ofMillis(400), 3.8).hold(Duration.ofSeconds(30));

        List<AnalysisEvent> events = run(gen);

        assertThat(ofType(events, FaultCode.HIGH_IMPACT)).hasSize(2);
        assertThat(onlySummary(events).faults()).containsEntry("HIGH_IMPACT", 2);
    }

    @Test
    void givenRingingWithin100ms_whenAnalyzed_thenOnePeakPerLanding() {
        RecordingGenerator gen = belt("jumping");
        for (int i = 0; i < 20; i++) {
            // landing: 3.5 g, 40 ms back at 1 g, 3.2 g again: one peak (100 ms refractory)
            gen.impact(3.5).samples(1).samples(2).impact(3.2).samples(1).hold(Duration.ofSeconds(1));
        }

        List<AnalysisEvent> events = run(gen);

        assertThat(onlySummary(events).impacts()).isEqualTo(20);
        assertThat(ofType(events, FaultCode.HIGH_IMPACT)).isEmpty();
    }

    @Test
    void givenTwoPeaksMoreThan100msApart_whenAnalyzed_thenTwoPeaks() {
        RecordingGenerator gen = belt("jumping").impact(3.5).samples(1).samples(6).impact(3.5).samples(1)
                .hold(Duration.ofSeconds(1));

        assertThat(onlySummary(run(gen)).impacts()).isEqualTo(2);
    }

    @Test
    void givenA6gPeak_whenItRingsAbove6gAgainWithinTheSamePeak_thenOneAlert() {
        RecordingGenerator gen = belt("jumping").impact(6.5).samples(1).impact(4).samples(1).impact(7).samples(1)
                .hold(Duration.ofSeconds(1));

        assertThat(ofType(run(gen), FaultCode.HIGH_IMPACT)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sitting", "calibration", "standing", "plank", "deadlift", "unknown"})
    void givenAnyActivity_whenAPeakAbove6g_thenChecked(String activity) {
        RecordingGenerator gen = belt(activity).impact(8).hold(Duration.ofSeconds(4));

        assertThat(ofType(run(gen), FaultCode.HIGH_IMPACT)).hasSize(1);
    }

    @Test
    void givenNoPelvisAccChannel_whenAnalyzed_thenNoImpacts() {
        RecordingGenerator gen = RecordingGenerator.belt("SB-IMPACT-1").withAcc(false).activity("jumping")
                .impacts(Duration.ofMillis(300), 9).hold(Duration.ofSeconds(70));

        List<AnalysisEvent> events = run(gen);

        assertThat(ofType(events, FaultCode.HIGH_IMPACT)).isEmpty();
        assertThat(onlySummary(events).impacts()).isZero();
    }

    @Test
    void givenClinicianImpactLimits_whenAnalyzed_thenTheyApply() {
        Limits limits = new Limits(null, null, null, null, 2.0, 5, 4.0, null, null, null, null);
        RecordingGenerator gen = belt("walking").impacts(Duration.ofSeconds(2), 2.5).samples(5 * 100 + 1)
                .noImpacts().hold(Duration.ofSeconds(2)).impact(4.5).hold(Duration.ofSeconds(1));

        List<AnalysisEvent> alerts = ofType(run(gen, BatchContext.of(null, "w-1", List.of(), limits)),
                FaultCode.HIGH_IMPACT);

        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).value()).isEqualTo(6.0);
        assertThat(alerts.get(0).limit()).isEqualTo(5.0);
        assertThat(alerts.get(1).value()).isEqualTo(4.5);
        assertThat(alerts.get(1).limit()).isEqualTo(4.0);
    }
}
