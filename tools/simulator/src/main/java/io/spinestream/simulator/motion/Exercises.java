package io.spinestream.simulator.motion;

import io.spinestream.analysis.core.EffectiveLimits;

import java.util.List;

/**
 * How a wearer moves, one chunk at a time (a set and its rest, a plank, a stretch of running or
 * sitting), appended to the {@link Timeline}: the lumbar angles from neutral (form-analysis.md),
 * hip hinge, impacts and breathing, in the activity the app reports. Injected faults are shaped
 * to cross the wearer's limit by more than noise and calibration error can hide, for longer than
 * the rule's minimum duration, and then to come back inside the limit by more than its 3°
 * hysteresis; clean movement stays that far inside every limit. So the analyzer raises exactly
 * the injected faults.
 */
final class Exercises {

    /** Minimum durations of the sustained angle faults (form-analysis.md's table). */
    static final long ROUNDED_BACK_MIN_US = 200_000L;
    static final long EXCESSIVE_ARCH_MIN_US = 300_000L;
    static final long TWIST_MIN_US = 200_000L;
    static final long SIDE_BEND_MIN_US = 300_000L;

    /** Beyond noise, what a fault overshoots and clean movement stays under (calibration error, rounding). */
    static final double FAULT_MARGIN_DEG = 2.5;
    static final double CLEAN_MARGIN_DEG = 1.0;

    private static final List<String> LIFT_FAULTS = List.of(Codes.ROUNDED_BACK, Codes.ROUNDED_BACK,
            Codes.TWIST_UNDER_LOAD, Codes.SIDE_BEND_UNDER_LOAD, Codes.EXCESSIVE_ARCH);
    private static final List<String> PRESS_FAULTS = List.of(Codes.EXCESSIVE_ARCH, Codes.EXCESSIVE_ARCH,
            Codes.SIDE_BEND_UNDER_LOAD);
    private static final List<String> ROW_FAULTS = List.of(Codes.ROUNDED_BACK, Codes.TWIST_UNDER_LOAD);
    private static final List<String> LIFTING_FAULTS = List.of(Codes.ROUNDED_BACK, Codes.ROUNDED_BACK,
            Codes.TWIST_UNDER_LOAD);
    private static final List<String> PLANK_FAULTS = List.of(Codes.EXCESSIVE_ARCH, Codes.BREATH_HOLD);
    private static final List<String> BREATH = List.of(Codes.BREATH_HOLD);
    private static final List<String> IMPACT = List.of(Codes.HIGH_IMPACT);
    private static final List<String> SLUMP = List.of(Codes.SLUMPED_SITTING);

    /** Share of a set's opportunities that go to a breath hold over the whole set. */
    private static final double SET_BREATH_HOLD_SHARE = 0.3;

    private final Timeline tl;
    private final Rng rng;
    private final EffectiveLimits limits;
    private final FaultPlan faults;
    private final RepBudget budget;
    private final double noise;
    private final long periodUs;

    // how far clean movement may go, degrees from neutral
    private final double safeFlexion;
    private final double safeExtension;
    private final double safeRotation;
    private final double safeSideBend;

    Exercises(Timeline tl, Rng rng, EffectiveLimits limits, FaultPlan faults, RepBudget budget, Body body, int rateHz) {
        this.tl = tl;
        this.rng = rng;
        this.limits = limits;
        this.faults = faults;
        this.budget = budget;
        this.noise = body.maxAngleNoise();
        this.periodUs = 1_000_000L / rateHz;
        this.safeFlexion = safe(limits.flexionDeg());
        this.safeExtension = safe(limits.extensionDeg());
        this.safeRotation = safe(limits.rotationDeg());
        this.safeSideBend = safe(limits.sideBendDeg());
    }

    Timeline timeline() {
        return tl;
    }

    Rng rng() {
        return rng;
    }

    EffectiveLimits limits() {
        return limits;
    }

    /** The largest clean value for a limit: inside its release level by noise and a margin. */
    private double safe(double limit) {
        return Math.max(0, EffectiveLimits.releaseBelow(limit) - noise - CLEAN_MARGIN_DEG);
    }

    /** A fault's value for a limit: beyond it by noise, a margin and a random extra. */
    private double over(double limit) {
        return limit + noise + FAULT_MARGIN_DEG + rng.between(0.0, 4.0);
    }

    /** How long a fault holds: the minimum duration, a few samples, and a random extra. */
    private long holdFor(long minUs) {
        return minUs + Math.max(150_000L, 3 * periodUs) + rng.seconds(0, 0.25);
    }

    private double clean(double typical, double safe) {
        return Math.min(typical, safe);
    }

    private double small(double maxAbs, double safe) {
        double m = Math.min(maxAbs, safe);
        return rng.between(-m, m);
    }

    private static long us(double seconds) {
        return Math.round(seconds * 1_000_000);
    }

    // =====================================================================================
    // Calibration, standing, walking
    // =====================================================================================

    /**
     * The seeds' neutral-spine procedure: stand tall, rock the pelvis forward (arch) and back
     * (flatten), symmetric around neutral, so the midpoint of the 5th and 95th percentiles the
     * analyzer takes is the wearer's neutral. 8 s (at least 3 s are needed).
     */
    void calibrate() {
        long t = tl.end();
        tl.activity(t, Codes.CALIBRATION);
        double a = rng.between(7.0, 10.0);
        long step = us(rng.between(0.9, 1.2));
        t += us(1.0);
        tl.holdAll(t);
        double[] sequence = {-a, a, -a, a, 0};
        long[] durations = {step, 2 * step, 2 * step, 2 * step, step};
        for (int i = 0; i < sequence.length; i++) {
            t += durations[i];
            // arching tips the pelvis forward, flattening tips it back
            tl.flexion.to(t, sequence[i]);
            tl.hinge.to(t, -0.8 * sequence[i]);
        }
        t += us(1.0);
        tl.holdAll(t);
    }

    /** Standing with small sway; no hip hinge beyond a few degrees. */
    void stand(long durationUs) {
        long t = tl.end();
        tl.activity(t, Codes.STANDING);
        long end = t + durationUs;
        sway(t, end, 2.0);
        tl.holdAll(end);
    }

    private void sway(long from, long to, double hingeMax) {
        long t = from;
        while (true) {
            long next = t + rng.seconds(2.5, 6.0);
            if (next >= to - 500_000L) {
                break;
            }
            t = next;
            tl.flexion.to(t, rng.between(-Math.min(1.5, safeExtension), Math.min(2.0, safeFlexion)));
            tl.hinge.to(t, rng.between(0.0, hingeMax));
            tl.rotation.to(t, small(1.5, safeRotation));
            tl.sideBend.to(t, small(1.5, safeSideBend));
            tl.roll.to(t, rng.between(-1.0, 1.0));
        }
        tl.holdAll(to);
    }

    /** Walking: strides of 1.15–1.4 g, the trunk counter-rotating a little, turning now and then. */
    void walk(long durationUs) {
        long t = tl.end();
        tl.activity(t, Codes.WALKING);
        long end = t + durationUs;
        double stride = rng.between(0.5, 0.6);
        double turn = rng.chance(0.5) ? rng.between(-180.0, 180.0) : 0;
        tl.heading.to(end, tl.heading.lastValue() + turn);
        int side = 1;
        for (long s = t + us(stride); s < end - us(0.3); s += us(stride)) {
            tl.impact(s, Math.min(rng.between(1.15, 1.4), limits.impactG() - 0.15));
            side = -side;
            tl.rotation.to(s, side * Math.min(2.0, safeRotation));
            tl.sideBend.to(s, side * Math.min(1.0, safeSideBend));
            tl.flexion.to(s, clean(rng.between(0.5, 2.0), safeFlexion));
            tl.hinge.to(s, rng.between(1.0, 3.0));
        }
        tl.holdAll(end);
    }

    // =====================================================================================
    // Lifts: deadlift, romanian deadlift, squat, everyday lifting
    // =====================================================================================

    /** How one kind of lift moves. Durations in seconds. */
    private record Lift(double hingeFrom, double hingeTo, double flexFrom, double flexTo, double[] down,
                        double[] pause, double[] up, double[] top) {
    }

    private static Lift lift(String activity) {
        return switch (activity) {
            case Codes.DEADLIFT -> new Lift(60, 75, 5, 10, new double[] {1.0, 1.3}, new double[] {0.3, 0.5},
                    new double[] {0.9, 1.2}, new double[] {0.6, 1.0});
            case Codes.ROMANIAN_DEADLIFT -> new Lift(50, 65, 3, 6, new double[] {1.4, 1.8}, new double[] {0.2, 0.4},
                    new double[] {1.1, 1.4}, new double[] {0.5, 0.8});
            case Codes.SQUAT -> new Lift(35, 50, 4, 8, new double[] {1.2, 1.6}, new double[] {0.2, 0.4},
                    new double[] {1.0, 1.3}, new double[] {0.6, 1.0});
            case Codes.LIFTING -> new Lift(55, 75, 6, 11, new double[] {1.2, 1.6}, new double[] {0.5, 0.8},
                    new double[] {1.2, 1.5}, new double[] {1.5, 2.5});
            default -> throw new IllegalArgumentException("not a lift: " + activity);
        };
    }

    /** Seconds a set of {@code reps} of this lift takes at most (for the rep budget). */
    static double setSeconds(String activity, int reps) {
        Lift l = lift(activity);
        return reps * (l.down[1] + l.pause[1] + l.up[1] + l.top[1] + 1.5) + 1.5;
    }

    /**
     * One set of a counted lift, then a rest in the same activity (the app still says "deadlift"
     * between sets). Each rep is counted by the analyzer on the hip hinge; the set is skipped
     * when it would exceed the wearer's overuse limit.
     *
     * @return false if the set was skipped
     */
    boolean liftSet(String activity, int reps, long restUs) {
        Lift p = lift(activity);
        long t0 = tl.end();
        long setUs = us(setSeconds(activity, reps));
        if (!budget.allows(reps, t0, setUs)) {
            return false;
        }
        tl.activity(t0, activity);
        List<String> repFaults = activity.equals(Codes.LIFTING) ? LIFTING_FAULTS : LIFT_FAULTS;
        double topHinge = rng.between(0.0, 2.0);
        long t = t0 + us(rng.between(1.0, 2.0));
        tl.hinge.to(t, topHinge);
        tl.holdAll(t);

        boolean breathHold = setBreathHold(t, reps, restUs);
        for (int i = 0; i < reps; i++) {
            String fault = breathHold ? null : faults.choose(rng, repFaults, tl.end());
            liftRep(p, topHinge, fault);
        }
        long end = tl.end() + Math.max(restUs, us(1.0));
        sway(tl.end(), end, topHinge + 1.0);
        tl.holdAll(end);
        return true;
    }

    private void liftRep(Lift p, double topHinge, String fault) {
        long t0 = tl.end();
        double hinge = rng.between(p.hingeFrom, p.hingeTo);
        double flexBottom = clean(rng.between(p.flexFrom, p.flexTo), safeFlexion);
        double flexTop = rng.between(-Math.min(1.5, safeExtension), Math.min(1.0, safeFlexion));
        long down = us(rng.between(p.down[0], p.down[1]));
        long pause = us(rng.between(p.pause[0], p.pause[1]));
        long up = us(rng.between(p.up[0], p.up[1]));
        long top = us(rng.between(p.top[0], p.top[1]));
        long hold = 0;
        if (fault != null) {
            hold = holdFor(switch (fault) {
                case Codes.ROUNDED_BACK -> ROUNDED_BACK_MIN_US;
                case Codes.TWIST_UNDER_LOAD -> TWIST_MIN_US;
                case Codes.SIDE_BEND_UNDER_LOAD -> SIDE_BEND_MIN_US;
                default -> EXCESSIVE_ARCH_MIN_US;
            });
            switch (fault) {
                // rounding at the bottom lasts into the lift: the lift waits for it
                case Codes.ROUNDED_BACK -> pause = Math.max(pause, us(0.55) + hold - up + us(0.1));
                // the other faults happen on the way up or at lockout, before the next rep
                case Codes.EXCESSIVE_ARCH -> top = Math.max(top, us(0.55) + hold + us(0.2));
                default -> top = Math.max(top, us(0.45) + hold - up + us(0.3));
            }
        }
        long bottom = t0 + down;
        long liftStart = bottom + pause;
        long upEnd = liftStart + up;
        long end = upEnd + top;

        tl.hinge.to(bottom, topHinge + hinge);
        tl.hinge.hold(liftStart);
        tl.hinge.to(upEnd, topHinge);
        tl.hinge.hold(end);
        tl.rep(t0 + down / 2);
        budget.rep(t0 + down / 2);

        if (Codes.ROUNDED_BACK.equals(fault)) {
            long start = bottom - us(0.1);
            tl.flexion.to(start, flexBottom);
            angleFault(tl.flexion, fault, ROUNDED_BACK_MIN_US, start, flexBottom, over(limits.flexionDeg()),
                    limits.flexionDeg(), us(0.25), hold, us(0.3), flexBottom / 2);
            tl.flexion.to(upEnd, flexTop);
        } else if (Codes.EXCESSIVE_ARCH.equals(fault)) {
            tl.flexion.to(bottom, flexBottom);
            tl.flexion.hold(liftStart);
            long start = upEnd - us(0.05);
            tl.flexion.to(start, flexTop);
            angleFault(tl.flexion, fault, EXCESSIVE_ARCH_MIN_US, start, flexTop, -over(limits.extensionDeg()),
                    -limits.extensionDeg(), us(0.2), hold, us(0.25), flexTop);
        } else {
            tl.flexion.to(bottom, flexBottom);
            tl.flexion.hold(liftStart);
            tl.flexion.to(upEnd, flexTop);
        }

        // twisting or bending sideways on the way up, either side
        sideways(tl.rotation, Codes.TWIST_UNDER_LOAD.equals(fault), Codes.TWIST_UNDER_LOAD, TWIST_MIN_US,
                limits.rotationDeg(), safeRotation, liftStart + us(0.1), us(0.15), hold, us(0.2), end);
        sideways(tl.sideBend, Codes.SIDE_BEND_UNDER_LOAD.equals(fault), Codes.SIDE_BEND_UNDER_LOAD, SIDE_BEND_MIN_US,
                limits.sideBendDeg(), safeSideBend, liftStart + us(0.1), us(0.2), hold, us(0.25), end);
        tl.acc.to(upEnd, rng.between(1.1, 1.25));
        tl.acc.to(end, 1.0);
        tl.holdAll(end);
    }

    /**
     * A magnitude angle (rotation, side-bend) through a rep: a fault to a random side when
     * {@code faulty}, from {@code startUs}; otherwise a small drift until {@code endUs}.
     */
    private void sideways(Track track, boolean faulty, String code, long minUs, double limit, double safe,
                          long startUs, long upUs, long holdUs, long downUs, long endUs) {
        if (!faulty) {
            track.to(endUs, small(1.5, safe));
            return;
        }
        double from = small(1.5, safe);
        track.to(startUs, from);
        angleFault(track, code, minUs, startUs, from, rng.sign() * over(limit), limit, upUs, holdUs, downUs,
                small(1.5, safe));
    }

    /**
     * An angle fault on one track: from {@code from} (at {@code startUs}) to {@code peak}, held,
     * then back to {@code back}. The injected fault runs from where the move crosses the limit
     * to where it crosses back; the alert is due the minimum duration after the crossing.
     *
     * @param limit the limit, positive; the fault's direction is {@code peak}'s sign
     */
    private void angleFault(Track track, String code, long minUs, long startUs, double from, double peak, double limit,
                            long upUs, long holdUs, long downUs, double back) {
        double level = Math.copySign(limit, peak);
        long reached = startUs + upUs;
        long leaves = reached + holdUs;
        track.to(startUs, from);
        track.to(reached, peak);
        track.hold(leaves);
        track.to(leaves + downUs, back);
        long crosses = startUs + Math.round(upUs * Track.crossing(from, peak, level));
        long crossesBack = leaves + Math.round(downUs * Track.crossing(peak, back, level));
        record(new InjectedFault(code, tl.activity(), crosses, crosses + minUs, crossesBack, Math.abs(peak), limit));
    }

    private void record(InjectedFault fault) {
        tl.fault(fault);
        faults.record(fault);
    }

    /**
     * The set's opportunity for a held breath (a share of the fault rate): held from just after
     * {@code startUs} through the reps, when the set and its rest outlast the hold (the activity
     * must still be checked when it is due).
     *
     * @return whether the breath is held (the reps then carry no other fault)
     */
    private boolean setBreathHold(long startUs, int reps, long restUs) {
        long holdUs = us(limits.breathHoldSeconds() + rng.between(1.5, 3.0));
        if (us(reps * 2.8) + restUs > holdUs + us(1.5)
                && faults.choose(rng, BREATH, startUs, SET_BREATH_HOLD_SHARE) != null) {
            breathHold(startUs + us(0.3), holdUs);
            return true;
        }
        return false;
    }

    /** The wearer holds their breath from {@code startUs} for {@code durationUs}: a BREATH_HOLD. */
    private void breathHold(long startUs, long durationUs) {
        tl.holdBreath(startUs, startUs + durationUs);
        long limitUs = us(limits.breathHoldSeconds());
        record(new InjectedFault(Codes.BREATH_HOLD, tl.activity(), startUs, startUs + limitUs, startUs + durationUs,
                durationUs / 1e6, limits.breathHoldSeconds()));
    }

    // =====================================================================================
    // Overhead press, bent-over row
    // =====================================================================================

    /** A set of overhead presses (loaded; the lumbar spine arches a little at lockout), then a rest. */
    void pressSet(int reps, long restUs) {
        long t = tl.end();
        tl.activity(t, Codes.OVERHEAD_PRESS);
        t += us(rng.between(1.0, 2.0));
        tl.holdAll(t);
        boolean breathHold = setBreathHold(t, reps, restUs);
        for (int i = 0; i < reps; i++) {
            String fault = breathHold ? null : faults.choose(rng, PRESS_FAULTS, tl.end());
            long t0 = tl.end();
            double lockout = -rng.between(Math.min(1.0, safeExtension), Math.min(3.0, safeExtension));
            long press = us(rng.between(0.8, 1.1));
            long hold = fault == null ? 0 : holdFor(fault.equals(Codes.EXCESSIVE_ARCH) ? EXCESSIVE_ARCH_MIN_US
                    : SIDE_BEND_MIN_US);
            long lockoutUs = us(rng.between(0.5, 0.8));
            if (fault != null) {
                lockoutUs = Math.max(lockoutUs, hold + us(0.6));
            }
            long lower = us(rng.between(1.0, 1.3));
            long rack = us(rng.between(0.3, 0.5));
            long top = t0 + press;
            long down = top + lockoutUs + lower;
            long end = down + rack;
            if (Codes.EXCESSIVE_ARCH.equals(fault)) {
                tl.flexion.to(top, lockout);
                angleFault(tl.flexion, fault, EXCESSIVE_ARCH_MIN_US, top, lockout, -over(limits.extensionDeg()),
                        -limits.extensionDeg(), us(0.2), hold, us(0.25), lockout);
                tl.flexion.to(down, 0);
            } else {
                tl.flexion.to(top, lockout);
                tl.flexion.hold(top + lockoutUs);
                tl.flexion.to(down, rng.between(0.0, Math.min(1.0, safeFlexion)));
            }
            if (Codes.SIDE_BEND_UNDER_LOAD.equals(fault)) {
                double from = small(1.0, safeSideBend);
                long start = t0 + press / 2;
                tl.sideBend.to(start, from);
                angleFault(tl.sideBend, fault, SIDE_BEND_MIN_US, start, from, rng.sign() * over(limits.sideBendDeg()),
                        limits.sideBendDeg(), us(0.2), hold, us(0.25), small(1.0, safeSideBend));
            } else {
                tl.sideBend.to(end, small(1.0, safeSideBend));
            }
            tl.rotation.to(end, small(1.0, safeRotation));
            tl.hinge.to(end, rng.between(0.0, 2.0));
            tl.holdAll(end);
        }
        long end = tl.end() + Math.max(restUs, us(1.0));
        sway(tl.end(), end, 2.0);
        tl.holdAll(end);
    }

    /** A set of bent-over rows: hinged at 40–50° throughout (loaded, not a counted rep), then a rest. */
    void rowSet(int reps, long restUs) {
        long t = tl.end();
        tl.activity(t, Codes.ROW);
        double hinge = rng.between(40.0, 50.0);
        double flex = clean(rng.between(4.0, 8.0), safeFlexion);
        t += us(1.5);
        tl.hinge.to(t, hinge);
        tl.flexion.to(t, flex);
        tl.holdAll(t);
        for (int i = 0; i < reps; i++) {
            String fault = faults.choose(rng, ROW_FAULTS, tl.end());
            long t0 = tl.end();
            long pull = us(rng.between(0.6, 0.8));
            long squeeze = us(rng.between(0.3, 0.5));
            long lower = us(rng.between(0.8, 1.0));
            long hold = fault == null ? 0 : holdFor(fault.equals(Codes.ROUNDED_BACK) ? ROUNDED_BACK_MIN_US : TWIST_MIN_US);
            if (fault != null) {
                lower = Math.max(lower, hold + us(0.7) - squeeze);
            }
            long end = t0 + pull + squeeze + lower;
            if (Codes.ROUNDED_BACK.equals(fault)) {
                angleFault(tl.flexion, fault, ROUNDED_BACK_MIN_US, t0 + pull / 2, flex, over(limits.flexionDeg()),
                        limits.flexionDeg(), us(0.2), hold, us(0.3), flex);
            } else if (Codes.TWIST_UNDER_LOAD.equals(fault)) {
                double from = small(1.0, safeRotation);
                tl.rotation.to(t0 + pull / 2, from);
                angleFault(tl.rotation, fault, TWIST_MIN_US, t0 + pull / 2, from, rng.sign() * over(limits.rotationDeg()),
                        limits.rotationDeg(), us(0.15), hold, us(0.2), small(1.0, safeRotation));
            }
            tl.rotation.to(end, small(1.0, safeRotation));
            tl.hinge.to(t0 + pull, hinge + rng.between(-2.0, 2.0));
            tl.hinge.to(end, hinge);
            tl.holdAll(end);
        }
        t = tl.end() + us(1.5);
        tl.hinge.to(t, rng.between(0.0, 2.0));
        tl.flexion.to(t, rng.between(0.0, Math.min(1.0, safeFlexion)));
        tl.holdAll(t);
        long end = t + Math.max(restUs, us(1.0));
        sway(t, end, 2.0);
        tl.holdAll(end);
    }

    // =====================================================================================
    // Plank
    // =====================================================================================

    /** A front plank: down, a hold with normal breathing (a sag or a breath hold when faulty), up. */
    void plank(long holdUs) {
        long t = tl.end();
        tl.activity(t, Codes.PLANK);
        double body = rng.between(80.0, 90.0);
        t += us(2.0);
        tl.hinge.to(t, body);
        tl.flexion.to(t, -Math.min(1.0, safeExtension));
        tl.holdAll(t);
        long holdEnd = t + holdUs;
        String fault = faults.choose(rng, PLANK_FAULTS, t + us(5.0));
        long faultAt = Long.MAX_VALUE;
        long faultEnd = Long.MIN_VALUE;
        if (Codes.BREATH_HOLD.equals(fault)) {
            long hold = us(limits.breathHoldSeconds() + rng.between(1.5, 3.0));
            if (holdUs > hold + us(7.0)) {
                long start = t + rng.seconds(3.0, Math.max(3.0, (holdUs - hold) / 1e6 - 3.0));
                breathHold(start, hold);
            }
        } else if (Codes.EXCESSIVE_ARCH.equals(fault)) {
            long hold = holdFor(EXCESSIVE_ARCH_MIN_US) + rng.seconds(1.0, 2.5);
            if (holdUs > hold + us(8.0)) {
                faultAt = t + rng.seconds(3.0, Math.max(3.0, (holdUs - hold) / 1e6 - 4.0));
                faultEnd = faultAt + us(0.8) + hold + us(0.8);
            }
        }
        while (true) {
            long next = tl.flexion.lastTime() + rng.seconds(2.0, 4.0);
            if (next > faultAt) {
                double from = -Math.min(1.0, safeExtension);
                angleFault(tl.flexion, Codes.EXCESSIVE_ARCH, EXCESSIVE_ARCH_MIN_US, faultAt, from,
                        -over(limits.extensionDeg()), -limits.extensionDeg(), us(0.8), faultEnd - faultAt - us(1.6),
                        us(0.8), from);
                faultAt = Long.MAX_VALUE;
                continue;
            }
            if (next >= holdEnd - us(1.0)) {
                break;
            }
            tl.flexion.to(next, rng.between(-Math.min(2.0, safeExtension), Math.min(1.0, safeFlexion)));
            tl.hinge.to(next, body + rng.between(-1.5, 1.5));
        }
        tl.holdAll(holdEnd);
        long end = holdEnd + us(2.0);
        tl.hinge.to(end, rng.between(0.0, 2.0));
        tl.flexion.to(end, 0);
        tl.holdAll(end);
    }

    // =====================================================================================
    // Running
    // =====================================================================================

    /**
     * A stretch of running at {@code strideS} seconds per stride: foot strikes of 2.0–2.6 g (under
     * the impact limit), or, when faulty, one hard landing above the single-peak limit or a run of
     * strikes above the impact limit, more of them than the limit allows within a minute.
     */
    void run(long durationUs, double strideS) {
        long t = tl.end();
        tl.activity(t, Codes.RUNNING);
        long strideUs = us(strideS);
        long end = t + durationUs;
        int bout = 0;
        int hardLanding = -1;
        String fault = faults.choose(rng, IMPACT, t);
        int needed = limits.impactsPerMinute() + 1;
        double boutG = Math.min(limits.impactG() + rng.between(0.3, 0.9), limits.peakImpactG() - 0.6);
        if (fault != null) {
            if (rng.chance(0.5) && (needed + 5) * strideUs < durationUs - us(2.0) && (needed + 5) * strideS < 55
                    && boutG > limits.impactG() + 0.2) {
                bout = needed + 5;
            } else {
                hardLanding = rng.between(2, (int) Math.max(2, durationUs / strideUs - 3));
            }
        }
        int side = 1;
        int i = 0;
        long first = -1;
        for (long s = t + strideUs; s < end - us(0.3); s += strideUs, i++) {
            double g;
            if (i < bout) {
                g = boutG + rng.between(0.0, 0.3);
                if (first < 0) {
                    first = s;
                }
                if (i == needed - 1) {
                    // the peak that makes the count within 60 s exceed the limit
                    record(new InjectedFault(Codes.HIGH_IMPACT, Codes.RUNNING, first, s, s + us(60), needed,
                            limits.impactsPerMinute()));
                }
            } else if (i == hardLanding) {
                g = limits.peakImpactG() + rng.between(0.5, 1.5);
                record(new InjectedFault(Codes.HIGH_IMPACT, Codes.RUNNING, s, s, s, g, limits.peakImpactG()));
            } else {
                g = Math.min(rng.between(2.0, 2.6), limits.impactG() - 0.15);
            }
            tl.impact(s, g);
            side = -side;
            tl.rotation.to(s, side * Math.min(4.0, safeRotation));
            tl.sideBend.to(s, side * Math.min(2.0, safeSideBend));
            tl.flexion.to(s, clean(rng.between(1.0, 4.0), safeFlexion));
            tl.hinge.to(s, rng.between(5.0, 9.0));
        }
        if (durationUs > us(1.0)) {
            tl.acc.to(t + us(0.5), 0.85);
            tl.acc.to(end - us(0.3), 0.85);
        }
        tl.acc.to(end, 1.0);
        tl.holdAll(end);
    }

    // =====================================================================================
    // Sitting
    // =====================================================================================

    /**
     * A spell of sitting: posture shifts every 30 s to 2 min with the lumbar spine a little flexed
     * (pelvis tipped back); when faulty, a slouch (over 6 s) beyond the flexion limit held for longer
     * than the slump minutes. The caller keeps sitting sessions shorter than the movement-break interval.
     *
     * @param maxUs the longest this spell may last (the rest of the sitting session)
     * @return how long it lasted
     */
    long sit(long maxUs) {
        long t = tl.end();
        tl.activity(t, Codes.SITTING);
        long slumpUs = us(limits.slumpMinutes() * 60 + rng.between(30.0, 90.0));
        String fault = maxUs > slumpUs + us(30) ? faults.choose(rng, SLUMP, t) : null;
        long end;
        if (fault != null) {
            double from = tl.flexion.lastValue();
            long start = t + us(2.0);
            long ramp = us(6.0);
            long hold = slumpUs - ramp;
            tl.hinge.to(start + ramp, -rng.between(6.0, 12.0));
            double limit = limits.flexionDeg();
            double back = clean(rng.between(6.0, 12.0), safeFlexion);
            angleFault(tl.flexion, fault, us(limits.slumpMinutes() * 60), start, from, over(limit), limit, ramp, hold,
                    us(5.0), back);
            end = tl.flexion.lastTime() + us(5.0);
            tl.hinge.to(end, -rng.between(0.0, 6.0));
        } else {
            end = t + Math.min(maxUs, rng.seconds(30.0, 120.0));
            long shift = t + us(rng.between(2.0, 5.0));
            tl.flexion.to(shift, clean(rng.between(6.0, 12.0), safeFlexion));
            tl.hinge.to(shift, -rng.between(0.0, 6.0));
            tl.rotation.to(shift, small(2.0, safeRotation));
            tl.sideBend.to(shift, small(2.0, safeSideBend));
        }
        tl.holdAll(end);
        return end - t;
    }

    /** Standing up from a chair and reaching for something: hinge beyond 10° restarts the movement-break timer. */
    void standAndReach(long durationUs) {
        long t = tl.end();
        tl.activity(t, Codes.STANDING);
        long reach = t + us(rng.between(3.0, 6.0));
        tl.hinge.to(reach, rng.between(20.0, 35.0));
        tl.flexion.to(reach, clean(rng.between(3.0, 8.0), safeFlexion));
        long back = reach + us(1.5);
        tl.hinge.to(back, rng.between(0.0, 2.0));
        tl.flexion.to(back, 0);
        tl.holdAll(back);
        sway(back, t + Math.max(durationUs, back - t + us(1.0)), 2.0);
    }

    /** The codes this model injects. */
    static final List<String> INJECTABLE = List.of(Codes.ROUNDED_BACK, Codes.EXCESSIVE_ARCH, Codes.TWIST_UNDER_LOAD,
            Codes.SIDE_BEND_UNDER_LOAD, Codes.BREATH_HOLD, Codes.HIGH_IMPACT, Codes.SLUMPED_SITTING);
}
