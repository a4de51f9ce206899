package io.spinestream.ingest.fleet;

import java.time.Instant;

/** A wearer wore the belt from {@code from} (inclusive) to {@code to} (exclusive; null = still). */
public record AssignmentView(String wearerId, Instant from, Instant to) {

    static AssignmentView of(BeltAssignment assignment) {
        return new AssignmentView(assignment.wearerId, assignment.assignedAt, assignment.unassignedAt);
    }
}
