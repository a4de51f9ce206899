package io.spinestream.ingest.fleet;

/** Lower-case to match the API and the database check constraint. */
public enum BeltState {
    active,
    retired
}
