package io.spinestream.analysis.core;

import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The analyzer over recordings: batches of any belts in input order, each belt with its own
 * {@link BeltAnalyzer} (same once-per-seq rule as live), events to the sink in the order
 * raised. Like the live processor's idle punctuator, a belt's open session is closed once
 * the input's sample time (the start of the latest batch of any belt) is 2 minutes past its
 * last sample; {@link #finish()} closes every session still open, in order of the belts'
 * first appearance.
 */
public final class OfflineAnalyzer {

    private final Map<String, BeltProfile> profiles;
    private final EventSink sink;
    private final Map<String, BeltAnalyzer> belts = new LinkedHashMap<>();

    /**
     * @param profiles keyed by {@code beltId}; a belt without one has no wearer and default limits
     */
    public OfflineAnalyzer(Map<String, BeltProfile> profiles, EventSink sink) {
        this.profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Analyses the next batch of the input. */
    public BatchOutcome accept(TelemetryBatch batch) {
        long now = batch.getStartedAtMs();
        for (BeltAnalyzer other : belts.values()) {
            if (!other.beltId().equals(batch.getBeltId())) {
                other.closeIfIdle(now, sink);
            }
        }
        BeltAnalyzer analyzer = belts.computeIfAbsent(batch.getBeltId(), BeltAnalyzer::new);
        BeltProfile profile = profiles.get(batch.getBeltId());
        return analyzer.analyze(batch, profile == null ? BatchContext.none() : profile.context(), sink);
    }

    /** End of input: closes and summarises every open session. */
    public void finish() {
        for (BeltAnalyzer analyzer : belts.values()) {
            analyzer.closeSession(sink);
        }
    }

    /** Analyses a whole input and finishes it. */
    public static void analyze(Iterable<TelemetryBatch> batches, Map<String, BeltProfile> profiles, EventSink sink) {
        OfflineAnalyzer offline = new OfflineAnalyzer(profiles, sink);
        for (TelemetryBatch batch : batches) {
            offline.accept(batch);
        }
        offline.finish();
    }
}
