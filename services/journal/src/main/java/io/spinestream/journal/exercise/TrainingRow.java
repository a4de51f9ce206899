package io.spinestream.journal.exercise;

import java.time.Instant;

/** The columns of an exercise-log entry the inferences need (not its per-rep metrics). */
public record TrainingRow(String id, String activity, Instant startedAt, Instant endedAt, long volumeMs,
                          Short formScore, String faults) {
}
