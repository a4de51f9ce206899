package io.spinestream.simulator.motion;

import java.util.ArrayDeque;

/**
 * Keeps the wearer from overtraining by accident: the analyzer raises {@code OVERUSE} when more
 * than the limit of loaded reps fall within any 60 minutes, counted across sessions (and across
 * simulator runs, hence the reps of earlier runs this budget can start from). A set that would
 * break the limit is not done.
 */
final class RepBudget {

    static final long WINDOW_US = 3_600_000_000L;
    /**
     * The analyzer counts a rep when the smoothed hinge passes its threshold, a moment after the
     * model's rep time; this much slack at both ends of the window (time and reps) absorbs that.
     */
    static final long SLACK_US = 60_000_000L;
    static final int SLACK_REPS = 2;

    private final int limit;
    private final ArrayDeque<Long> reps = new ArrayDeque<>();

    /**
     * @param limit      the wearer's {@code overuseRepsPerHour}
     * @param earlierUs  times of loaded reps before this run (negative µs from the belt's start)
     */
    RepBudget(int limit, long[] earlierUs) {
        this.limit = limit;
        if (earlierUs != null) {
            for (long t : earlierUs) {
                if (t > -WINDOW_US) {
                    reps.add(t);
                }
            }
        }
    }

    /** Whether {@code count} more loaded reps from {@code fromUs} on, over {@code spanUs}, stay within the limit. */
    boolean allows(int count, long fromUs, long spanUs) {
        // every rep already done within an hour of the set's last rep, plus the set itself
        long horizon = fromUs + spanUs - WINDOW_US - SLACK_US;
        int inWindow = 0;
        for (long t : reps) {
            if (t > horizon) {
                inWindow++;
            }
        }
        return inWindow + count <= limit - SLACK_REPS;
    }

    void rep(long atUs) {
        reps.add(atUs);
        while (!reps.isEmpty() && reps.peekFirst() <= atUs - WINDOW_US) {
            reps.pollFirst();
        }
    }

    /** The loaded reps of the last hour (µs from the belt's start). */
    long[] recent() {
        return reps.stream().mapToLong(Long::longValue).toArray();
    }
}
