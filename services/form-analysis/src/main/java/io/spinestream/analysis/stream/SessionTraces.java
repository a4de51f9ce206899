package io.spinestream.analysis.stream;

import io.spinestream.analysis.core.Neutral;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

/** Where the live analyzer hands each analysed batch for its session's angle trace. */
public interface SessionTraces {

    /**
     * Adds the batch's angles (from {@code neutral}) to the trace of session {@code sessionId} of
     * {@code wearerId} (null: the belt is not assigned).
     * Never blocks: the work and the write happen on another thread.
     */
    void record(String clinicId, String wearerId, String sessionId, Neutral neutral, TelemetryBatch batch);
}
