package io.spinestream.analysis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The offline analyzer: many belts in input order, profiles, end of input. */
class OfflineAnalyzerTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private static List<TelemetryBatch> deadlift(String belt, Instant start, double flexion) {
        return RecordingGenerator.belt(belt).startAt(start).batchSize(25).activity("deadlift")
                .hold(Duration.ofSeconds(2)).hold(Duration.ofMillis(400), Pose.flexed(flexion))
                .hold(Duration.ofSeconds(2), Pose.NEUTRAL).batches();
    }

    /** Interleaves batches by start time (a merged recording). */
    private static List<TelemetryBatch> merge(List<TelemetryBatch> a, List<TelemetryBatch> b) {
        List<TelemetryBatch> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort((x, y) -> Long.compare(x.getStartedAtMs(), y.getStartedAtMs()));
        return all;
    }

    @Test
    void givenTwoBeltsInterleaved_whenAnalyzedWithProfiles_thenEachBeltHasItsWearerAndLimits() {
        Map<String, BeltProfile> profiles = BeltProfile.parseProfiles("""
                { "SB-000123": { "wearerId": "w-42", "conditions": ["disc_herniation"], "limits": { "flexionDeg": 18 } },
                  "SB-000124": { "wearerId": "w-43", "conditions": ["disc_herniation"] } }""");
        List<TelemetryBatch> input = merge(deadlift("SB-000123", T0, 17), deadlift("SB-000124", T0, 17));

        List<AnalysisEvent> events = new ArrayList<>();
        OfflineAnalyzer.analyze(input, profiles, events::add);

        // clinician's 18° for w-42 (looser than the condition's 12°): silent; w-43 has 12°
        assertThat(Harness.ofType(events, FaultCode.ROUNDED_BACK)).singleElement().satisfies(e -> {
            assertThat(e.beltId()).isEqualTo("SB-000124");
            assertThat(e.wearerId()).isEqualTo("w-43");
            assertThat(e.limit()).isEqualTo(12.0);
        });
        assertThat(Harness.summaries(events)).extracting(AnalysisEvent::beltId)
                .containsExactly("SB-000123", "SB-000124");
        assertThat(events.get(events.size() - 1).isSummary()).isTrue();
    }

    @Test
    void givenABeltWithoutProfile_whenAnalyzed_thenNoWearerAndDefaultLimits() {
        List<AnalysisEvent> events = new ArrayList<>();
        OfflineAnalyzer.analyze(deadlift("SB-000125", T0, 21), Map.of(), events::add);
        assertThat(Harness.ofType(events, FaultCode.ROUNDED_BACK)).singleElement()
                .satisfies(e -> assertThat(e.wearerId()).isNull());
    }

    @Test
    void givenABeltGoneQuiet_whenAnotherBeltsDataIsTwoMinutesLater_thenItsSessionIsClosedThen() {
        List<TelemetryBatch> input = new ArrayList<>(deadlift("SB-000123", T0, 0));
        input.addAll(deadlift("SB-000124", T0.plusSeconds(300), 21));

        List<AnalysisEvent> events = new ArrayList<>();
        OfflineAnalyzer.analyze(input, Map.of(), events::add);

        assertThat(events).extracting(e -> e.type() + " " + e.beltId()).containsSubsequence(
                "SESSION_SUMMARY SB-000123", "ROUNDED_BACK SB-000124", "SESSION_SUMMARY SB-000124");
    }

    @Test
    void givenDuplicatesInTheRecording_whenAnalyzed_thenOncePerSeq() {
        List<TelemetryBatch> once = deadlift("SB-000123", T0, 21);
        List<TelemetryBatch> twice = new ArrayList<>(once);
        twice.addAll(once.subList(3, 9));

        List<AnalysisEvent> a = new ArrayList<>();
        OfflineAnalyzer.analyze(once, Map.of(), a::add);
        List<AnalysisEvent> b = new ArrayList<>();
        OfflineAnalyzer.analyze(twice, Map.of(), b::add);

        assertThat(b).isEqualTo(a);
    }

    @Test
    void givenMalformedProfiles_whenParsed_thenTheFieldIsNamed() {
        assertThatThrownBy(() -> BeltProfile.parseProfiles("[]")).hasMessageContaining("keyed by beltId");
        assertThatThrownBy(() -> BeltProfile.parseProfiles("{\"SB-1\": {\"limits\": {\"flexionDeg\": \"x\"}}}"))
                .hasMessageContaining("SB-1.limits.flexionDeg");
        assertThatThrownBy(() -> BeltProfile.parseProfiles("{\"SB-1\": {\"conditions\": \"disc\"}}"))
                .hasMessageContaining("SB-1.conditions");
        assertThat(BeltProfile.parseProfiles("{\"SB-1\": {}}").get("SB-1"))
                .isEqualTo(new BeltProfile(null, List.of(), null));
    }
}
