package io.spinestream.journal.exercise;

import com.fasterxml.jackson.core.type.TypeReference;
import io.spinestream.journal.insight.rules.TrainingSession;
import io.spinestream.journal.shared.JsonColumns;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Exercise-log entries as the inference rules see them. */
public final class ExerciseEntries {

    static final TypeReference<Map<String, Integer>> FAULTS = new TypeReference<>() {
    };

    private ExerciseEntries() {
    }

    public static TrainingSession session(TrainingRow row) {
        return new TrainingSession(row.id(), row.activity(), row.startedAt(), row.endedAt(),
                Duration.ofMillis(row.volumeMs()), row.formScore() == null ? null : row.formScore().intValue(),
                JsonColumns.read(row.faults(), FAULTS));
    }

    public static TrainingSession session(ExerciseEntry entry) {
        return session(row(entry));
    }

    public static TrainingRow row(ExerciseEntry e) {
        return new TrainingRow(e.id, e.activity, e.startedAt, e.endedAt, e.volumeMs, e.formScore, e.faults);
    }

    public static List<TrainingSession> sessions(List<TrainingRow> rows) {
        return rows.stream().map(ExerciseEntries::session).toList();
    }

    public static Map<String, Integer> faults(ExerciseEntry entry) {
        return JsonColumns.read(entry.faults, FAULTS);
    }
}
