package io.spinestream.ingest.fleet;

import java.util.List;

/** Who wore the belt when, newest first. */
public record AssignmentHistory(String beltId, List<AssignmentView> assignments) {
}
