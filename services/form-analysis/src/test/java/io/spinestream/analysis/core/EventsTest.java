package io.spinestream.analysis.core;

import static io.spinestream.analysis.core.Harness.ofType;
import static io.spinestream.analysis.core.Harness.onlySummary;
import static io.spinestream.analysis.core.Harness.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.cloudevents.EventJson;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.SessionSummary;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Event ids, the mapping to the contract's payloads, and the NDJSON form. */
class EventsTest {

    private static final BatchContext CTX = BatchContext.of("clinic-9", "w-42", List.of(), null);

    private static RecordingGenerator deadlift() {
        return RecordingGenerator.belt("SB-000123").batchSize(20).activity("deadlift").hold(Duration.ofSeconds(1))
                .reps(2, Duration.ofSeconds(2), Pose.hinge(50), Duration.ofMillis(500))
                .hold(Duration.ofMillis(400), Pose.flexed(24)).hold(Duration.ofSeconds(1), Pose.NEUTRAL);
    }

    @Test
    void givenAnAlert_whenRaised_thenItsIdIsDerivedFromBeltSeqSampleAndCode() {
        List<TelemetryBatch> batches = deadlift().batches();
        AnalysisEvent alert = ofType(run(batches, CTX), FaultCode.ROUNDED_BACK).get(0);

        TelemetryBatch batch = batches.stream().filter(b -> b.getSeq() == alert.seq()).findFirst().orElseThrow();
        assertThat(Instant.ofEpochMilli(batch.getStartedAtMs()).plusMillis(20L * alert.sampleIndex()))
                .isEqualTo(alert.at());
        assertThat(alert.id()).isEqualTo(EventIds.of(EventType.FORM_FAULT, "SB-000123", Long.toString(alert.seq()),
                Integer.toString(alert.sampleIndex()), "ROUNDED_BACK"));
    }

    @Test
    void givenASession_whenSummarised_thenSessionIdFromBeltAndFirstSeq_andSummaryIdFromSessionId() {
        List<TelemetryBatch> batches = deadlift().batches();
        List<AnalysisEvent> events = run(batches, CTX);
        AnalysisEvent summary = onlySummary(events);

        String sessionId = EventIds.deterministic("session", "SB-000123", Long.toString(batches.get(0).getSeq()));
        assertThat(summary.sessionId()).isEqualTo(sessionId);
        assertThat(summary.id()).isEqualTo(EventIds.of(EventType.SESSION_SUMMARY, sessionId));
        AnalysisEvent advisory = ofType(events, AnalysisEvent.CALIBRATION_NEEDED).get(0);
        assertThat(advisory.id()).isEqualTo(EventIds.of(EventType.FORM_ADVISORY, "SB-000123",
                Long.toString(batches.get(0).getSeq()), "0", "CALIBRATION_NEEDED"));
    }

    @Test
    void givenTheSameInputTwice_whenAnalyzed_thenTheSameIds_andAllIdsAreDistinct() {
        List<AnalysisEvent> a = run(Recordings.workout(25).batches(), CTX);
        List<AnalysisEvent> b = run(Recordings.workout(25).batches(), CTX);
        assertThat(a).extracting(AnalysisEvent::id).isEqualTo(b.stream().map(AnalysisEvent::id).toList())
                .doesNotHaveDuplicates();
    }

    @Test
    void givenFaultsAndAdvisories_whenMapped_thenTheEventTypeAndAlertPayload() {
        List<AnalysisEvent> events = run(deadlift().batches(), CTX);
        AnalysisEvent fault = ofType(events, FaultCode.ROUNDED_BACK).get(0);
        AnalysisEvent advisory = ofType(events, AnalysisEvent.CALIBRATION_NEEDED).get(0);

        assertThat(PayloadMapper.eventType(fault)).isEqualTo(EventType.FORM_FAULT);
        assertThat(PayloadMapper.eventType(advisory)).isEqualTo(EventType.FORM_ADVISORY);
        assertThat(PayloadMapper.eventType(onlySummary(events))).isEqualTo(EventType.SESSION_SUMMARY);

        Alert alert = PayloadMapper.toAlert(fault);
        assertThat(alert.alertId()).isEqualTo(fault.id());
        assertThat(alert.code()).isEqualTo("ROUNDED_BACK");
        assertThat(alert.severity()).isEqualTo(fault.severity());
        assertThat(alert.clinicId()).isEqualTo("clinic-9");
        assertThat(alert.beltId()).isEqualTo("SB-000123");
        assertThat(alert.wearerId()).isEqualTo("w-42");
        assertThat(alert.activity()).isEqualTo("deadlift");
        assertThat(alert.at()).isEqualTo(fault.at());
        assertThat(alert.value()).isEqualTo(24.0);
        assertThat(alert.limit()).isEqualTo(20.0);
        assertThat(alert.unit()).isEqualTo("deg");
        assertThat(alert.late()).isFalse();
        assertThat(alert.sessionId()).isEqualTo(fault.sessionId());
        assertThat(alert.reason()).isNotBlank();
        assertThatThrownBy(() -> PayloadMapper.toAlert(onlySummary(events)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenASummary_whenMapped_thenTheSessionSummaryPayload_serialisableByTheContractsMapper() throws Exception {
        AnalysisEvent summary = onlySummary(run(deadlift().batches(), CTX));

        SessionSummary payload = PayloadMapper.toSessionSummary(summary);

        assertThat(payload.sessionId()).isEqualTo(summary.sessionId());
        assertThat(payload.reps()).isEqualTo(2);
        assertThat(payload.formScore()).isEqualTo(summary.formScore());
        assertThat(payload.faults()).containsEntry("ROUNDED_BACK", 1);
        assertThat(payload.repMetrics()).hasSize(2);
        assertThat(payload.startedAt()).isEqualTo(summary.startedAt());
        String json = EventJson.mapper().writeValueAsString(payload);
        assertThat(EventJson.mapper().readValue(json, SessionSummary.class)).isEqualTo(payload);
    }

    @Test
    void givenEvents_whenWrittenAsNdjson_thenOneObjectPerLineWithTheSpecsFieldNames() throws Exception {
        List<AnalysisEvent> events = run(Recordings.workout(50).batches(), CTX);
        StringWriter out = new StringWriter();
        for (AnalysisEvent e : events) {
            AnalysisEventJson.writeLine(e, out);
        }
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(events.size());
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < lines.length; i++) {
            JsonNode node = mapper.readTree(lines[i]);
            AnalysisEvent e = events.get(i);
            assertThat(node.get("type").asText()).isEqualTo(e.type());
            assertThat(node.get("beltId").asText()).isEqualTo("SB-WORKOUT-1");
            assertThat(node.get("wearerId").asText()).isEqualTo("w-42");
            assertThat(Instant.parse(node.get("at").asText())).isEqualTo(e.at());
            assertThat(node.get("severity").asText()).isIn("info", "warning", "critical");
            assertThat(node.get("late").asBoolean()).isEqualTo(e.late());
            if (e.isSummary()) {
                assertThat(node.has("startedAt") && node.has("endedAt") && node.has("reps") && node.has("holdSeconds")
                        && node.has("formScore") && node.has("faults")).isTrue();
            } else if (e.value() != null) {
                assertThat(node.get("value").asDouble()).isEqualTo(e.value());
                assertThat(node.get("limit").asDouble()).isEqualTo(e.limit());
            }
        }
        // the first line of a fault, as documented in docs/form-analysis.md
        AnalysisEvent fault = ofType(events, FaultCode.ROUNDED_BACK).get(0);
        Iterator<String> names = mapper.readTree(AnalysisEventJson.toJson(fault)).fieldNames();
        List<String> fields = new ArrayList<>();
        names.forEachRemaining(fields::add);
        assertThat(fields).containsExactly("type", "id", "clinicId", "beltId", "wearerId", "activity", "at",
                "severity", "value", "limit", "unit", "late", "sessionId", "seq", "sampleIndex", "reason");
    }
}
