package io.spinestream.simulator.motion;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * What the wearer does, planned a little ahead of the samples: one {@link Track} per signal,
 * impacts, breath holds, the activity the app reports, and the faults and sessions the plan
 * contains. Exercises append to it ({@link Exercises}); {@link MotionGenerator} samples it.
 * Times are microseconds from the belt's start.
 */
final class Timeline {

    /** An impact: {@code pelvisAcc} reads {@code g} at the first sample at or after {@code timeUs}. */
    record Impact(long timeUs, double g) {
    }

    /** The breath held from {@code startUs} to {@code endUs}. */
    record Freeze(long startUs, long endUs) {
    }

    record Span(long startUs, String activity) {
    }

    // lumbar angles from neutral
    final Track flexion = new Track(0);
    final Track sideBend = new Track(0);
    final Track rotation = new Track(0);
    final Track hinge = new Track(0);
    // the body as a whole
    final Track roll = new Track(0);
    final Track heading = new Track(0);
    /** pelvisAcc between impacts, g */
    final Track acc = new Track(1.0);

    final ArrayDeque<Impact> impacts = new ArrayDeque<>();
    final ArrayDeque<Freeze> freezes = new ArrayDeque<>();
    final ArrayDeque<Span> spans = new ArrayDeque<>();
    final PriorityQueue<InjectedFault> pendingFaults =
            new PriorityQueue<>((a, b) -> Long.compare(a.alertUs(), b.alertUs()));

    private final List<InjectedFault> allFaults;
    private final List<PlannedSession> sessions;
    private String activity;
    private long end;

    /**
     * @param keepHistory whether to keep every fault and session for {@link #faults()} and
     *                    {@link #sessions()} (tests, recordings); a live belt does not need them
     */
    Timeline(boolean keepHistory) {
        this.allFaults = keepHistory ? new ArrayList<>() : null;
        this.sessions = keepHistory ? new ArrayList<>() : null;
    }

    /** How far the plan reaches. */
    long end() {
        return end;
    }

    String activity() {
        return activity;
    }

    /** The wearer (app) switches to {@code code} at {@code atUs}; a new session starts if it changed. */
    void activity(long atUs, String code) {
        if (code.equals(activity)) {
            return;
        }
        activity = code;
        spans.add(new Span(atUs, code));
        if (sessions != null) {
            sessions.add(new PlannedSession(code, atUs, 0));
        }
    }

    /** Times of planned repetitions not yet sampled. */
    final ArrayDeque<Long> repTimes = new ArrayDeque<>();

    /** A repetition the analyzer should count in the current session, counted at {@code atUs}. */
    void rep(long atUs) {
        repTimes.add(atUs);
        if (sessions != null && !sessions.isEmpty()) {
            int last = sessions.size() - 1;
            sessions.set(last, sessions.get(last).withRep());
        }
    }

    void fault(InjectedFault fault) {
        pendingFaults.add(fault);
        if (allFaults != null) {
            allFaults.add(fault);
        }
    }

    void impact(long atUs, double g) {
        impacts.add(new Impact(atUs, g));
    }

    void holdBreath(long fromUs, long toUs) {
        freezes.add(new Freeze(fromUs, toUs));
    }

    /** Every track holds its value until {@code atUs}, which becomes the end of the plan. */
    void holdAll(long atUs) {
        for (Track t : tracks()) {
            t.hold(atUs);
        }
        end = Math.max(end, atUs);
    }

    Track[] tracks() {
        return new Track[] {flexion, sideBend, rotation, hinge, roll, heading, acc};
    }

    List<InjectedFault> faults() {
        return allFaults == null ? List.of() : List.copyOf(allFaults);
    }

    List<PlannedSession> sessions() {
        return sessions == null ? List.of() : List.copyOf(sessions);
    }
}
