package io.spinestream.analysis.erasure;

import io.smallrye.mutiny.Uni;
import io.spinestream.analysis.archive.TelemetryArchive;
import io.spinestream.analysis.calibration.CalibrationCache;
import io.spinestream.analysis.calibration.CalibrationStore;
import io.spinestream.analysis.session.SessionStore;
import io.spinestream.events.payload.ErasureRequested;
import io.spinestream.platform.erasure.ErasureParticipant;
import io.spinestream.platform.erasure.ErasureResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Form analysis's part of an erasure: everything it keeps of the wearer in MongoDB, within the
 * request's clinic. MongoDB here has no transactions, so the erasure is recorded first (from then on
 * every writer drops or removes the wearer's data), then the data is deleted, then the counts are
 * recorded; a request read again deletes what may have appeared since and answers the first counts.
 */
@ApplicationScoped
public class WearerDataEraser implements ErasureParticipant {

    /** What a receipt counts, one kind per collection (docs/privacy.md). */
    public static final String SESSIONS = "sessions";
    public static final String SESSION_TRACES = "session_traces";
    public static final String CALIBRATIONS = "calibrations";
    public static final String TELEMETRY_BATCHES = "telemetry_batches";

    @Inject
    ErasedWearers erasures;

    @Inject
    SessionStore sessions;

    @Inject
    CalibrationStore calibrations;

    @Inject
    CalibrationCache calibrationCache;

    @Inject
    TelemetryArchive archive;

    @Override
    public Uni<ErasureResult> erase(ErasureRequested request) {
        return erasures.find(request.erasureId()).chain(recorded -> {
            if (recorded != null && recorded.get(ErasedWearers.COMPLETED_AT) != null) {
                // Done before: remove whatever appeared since, answer what was recorded then.
                return delete(request).replaceWith(() -> resultOf(recorded));
            }
            return erasures.begin(request)
                    .chain(() -> delete(request))
                    .chain(result -> erasures.complete(request.erasureId(), result))
                    .chain(() -> erasures.find(request.erasureId()))
                    .map(WearerDataEraser::resultOf);
        });
    }

    private Uni<ErasureResult> delete(ErasureRequested request) {
        String clinic = request.clinicId();
        String wearer = request.wearerId();
        calibrationCache.forget(clinic, wearer);
        ErasureResult.Builder removed = ErasureResult.builder();
        // Traces first: those of recorded sessions are found through the sessions.
        return sessions.idsOfWearer(clinic, wearer)
                .chain(ids -> sessions.deleteTracesOfWearer(clinic, wearer, ids))
                .invoke(n -> removed.add(SESSION_TRACES, n))
                .chain(() -> sessions.deleteOfWearer(clinic, wearer)).invoke(n -> removed.add(SESSIONS, n))
                .chain(() -> calibrations.deleteOfWearer(clinic, wearer)).invoke(n -> removed.add(CALIBRATIONS, n))
                .chain(() -> archive.deleteOfWearer(clinic, wearer)).invoke(n -> removed.add(TELEMETRY_BATCHES, n))
                .map(ignored -> removed.completedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }

    private static ErasureResult resultOf(Document recorded) {
        ErasureResult.Builder builder = ErasureResult.builder();
        Document removed = recorded.get(ErasedWearers.REMOVED, Document.class);
        if (removed != null) {
            for (Map.Entry<String, Object> e : removed.entrySet()) {
                builder.add(e.getKey(), ((Number) e.getValue()).longValue());
            }
        }
        return builder.completedAt(recorded.getDate(ErasedWearers.COMPLETED_AT).toInstant());
    }
}
