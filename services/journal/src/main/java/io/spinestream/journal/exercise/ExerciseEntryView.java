package io.spinestream.journal.exercise;

import com.fasterxml.jackson.core.type.TypeReference;
import io.spinestream.events.payload.RepMetrics;
import io.spinestream.journal.shared.JsonColumns;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An exercise-log entry as the API shows it. {@code volumeMinutes} is what it adds to the weekly
 * training volume (belt time under load, or a manual entry's duration).
 */
public record ExerciseEntryView(String id, String clinicId, String wearerId, String source, String sessionId,
                                String beltId, String activity, String exerciseName, Instant startedAt,
                                Instant endedAt, double volumeMinutes, Integer sets, Integer reps, Double loadKg,
                                Integer rpe, String equipment, Double holdSeconds, Double timeUnderLoadSeconds,
                                Integer impacts, Integer formScore, Map<String, Integer> faults,
                                List<RepMetrics> repMetrics, String note, String recordedBy, Instant createdAt) {

    private static final TypeReference<List<RepMetrics>> REP_METRICS = new TypeReference<>() {
    };

    public static ExerciseEntryView of(ExerciseEntry e) {
        return new ExerciseEntryView(e.id, e.clinicId, e.wearerId, e.source, e.sessionId, e.beltId, e.activity,
                e.exerciseName, e.startedAt, e.endedAt, Math.round(e.volumeMs / 6_000.0) / 10.0, e.sets, e.reps,
                e.loadKg, e.rpe == null ? null : e.rpe.intValue(), e.equipment, e.holdSeconds, e.timeUnderLoadSeconds,
                e.impacts, e.formScore == null ? null : e.formScore.intValue(), ExerciseEntries.faults(e),
                JsonColumns.read(e.repMetrics, REP_METRICS), e.note, e.recordedBy, e.createdAt);
    }
}
