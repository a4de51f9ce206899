package io.spinestream.analysis.testkit;

import io.spinestream.analysis.core.AnalysisEvent;
import io.spinestream.analysis.core.BatchContext;
import io.spinestream.analysis.core.BeltAnalyzer;
import io.spinestream.events.payload.WearerProfile;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Belt ids unique per test run, and what the analyzer core says a belt's batches raise. */
public final class Belts {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();

    private Belts() {
    }

    /** A belt id no other test of this run uses, e.g. {@code SB-RB-X1Y2-3}. */
    public static String unique(String tag) {
        return "SB-" + tag + "-" + RUN + "-" + NEXT.incrementAndGet();
    }

    /** The batches as ingest publishes them: attributed to a clinic and wearer, received now. */
    public static List<IngestedBatch> ingested(List<TelemetryBatch> batches, String clinicId, String wearerId) {
        long now = Instant.now().toEpochMilli();
        List<IngestedBatch> out = new ArrayList<>();
        for (TelemetryBatch b : batches) {
            out.add(IngestedBatch.newBuilder().setBatch(b).setClinicId(clinicId)
                    .setWearerId(wearerId == null ? "" : wearerId).setReceivedAtMs(now).build());
        }
        return out;
    }

    /**
     * What the core raises for these batches in this order with this profile, without closing
     * the last session (a live belt's session stays open until it idles).
     */
    public static List<AnalysisEvent> expected(List<IngestedBatch> inArrivalOrder, WearerProfile profile) {
        List<AnalysisEvent> events = new ArrayList<>();
        BeltAnalyzer analyzer = new BeltAnalyzer(inArrivalOrder.get(0).getBatch().getBeltId());
        for (IngestedBatch b : inArrivalOrder) {
            String wearer = b.getWearerId().isEmpty() ? null : b.getWearerId();
            analyzer.analyze(b.getBatch(), BatchContext.of(b.getClinicId(), wearer, profile), events::add);
        }
        return events;
    }
}
