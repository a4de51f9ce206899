package io.spinestream.analysis.core;

import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.util.ArrayList;
import java.util.List;

/** Feeds batches to analyzers and collects what they raise. */
final class Harness {

    private Harness() {
    }

    /** All events of one belt's batches, with the session closed at the end. */
    static List<AnalysisEvent> run(List<TelemetryBatch> batches, BatchContext ctx) {
        List<AnalysisEvent> events = new ArrayList<>();
        BeltAnalyzer analyzer = new BeltAnalyzer(batches.get(0).getBeltId());
        for (TelemetryBatch b : batches) {
            analyzer.analyze(b, ctx, events::add);
        }
        analyzer.closeSession(events::add);
        return events;
    }

    static List<AnalysisEvent> run(List<TelemetryBatch> batches) {
        return run(batches, BatchContext.none());
    }

    static List<AnalysisEvent> run(RecordingGenerator gen) {
        return run(gen.batches());
    }

    static List<AnalysisEvent> run(RecordingGenerator gen, BatchContext ctx) {
        return run(gen.batches(), ctx);
    }

    /** Same, snapshotting and restoring the analyzer between every two batches. */
    static List<AnalysisEvent> runRestoringEachBatch(List<TelemetryBatch> batches, BatchContext ctx) {
        List<AnalysisEvent> events = new ArrayList<>();
        BeltAnalyzer analyzer = new BeltAnalyzer(batches.get(0).getBeltId());
        for (TelemetryBatch b : batches) {
            analyzer = BeltAnalyzer.restore(analyzer.snapshot());
            analyzer.analyze(b, ctx, events::add);
        }
        analyzer = BeltAnalyzer.restore(analyzer.snapshot());
        analyzer.closeSession(events::add);
        return events;
    }

    static List<AnalysisEvent> ofType(List<AnalysisEvent> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    static List<AnalysisEvent> ofType(List<AnalysisEvent> events, FaultCode code) {
        return ofType(events, code.code());
    }

    /** The events that are fault alerts or the movement-break advisory. */
    static List<AnalysisEvent> alerts(List<AnalysisEvent> events) {
        return events.stream().filter(e -> !e.isSummary() && !e.type().startsWith("CALIBRAT")).toList();
    }

    static List<AnalysisEvent> summaries(List<AnalysisEvent> events) {
        return ofType(events, AnalysisEvent.SESSION_SUMMARY);
    }

    static AnalysisEvent onlySummary(List<AnalysisEvent> events) {
        List<AnalysisEvent> s = summaries(events);
        if (s.size() != 1) {
            throw new AssertionError("expected one session summary, got " + s.size() + ": " + s);
        }
        return s.get(0);
    }

    /**
     * An event without what depends on how the recording was cut into batches (id, seq,
     * sample index, session id): what must be equal whatever the batch size.
     */
    static AnalysisEvent withoutBatching(AnalysisEvent e) {
        return new AnalysisEvent(null, e.type(), e.severity(), e.clinicId(), e.beltId(), e.wearerId(), e.activity(),
                e.at(), e.value(), e.limit(), e.unit(), e.late(), null, e.reason(), e.details(), 0, 0,
                e.startedAt(), e.endedAt(), e.reps(), e.holdSeconds(), e.formScore(), e.faults(),
                e.timeUnderLoadSeconds(), e.impacts(), e.repMetrics());
    }
}
