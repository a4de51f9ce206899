package io.spinestream.journal.insight.rules;

/**
 * Whether an exercise-related pain entry looks like normal muscle soreness or concerning pain.
 *
 * @param kind   the verdict
 * @param rule   the rule that decided it (docs/journal.md)
 * @param reason the rule in words
 */
public record SorenessAssessment(Kind kind, String rule, String reason) {

    public enum Kind {
        /** Delayed-onset muscle soreness: keep moving gently. */
        NORMAL_SORENESS,
        /** Stop the aggravating activity and seek evaluation. */
        CONCERNING,
        /** Neither description fits what was recorded. */
        UNDETERMINED,
        /** Not related to exercise: the distinction does not apply. */
        NOT_EXERCISE_RELATED,
        /** Intensity 0: nothing to classify. */
        NO_PAIN
    }
}
