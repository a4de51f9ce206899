package io.spinestream.analysis.core;

import io.spinestream.events.telemetry.TelemetryJson;
import io.spinestream.events.telemetry.proto.Channels;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A scripted belt: builds the {@link TelemetryBatch}es a belt would send while its wearer
 * calibrates, stands, does reps, holds poses, makes form faults, lands jumps, breathes or
 * holds their breath, pauses, and changes activity. The seed of a belt simulator.
 *
 * <p>Scripts speak in <em>lumbar angles from the wearer's neutral</em> ({@link Pose}); the
 * generator turns them into the six pod channels of telemetry.md, adding the wearer's raw
 * neutral ({@link #rawNeutral}, what a calibration should find), the heading of the pelvis
 * ({@link #yawBase}, e.g. far from zero), optional Gaussian sensor noise, the pelvis
 * acceleration (1 g at rest plus scheduled impacts) and an optional abdominal strain band.
 *
 * <p>Time advances one sample period per sample, from {@link #startAt}; {@link #gap} skips
 * time. Batches hold up to {@link #batchSize} samples of one activity and never span a gap;
 * each gets the next {@code seq}. Everything is deterministic for a given {@link #seed}.
 *
 * <pre>{@code
 * List<TelemetryBatch> batches = RecordingGenerator.belt("SB-000123").rateHz(50).batchSize(25)
 *         .activity("calibration").calibrate(Duration.ofSeconds(4), 8)
 *         .activity("deadlift").reps(5, Duration.ofSeconds(2), Pose.hinge(60), Duration.ofMillis(500))
 *         .batches();
 * }</pre>
 */
public final class RecordingGenerator {

    /**
     * Lumbar angles from neutral, degrees (telemetry.md signs): flexion (+ rounding,
     * − arching), side-bend (+ right), rotation (+ trunk right of pelvis), hip hinge
     * (pelvisPitch, + forward).
     */
    public record Pose(double flexion, double sideBend, double rotation, double hipHinge) {

        public static final Pose NEUTRAL = new Pose(0, 0, 0, 0);

        public static Pose flexed(double deg) {
            return new Pose(deg, 0, 0, 0);
        }

        public static Pose hinge(double deg) {
            return new Pose(0, 0, 0, deg);
        }

        public static Pose rotated(double deg) {
            return new Pose(0, 0, deg, 0);
        }

        public static Pose sideBent(double deg) {
            return new Pose(0, deg, 0, 0);
        }

        public Pose withFlexion(double deg) {
            return new Pose(deg, sideBend, rotation, hipHinge);
        }

        public Pose withSideBend(double deg) {
            return new Pose(flexion, deg, rotation, hipHinge);
        }

        public Pose withRotation(double deg) {
            return new Pose(flexion, sideBend, deg, hipHinge);
        }

        public Pose withHipHinge(double deg) {
            return new Pose(flexion, sideBend, rotation, deg);
        }

        public Pose plus(Pose o) {
            return new Pose(flexion + o.flexion, sideBend + o.sideBend, rotation + o.rotation, hipHinge + o.hipHinge);
        }

        Pose lerp(Pose to, double u) {
            return new Pose(flexion + (to.flexion - flexion) * u, sideBend + (to.sideBend - sideBend) * u,
                    rotation + (to.rotation - rotation) * u, hipHinge + (to.hipHinge - hipHinge) * u);
        }
    }

    /** A contiguous run of samples of one activity (one or more batches). */
    private record Run(int first, long startUs, String activity) {
    }

    // ---- configuration
    private final String beltId;
    private int rateHz = 50;
    private int batchSize = 50;
    private long startUs = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli() * 1000L;
    private long firstSeq = 1;
    private Pose rawNeutral = Pose.NEUTRAL;
    private double yawBase = 0;
    private double noiseDeg = 0;
    private double accNoiseG = 0;
    private double strainNoise = 0;
    private boolean withAcc = true;
    private boolean withStrain = false;
    private long seed = 42;

    // ---- script state
    private Random random;
    private Pose pose = Pose.NEUTRAL;
    private String activity = "standing";
    private boolean breakBefore = true;
    private long nextUs = Long.MIN_VALUE;
    private double breathAmplitude = 0.05;
    private long breathPeriodUs = 4_000_000L;
    private boolean holdingBreath;
    private double heldStrain;
    private long impactEveryUs;
    private double impactG;
    private long nextImpactUs;
    private double oneShotAcc = Double.NaN;

    // ---- timeline
    private int n;
    private float[][] ch = new float[8][1024];
    private long[] times = new long[1024];
    private final List<Run> runs = new ArrayList<>();

    private RecordingGenerator(String beltId) {
        this.beltId = beltId;
    }

    /** A generator for a belt with that id ({@code [A-Z0-9-]{3,32}}). */
    public static RecordingGenerator belt(String beltId) {
        return new RecordingGenerator(beltId);
    }

    // =====================================================================================
    // Configuration (before the first sample)
    // =====================================================================================

    /** Samples per second; must divide 1 000 000 (µs timing stays exact). Default 50. */
    public RecordingGenerator rateHz(int rateHz) {
        requireNoSamples();
        if (rateHz < 1 || rateHz > 400 || 1_000_000 % rateHz != 0) {
            throw new IllegalArgumentException("rate must be 1-400 and divide 1e6: " + rateHz);
        }
        this.rateHz = rateHz;
        return this;
    }

    /** Maximum samples per batch (1–2000). Default 50. */
    public RecordingGenerator batchSize(int batchSize) {
        if (batchSize < 1 || batchSize > 2000) {
            throw new IllegalArgumentException("batch size must be 1-2000");
        }
        this.batchSize = batchSize;
        return this;
    }

    public RecordingGenerator startAt(Instant start) {
        requireNoSamples();
        this.startUs = start.toEpochMilli() * 1000L;
        return this;
    }

    public RecordingGenerator firstSeq(long seq) {
        this.firstSeq = seq;
        return this;
    }

    /** The wearer's neutral in raw derived angles (added to every pose). Default zero. */
    public RecordingGenerator rawNeutral(Pose neutral) {
        this.rawNeutral = neutral;
        return this;
    }

    /** Heading of the pelvis pod, degrees, unwrapped (e.g. 3600). Default 0. */
    public RecordingGenerator yawBase(double deg) {
        this.yawBase = deg;
        return this;
    }

    /**
     * Gaussian noise with this standard deviation on each pod angle (so about √2 × on each
     * lumbar angle), from here on; 0 = none.
     */
    public RecordingGenerator noise(double sigmaDeg) {
        this.noiseDeg = sigmaDeg;
        return this;
    }

    /** Gaussian noise on pelvisAcc, g. Default 0. */
    public RecordingGenerator accNoise(double sigmaG) {
        this.accNoiseG = sigmaG;
        return this;
    }

    /** Whether batches carry pelvisAcc. Default yes. */
    public RecordingGenerator withAcc(boolean withAcc) {
        requireNoSamples();
        this.withAcc = withAcc;
        return this;
    }

    /** Whether batches carry the strain band. Default no. */
    public RecordingGenerator withStrain(boolean withStrain) {
        requireNoSamples();
        this.withStrain = withStrain;
        return this;
    }

    /** Gaussian noise on strain. Default 0. */
    public RecordingGenerator strainNoise(double sigma) {
        this.strainNoise = sigma;
        return this;
    }

    public RecordingGenerator seed(long seed) {
        requireNoSamples();
        this.seed = seed;
        return this;
    }

    // =====================================================================================
    // Script
    // =====================================================================================

    /** What the wearer says they are doing from now on (starts a new batch if it changes). */
    public RecordingGenerator activity(String code) {
        if (!code.equals(activity)) {
            activity = code;
            breakBefore = true;
        }
        return this;
    }

    /** Ends the current batch here (same activity). */
    public RecordingGenerator newBatch() {
        breakBefore = true;
        return this;
    }

    /** Holds the current pose for a duration. */
    public RecordingGenerator hold(Duration d) {
        return samples(count(d));
    }

    /** Moves to a pose at once and holds it. */
    public RecordingGenerator hold(Duration d, Pose p) {
        pose = p;
        return hold(d);
    }

    /** Exactly {@code count} samples at the current pose. */
    public RecordingGenerator samples(int count) {
        for (int i = 0; i < count; i++) {
            emit(pose);
        }
        return this;
    }

    /** Moves to a pose at once and keeps it for exactly {@code count} samples. */
    public RecordingGenerator samples(int count, Pose p) {
        pose = p;
        return samples(count);
    }

    /** {@code count} samples along any path: sample {@code j} at {@code path.apply(j)}; ends there. */
    public RecordingGenerator trace(int count, java.util.function.IntFunction<Pose> path) {
        for (int j = 0; j < count; j++) {
            pose = path.apply(j);
            emit(pose);
        }
        return this;
    }

    /** Moves smoothly (half cosine) to a pose over a duration; the last sample is the target. */
    public RecordingGenerator move(Duration d, Pose target) {
        int k = count(d);
        Pose from = pose;
        for (int j = 1; j <= k; j++) {
            double u = (1 - Math.cos(Math.PI * j / k)) / 2;
            emit(from.lerp(target, u));
        }
        pose = target;
        return this;
    }

    /**
     * One repetition: from the current pose to {@code current + peak} and back, a raised
     * cosine over the duration (sample {@code j} of {@code k} at phase {@code j / k}), so the
     * peak is reached exactly when {@code k} is even.
     */
    public RecordingGenerator rep(Duration d, Pose peak) {
        int k = count(d);
        Pose base = pose;
        for (int j = 0; j < k; j++) {
            double u = (1 - Math.cos(2 * Math.PI * j / k)) / 2;
            emit(base.plus(scale(peak, u)));
        }
        return this;
    }

    /** {@code count} reps, each followed by {@code pause} at the starting pose. */
    public RecordingGenerator reps(int count, Duration each, Pose peak, Duration pause) {
        for (int i = 0; i < count; i++) {
            rep(each, peak);
            hold(pause);
        }
        return this;
    }

    /** The current pose plus {@code delta} for a duration, then back (a step there and back). */
    public RecordingGenerator spike(Duration d, Pose delta) {
        Pose base = pose;
        int k = count(d);
        for (int j = 0; j < k; j++) {
            emit(base.plus(delta));
        }
        return this;
    }

    /**
     * The seeds' neutral-spine procedure as activity {@code calibration}: rock the pelvis
     * forward (arch) and back (flatten) around neutral, amplitude in degrees of hip hinge,
     * 4 s per cycle; lumbar flexion moves opposite to the pelvis (trunk kept upright).
     */
    public RecordingGenerator calibrate(Duration d, double amplitudeDeg) {
        activity("calibration");
        int k = count(d);
        Pose base = pose;
        for (int j = 0; j < k; j++) {
            double s = amplitudeDeg * Math.sin(2 * Math.PI * j / (4.0 * rateHz));
            emit(base.plus(new Pose(-s, 0, 0, s)));
        }
        return this;
    }

    /** No samples for a duration (the next sample comes one period after it); new batch after. */
    public RecordingGenerator gap(Duration d) {
        ensureStarted();
        nextUs += d.toNanos() / 1000L;
        breakBefore = true;
        return this;
    }

    /** The next sample's pelvisAcc is {@code g} (one-sample impact). */
    public RecordingGenerator impact(double g) {
        oneShotAcc = g;
        return this;
    }

    /** From the next sample on, a one-sample impact of {@code g} every {@code interval}. */
    public RecordingGenerator impacts(Duration interval, double g) {
        ensureStarted();
        impactEveryUs = interval.toNanos() / 1000L;
        impactG = g;
        nextImpactUs = nextUs;
        return this;
    }

    public RecordingGenerator noImpacts() {
        impactEveryUs = 0;
        return this;
    }

    /** Breathing on the strain band: 0.5 ± amplitude, sine of that period (the default is on, 0.05, 4 s). */
    public RecordingGenerator breathing(double amplitude, Duration period) {
        breathAmplitude = amplitude;
        breathPeriodUs = period.toNanos() / 1000L;
        holdingBreath = false;
        return this;
    }

    /** Strain frozen at its current value until {@link #breathe()}. */
    public RecordingGenerator holdBreath() {
        ensureStarted();
        heldStrain = breathingStrain(nextUs - periodUs());
        holdingBreath = true;
        return this;
    }

    /** Strain frozen at that value until {@link #breathe()}. */
    public RecordingGenerator holdBreathAt(double strain) {
        heldStrain = strain;
        holdingBreath = true;
        return this;
    }

    public RecordingGenerator breathe() {
        holdingBreath = false;
        return this;
    }

    // =====================================================================================
    // Where we are
    // =====================================================================================

    /** Instant of the next sample to be generated. */
    public Instant now() {
        ensureStarted();
        return BeltAnalyzer.instant(nextUs);
    }

    /** Instant of sample {@code k} (0-based, over the whole recording). */
    public Instant timeOf(int k) {
        return BeltAnalyzer.instant(times[k]);
    }

    /** Samples generated so far. */
    public int sampleCount() {
        return n;
    }

    public Duration period() {
        return Duration.ofNanos(1_000_000_000L / rateHz);
    }

    public String beltId() {
        return beltId;
    }

    // =====================================================================================
    // Output
    // =====================================================================================

    /** The recording as batches, in order, with increasing seq. */
    public List<TelemetryBatch> batches() {
        List<TelemetryBatch> out = new ArrayList<>();
        long seq = firstSeq;
        for (int r = 0; r < runs.size(); r++) {
            Run run = runs.get(r);
            int end = r + 1 < runs.size() ? runs.get(r + 1).first() : n;
            for (int a = run.first(); a < end; a += batchSize) {
                int b = Math.min(end, a + batchSize);
                long t = times[a];
                if (t % 1000 != 0) {
                    throw new IllegalStateException("batch would start at a fraction of a millisecond ("
                            + t + " µs): choose a batch size whose duration is whole milliseconds");
                }
                Channels.Builder c = Channels.newBuilder();
                for (int i = a; i < b; i++) {
                    c.addTrunkPitch(ch[0][i]).addTrunkRoll(ch[1][i]).addTrunkYaw(ch[2][i])
                            .addPelvisPitch(ch[3][i]).addPelvisRoll(ch[4][i]).addPelvisYaw(ch[5][i]);
                    if (withAcc) {
                        c.addPelvisAcc(ch[6][i]);
                    }
                    if (withStrain) {
                        c.addStrain(ch[7][i]);
                    }
                }
                TelemetryBatch.Builder batch = TelemetryBatch.newBuilder().setBeltId(beltId).setSeq(seq++)
                        .setStartedAtMs(t / 1000).setRateHz(rateHz).setFirmware("sim-1").setChannels(c);
                if (!run.activity().equals("unknown")) {
                    batch.setActivity(run.activity());
                }
                out.add(batch.build());
            }
        }
        return out;
    }

    /** The recording as an {@code .ndjson} text (telemetry.md JSON, one batch per line). */
    public String ndjson() {
        StringBuilder sb = new StringBuilder();
        for (TelemetryBatch b : batches()) {
            sb.append(TelemetryJson.toJson(b)).append('\n');
        }
        return sb.toString();
    }

    // =====================================================================================
    // Internals
    // =====================================================================================

    private int count(Duration d) {
        return (int) Math.round(d.toNanos() / 1e9 * rateHz);
    }

    private long periodUs() {
        return 1_000_000L / rateHz;
    }

    private static Pose scale(Pose p, double u) {
        return new Pose(p.flexion() * u, p.sideBend() * u, p.rotation() * u, p.hipHinge() * u);
    }

    private void requireNoSamples() {
        if (nextUs != Long.MIN_VALUE) {
            throw new IllegalStateException("configure the belt before the first sample");
        }
    }

    private void ensureStarted() {
        if (nextUs == Long.MIN_VALUE) {
            nextUs = startUs;
            random = new Random(seed);
        }
    }

    private double breathingStrain(long t) {
        return 0.5 + breathAmplitude * Math.sin(2 * Math.PI * (double) (t - startUs) / breathPeriodUs);
    }

    private double gauss(double sigma) {
        return sigma == 0 ? 0 : random.nextGaussian() * sigma;
    }

    private void emit(Pose p) {
        ensureStarted();
        if (breakBefore) {
            runs.add(new Run(n, nextUs, activity));
            breakBefore = false;
        }
        if (n == times.length) {
            times = Arrays.copyOf(times, n * 2);
            for (int c = 0; c < 8; c++) {
                ch[c] = Arrays.copyOf(ch[c], n * 2);
            }
        }
        long t = nextUs;
        Pose raw = p.plus(rawNeutral);
        double pelvisPitch = raw.hipHinge() + gauss(noiseDeg);
        double pelvisRoll = gauss(noiseDeg);
        double pelvisYaw = yawBase + gauss(noiseDeg);
        ch[0][n] = (float) (raw.hipHinge() + raw.flexion() + gauss(noiseDeg));
        ch[1][n] = (float) (raw.sideBend() + gauss(noiseDeg));
        ch[2][n] = (float) (yawBase + raw.rotation() + gauss(noiseDeg));
        ch[3][n] = (float) pelvisPitch;
        ch[4][n] = (float) pelvisRoll;
        ch[5][n] = (float) pelvisYaw;
        double acc = 1.0 + gauss(accNoiseG);
        if (!Double.isNaN(oneShotAcc)) {
            acc = oneShotAcc;
            oneShotAcc = Double.NaN;
        } else if (impactEveryUs > 0 && t >= nextImpactUs) {
            acc = impactG;
            nextImpactUs += impactEveryUs;
        }
        ch[6][n] = (float) Math.max(0, acc);
        double strain = holdingBreath ? heldStrain : breathingStrain(t);
        ch[7][n] = (float) Math.min(1, Math.max(0, strain + gauss(strainNoise)));
        times[n] = t;
        n++;
        nextUs = t + periodUs();
    }
}
