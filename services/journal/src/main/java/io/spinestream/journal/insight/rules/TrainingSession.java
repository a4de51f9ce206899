package io.spinestream.journal.insight.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What the inferences need of an exercise-log entry (a belt session or a manual entry).
 *
 * @param id        the exercise-log entry
 * @param activity  activity code (belt) or exercise code (manual)
 * @param start     start
 * @param end       end (≥ start)
 * @param volume    its training volume: belt time under load, or a manual entry's duration
 * @param formScore 0–100 for belt sessions with reps or hold time; null otherwise
 * @param faults    fault code → episodes (belt sessions); empty for manual entries
 */
public record TrainingSession(String id, String activity, Instant start, Instant end, Duration volume,
                              Integer formScore, Map<String, Integer> faults) {

    public TrainingSession {
        faults = faults == null ? Map.of() : Map.copyOf(faults);
    }

    /** Whether it is training at all (posture and calibration sessions are not). */
    public boolean isTraining() {
        return !ClinicalRules.NOT_TRAINING.contains(activity);
    }

    public boolean isStrength() {
        return ClinicalRules.STRENGTH_ACTIVITIES.contains(activity);
    }
}
