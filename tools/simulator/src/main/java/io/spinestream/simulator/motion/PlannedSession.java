package io.spinestream.simulator.motion;

/**
 * A session as the analyzer should form it: a run of one activity.
 *
 * @param activity the activity code
 * @param startUs  its first sample's time (µs from the belt's start)
 * @param reps     the repetitions the wearer did (counted for rep activities only, else 0)
 */
public record PlannedSession(String activity, long startUs, int reps) {

    PlannedSession withRep() {
        return new PlannedSession(activity, startUs, reps + 1);
    }
}
