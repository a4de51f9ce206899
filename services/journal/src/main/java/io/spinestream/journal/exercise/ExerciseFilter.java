package io.spinestream.journal.exercise;

import java.time.Instant;

/** Filters of the exercise-log list; a null field does not filter. {@code to} is exclusive. */
public record ExerciseFilter(Instant from, Instant to, String source, String activity) {
}
