package io.spinestream.simulator.motion;

import io.spinestream.analysis.core.EffectiveLimits;

import java.util.ArrayList;
import java.util.List;

/**
 * One virtual wearer's belt, sample by sample: plans what the wearer does ({@link Workout},
 * {@link Exercises}) a moment ahead, and turns it into the eight channels of telemetry.md. Lumbar
 * angles from neutral become pod angles by adding the wearer's raw neutral ({@link Body}):
 * {@code pelvisPitch} = hip hinge, {@code trunkPitch − pelvisPitch} = flexion,
 * {@code trunkRoll − pelvisRoll} = side-bend, {@code trunkYaw − pelvisYaw} = rotation, each pod with
 * its own clipped noise; {@code pelvisAcc} is 1 g plus the movement's impacts; {@code strain}
 * follows the breath (frozen while it is held).
 *
 * <p>Not thread-safe: a belt's samples are made by one thread at a time. Deterministic for a seed.
 */
public final class MotionGenerator {

    /** The rates the model's guarantees hold for (telemetry.md allows 1–400). */
    public static final int MIN_RATE_HZ = 10;
    public static final int MAX_RATE_HZ = 400;

    /** How far ahead of the samples the plan is kept. */
    private static final long LOOKAHEAD_US = 1_000_000L;

    private final int rateHz;
    private final Body body;
    private final Rng rng;
    private final Timeline tl;
    private final Workout workout;
    private final RepBudget budget;

    private long next;
    private long repetitions;
    private long lastUs = -1;
    private String activity;
    private double breathPhase;

    /**
     * @param scenario         what the wearer does
     * @param rateHz           samples per second (10–400)
     * @param faultRate        share of opportunities (reps, sets, holds, runs, sitting spells) with a fault
     * @param limits           the wearer's limits as the analyzer resolves them
     * @param body             the wearer's neutral, heading, breathing and sensor noise
     * @param seed             for everything random
     * @param earlierRepsUs    loaded reps of earlier runs (µs before this start, negative), for the
     *                         overuse limit; may be empty
     * @param keepHistory      keep every fault and session for {@link #faults()} and {@link #sessions()}
     */
    public MotionGenerator(Scenario scenario, int rateHz, double faultRate, EffectiveLimits limits, Body body,
                           long seed, long[] earlierRepsUs, boolean keepHistory) {
        this(rateHz, limits, body, seed, earlierRepsUs, keepHistory, new FaultPlan(faultRate),
                ex -> new Workout(scenario, ex));
    }

    /** A scripted wearer (tests): {@code program} makes the workout, {@code faults} decides the faults. */
    MotionGenerator(int rateHz, EffectiveLimits limits, Body body, long seed, long[] earlierRepsUs,
                    boolean keepHistory, FaultPlan faults, java.util.function.Function<Exercises, Workout> program) {
        if (rateHz < MIN_RATE_HZ || rateHz > MAX_RATE_HZ) {
            throw new IllegalArgumentException("the sample rate must be " + MIN_RATE_HZ + "–" + MAX_RATE_HZ
                    + " Hz (below 10 Hz a belt resolves neither a 200 ms fault nor separate foot strikes), was " + rateHz);
        }
        this.rateHz = rateHz;
        this.body = body;
        this.rng = new Rng(seed);
        this.tl = new Timeline(keepHistory);
        this.budget = new RepBudget(limits.overuseRepsPerHour(), earlierRepsUs);
        Exercises ex = new Exercises(tl, new Rng(rng.nextSeed()), limits, faults, budget, body, rateHz);
        this.workout = program.apply(ex);
    }

    /** A wearer with a random body, keeping no history (a live belt). */
    public static MotionGenerator live(Scenario scenario, int rateHz, double faultRate, EffectiveLimits limits,
                                       long seed, long[] earlierRepsUs) {
        Rng r = new Rng(seed);
        return new MotionGenerator(scenario, rateHz, faultRate, limits, Body.random(r), r.nextSeed(), earlierRepsUs,
                false);
    }

    public int rateHz() {
        return rateHz;
    }

    /** The scenario this belt follows (a {@code mixed} one resolved). */
    public Scenario scenario() {
        return workout.scenario();
    }

    public Body body() {
        return body;
    }

    /** Time of sample {@code index}, µs since the start. */
    public long timeUs(long index) {
        return index * 1_000_000L / rateHz;
    }

    /** Samples made so far. */
    public long samples() {
        return next;
    }

    /**
     * Makes every sample before {@code untilUs} (µs since the start), as batches of at most
     * {@code maxSamples} samples that never span an activity change.
     */
    public List<GeneratedBatch> advanceTo(long untilUs, int maxSamples) {
        if (maxSamples < 1 || maxSamples > 2000) {
            throw new IllegalArgumentException("a batch holds 1–2000 samples (telemetry.md), not " + maxSamples);
        }
        List<GeneratedBatch> batches = new ArrayList<>();
        float[][] buf = new float[8][maxSamples];
        int n = 0;
        long first = next;
        String batchActivity = null;
        while (timeUs(next) < untilUs) {
            long t = timeUs(next);
            while (tl.end() <= t + LOOKAHEAD_US) {
                workout.planNext();
            }
            String a = activityAt(t);
            if (n > 0 && (n == maxSamples || !a.equals(batchActivity))) {
                batches.add(close(first, batchActivity, buf, n));
                n = 0;
            }
            if (n == 0) {
                first = next;
                batchActivity = a;
            }
            sample(t, buf, n++);
            next++;
        }
        if (n > 0) {
            batches.add(close(first, batchActivity, buf, n));
        }
        return batches;
    }

    /** Every injected fault planned so far (only with {@code keepHistory}). */
    public List<InjectedFault> faults() {
        return tl.faults();
    }

    /** Every session planned so far (only with {@code keepHistory}). */
    public List<PlannedSession> sessions() {
        return tl.sessions();
    }

    /** Repetitions of counted lifts done so far (in the samples made). */
    public long repetitions() {
        return repetitions;
    }

    /** The loaded reps of the last hour, µs since the start (to carry into the next run). */
    public long[] recentLoadedReps() {
        return budget.recent();
    }

    private String activityAt(long t) {
        while (!tl.spans.isEmpty() && tl.spans.peekFirst().startUs() <= t) {
            activity = tl.spans.pollFirst().activity();
        }
        return activity;
    }

    private GeneratedBatch close(long first, String activity, float[][] buf, int n) {
        float[][] channels = new float[8][];
        for (int c = 0; c < 8; c++) {
            channels[c] = java.util.Arrays.copyOf(buf[c], n);
        }
        long lastSampleUs = timeUs(first + n - 1);
        while (!tl.repTimes.isEmpty() && tl.repTimes.peekFirst() <= lastSampleUs) {
            tl.repTimes.pollFirst();
            repetitions++;
        }
        List<InjectedFault> faults = List.of();
        while (!tl.pendingFaults.isEmpty() && tl.pendingFaults.peek().alertUs() <= lastSampleUs) {
            if (faults.isEmpty()) {
                faults = new ArrayList<>(2);
            }
            faults.add(tl.pendingFaults.poll());
        }
        return new GeneratedBatch(first, timeUs(first), activity, channels, faults);
    }

    private void sample(long t, float[][] buf, int i) {
        double hinge = tl.hinge.at(t);
        double flexion = tl.flexion.at(t);
        double sideBend = tl.sideBend.at(t);
        double rotation = tl.rotation.at(t);
        double roll = tl.roll.at(t);
        double heading = body.headingDeg() + tl.heading.at(t);
        double sigma = body.noiseDeg();

        double pelvisPitch = body.neutralHingeDeg() + hinge;
        buf[0][i] = (float) (pelvisPitch + body.neutralFlexionDeg() + flexion + rng.noise(sigma)); // trunkPitch
        buf[1][i] = (float) (roll + body.neutralSideBendDeg() + sideBend + rng.noise(sigma));      // trunkRoll
        buf[2][i] = (float) (heading + body.neutralRotationDeg() + rotation + rng.noise(sigma));   // trunkYaw
        buf[3][i] = (float) (pelvisPitch + rng.noise(sigma));                                      // pelvisPitch
        buf[4][i] = (float) (roll + rng.noise(sigma));                                             // pelvisRoll
        buf[5][i] = (float) (heading + rng.noise(sigma));                                          // pelvisYaw

        double acc = tl.acc.at(t);
        double impact = 0;
        while (!tl.impacts.isEmpty() && tl.impacts.peekFirst().timeUs() <= t) {
            impact = Math.max(impact, tl.impacts.pollFirst().g());
        }
        if (impact > 0) {
            acc = impact;
        }
        buf[6][i] = (float) Math.max(0, acc + rng.noise(Body.ACC_NOISE_G));                        // pelvisAcc

        while (!tl.freezes.isEmpty() && tl.freezes.peekFirst().endUs() <= t) {
            tl.freezes.pollFirst();
        }
        boolean held = !tl.freezes.isEmpty() && tl.freezes.peekFirst().startUs() <= t;
        if (lastUs >= 0 && !held) {
            breathPhase += 2 * Math.PI * (t - lastUs) / (breathPeriod() * 1e6);
            if (breathPhase > 2 * Math.PI) {
                breathPhase -= 2 * Math.PI;
            }
        }
        lastUs = t;
        double strain = body.strainBase() + body.breathAmplitude() * Math.sin(breathPhase)
                + (held ? Body.BRACE : 0) + rng.noise(Body.STRAIN_NOISE);
        buf[7][i] = (float) Math.max(0, Math.min(1, strain));                                      // strain
    }

    /** Breathing quickens with effort. */
    private double breathPeriod() {
        return switch (activity) {
            case Codes.RUNNING -> Math.min(body.breathPeriodS(), 2.2);
            case Codes.WALKING -> Math.min(body.breathPeriodS(), 3.2);
            default -> body.breathPeriodS();
        };
    }
}
