package io.spinestream.simulator.motion;

import io.spinestream.analysis.core.AnalysisEvent;
import io.spinestream.analysis.core.BeltProfile;
import io.spinestream.analysis.core.OfflineAnalyzer;
import io.spinestream.events.payload.Limits;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Generated batches as telemetry, and what the real analyzer core makes of them. */
final class Recordings {

    static final String BELT = "SB-SIM-0001";
    static final String WEARER = "w-sim";
    static final long START_MS = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    private Recordings() {
    }

    static List<TelemetryBatch> telemetry(List<GeneratedBatch> batches, int rateHz) {
        List<TelemetryBatch> out = new ArrayList<>(batches.size());
        long seq = 1;
        for (GeneratedBatch b : batches) {
            out.add(b.toTelemetry(BELT, seq++, START_MS, rateHz, "2.3.1", 0.8f));
        }
        return out;
    }

    /** Every event the analyzer raises for the batches, the wearer having these conditions and limits. */
    static List<AnalysisEvent> analyze(List<TelemetryBatch> batches, List<String> conditions, Limits limits) {
        List<AnalysisEvent> events = new ArrayList<>();
        OfflineAnalyzer.analyze(batches, Map.of(BELT, new BeltProfile(WEARER, conditions, limits)), events::add);
        return events;
    }

    /** µs since the belt's start of an event. */
    static long us(AnalysisEvent e) {
        Instant at = e.at();
        return (at.toEpochMilli() - START_MS) * 1000 + (at.getNano() / 1000) % 1000;
    }
}
