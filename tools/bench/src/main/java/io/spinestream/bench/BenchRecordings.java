package io.spinestream.bench;

import io.spinestream.analysis.core.BatchContext;
import io.spinestream.analysis.core.Neutral;
import io.spinestream.events.payload.Limits;
import io.spinestream.events.telemetry.proto.Channels;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The benchmark's recordings: what a belt sends during representative workloads, built here
 * (the form-analysis {@code RecordingGenerator} lives in test sources). Each workload is a
 * closed-form function of time giving the wearer's lumbar angles <em>from neutral</em>,
 * pelvis acceleration and abdominal strain; {@link #recording} turns it into the six pod
 * channels of telemetry.md (adding the wearer's raw neutral, an unwrapped heading and
 * Gaussian sensor noise) and cuts it into batches. Every recording has exactly
 * {@link #SAMPLES} samples, so one benchmark operation is one pass over a fresh belt, and
 * everything is deterministic (fixed seeds).
 */
public final class BenchRecordings {

    /** Samples per recording (40 min at 50 Hz, 5 min at 400 Hz); divisible by 50 and 2000. */
    public static final int SAMPLES = 120_000;

    public static final String BELT_ID = "SB-BENCH-000001";
    public static final String CLINIC_ID = "clinic-bench";
    public static final String WEARER_ID = "w-bench-1";
    public static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    // the wearer's raw neutral (what a calibration found), degrees
    static final double NEUTRAL_FLEXION = 9.0;
    static final double NEUTRAL_SIDE_BEND = 0.5;
    static final double NEUTRAL_ROTATION = -2.0;
    static final double NEUTRAL_HIP_HINGE = 6.0;
    static final double YAW_BASE = 3600.0;

    /** A representative workload. */
    public enum Workload {
        /**
         * Deadlift sets at 50 Hz: 8 reps of 2.4 s (hinge to 60°), 40 s standing rest between
         * sets (same activity); in each set rep 6 is rounded (26° flexion), rep 8 twisted (18°)
         * or side-bent (18°), the breath is held over reps 2–6 (≈ 10 s); pelvisAcc and strain.
         * Raises ROUNDED_BACK, TWIST_UNDER_LOAD, SIDE_BEND_UNDER_LOAD, BREATH_HOLD and, past
         * 150 reps in the hour, OVERUSE.
         */
        DEADLIFT_50HZ("deadlift-50hz", "deadlift, reps + faults", "deadlift", 50),
        /** The same at 400 Hz (the largest rate, so the largest median window). */
        DEADLIFT_400HZ("deadlift-400hz", "deadlift, reps + faults", "deadlift", 400),
        /**
         * Walking at 50 Hz (1.8 steps/s, heel strikes of 1.5 g, a slowly turning heading), with
         * 90 s of jump landings (3.6 g every 0.6 s, one of 6.5 g) every 5 minutes: HIGH_IMPACT.
         */
        WALKING("walking", "walking + impacts", "walking", 50),
        /**
         * Sitting at 50 Hz, in 12-minute cycles: upright, slowly slumping to 24° of flexion,
         * slumped 6 minutes (SLUMPED_SITTING), sitting up; breathing; small fidgets.
         */
        SITTING("sitting", "sitting", "sitting", 50);

        private final String id;
        private final String label;
        private final String activity;
        private final int rateHz;

        Workload(String id, String label, String activity, int rateHz) {
            this.id = id;
            this.label = label;
            this.activity = activity;
            this.rateHz = rateHz;
        }

        /** The JMH parameter value, e.g. {@code deadlift-50hz}. */
        public String id() {
            return id;
        }

        /** For tables, e.g. {@code deadlift, reps + faults}. */
        public String label() {
            return label;
        }

        public String activity() {
            return activity;
        }

        public int rateHz() {
            return rateHz;
        }

        public static Workload byId(String id) {
            for (Workload w : values()) {
                if (w.id.equals(id)) {
                    return w;
                }
            }
            throw new IllegalArgumentException("unknown workload '" + id + "'; one of "
                    + Arrays.stream(values()).map(Workload::id).toList());
        }
    }

    /** A wearer's movement: fills {@code s} with the sample at {@code t} seconds from the start. */
    @FunctionalInterface
    public interface Script {
        void at(double t, Sample s);
    }

    /** One sample from neutral: lumbar angles (degrees), heading, pelvisAcc (g), strain (0–1). */
    public static final class Sample {
        public double flexion;
        public double sideBend;
        public double rotation;
        public double hipHinge;
        public double heading;
        public double acc;
        public double strain;
    }

    private BenchRecordings() {
    }

    /**
     * The context of the recordings' batches, as the live processor would build it: a clinic,
     * a wearer with default limits and the stored calibration matching the raw neutral.
     */
    public static BatchContext context() {
        Neutral calibrated = new Neutral((float) NEUTRAL_FLEXION, (float) NEUTRAL_SIDE_BEND, (float) NEUTRAL_ROTATION,
                (float) NEUTRAL_HIP_HINGE, Neutral.Source.CALIBRATION, START.minusSeconds(60));
        return new BatchContext(CLINIC_ID, WEARER_ID, List.of(), Limits.none(), calibrated);
    }

    /** {@link #SAMPLES} samples of the workload in batches of {@code batchSize} (1–2000), seq from 0. */
    public static List<TelemetryBatch> recording(Workload workload, int batchSize) {
        return recording(workload, batchSize, SAMPLES, BELT_ID, START, 0);
    }

    /**
     * {@code samples} samples of the workload from {@code start}, in batches of
     * {@code batchSize}, with consecutive seqs from {@code firstSeq}.
     */
    public static List<TelemetryBatch> recording(Workload workload, int batchSize, int samples, String beltId,
                                                 Instant start, long firstSeq) {
        Script script = switch (workload) {
            case DEADLIFT_50HZ, DEADLIFT_400HZ -> BenchRecordings::deadlift;
            case WALKING -> BenchRecordings::walking;
            case SITTING -> BenchRecordings::sitting;
        };
        return recording(script, workload.activity(), workload.rateHz(), workload == Workload.SITTING ? 0.3 : 0.5,
                batchSize, samples, beltId, start, firstSeq, workload.ordinal() * 7919L + 17);
    }

    /**
     * {@code samples} samples of {@code script} at {@code rate} Hz, with Gaussian noise of
     * {@code sigma}° on each pod angle, in batches of {@code batchSize} of one activity, with
     * consecutive seqs from {@code firstSeq}.
     */
    public static List<TelemetryBatch> recording(Script script, String activity, int rate, double sigma, int batchSize,
                                                 int samples, String beltId, Instant start, long firstSeq, long seed) {
        if (batchSize < 1 || batchSize > 2000) {
            throw new IllegalArgumentException("batch size must be 1-2000, was " + batchSize);
        }
        Random noise = new Random(seed);
        Sample s = new Sample();
        List<TelemetryBatch> out = new ArrayList<>(samples / batchSize + 1);
        long startMicros = start.toEpochMilli() * 1000L;
        long seq = firstSeq;
        for (int first = 0; first < samples; first += batchSize) {
            int n = Math.min(batchSize, samples - first);
            Channels.Builder c = Channels.newBuilder();
            for (int i = first; i < first + n; i++) {
                script.at((double) i / rate, s);
                double pelvisPitch = NEUTRAL_HIP_HINGE + s.hipHinge;
                double pelvisRoll = 0.4;
                double pelvisYaw = YAW_BASE + s.heading;
                c.addPelvisPitch(angle(pelvisPitch, noise, sigma))
                        .addPelvisRoll(angle(pelvisRoll, noise, sigma))
                        .addPelvisYaw(angle(pelvisYaw, noise, sigma))
                        .addTrunkPitch(angle(pelvisPitch + NEUTRAL_FLEXION + s.flexion, noise, sigma))
                        .addTrunkRoll(angle(pelvisRoll + NEUTRAL_SIDE_BEND + s.sideBend, noise, sigma))
                        .addTrunkYaw(angle(pelvisYaw + NEUTRAL_ROTATION + s.rotation, noise, sigma))
                        .addPelvisAcc((float) Math.max(0.0, s.acc + noise.nextGaussian() * 0.03))
                        .addStrain((float) clamp(s.strain + noise.nextGaussian() * 0.002, 0.0, 1.0));
            }
            long t0 = startMicros + (long) first * 1_000_000L / rate;
            out.add(TelemetryBatch.newBuilder().setBeltId(beltId).setSeq(seq++).setStartedAtMs(t0 / 1000L)
                    .setRateHz(rate).setActivity(activity).setFirmware("2.3.1").setBattery(0.8f)
                    .setChannels(c).build());
        }
        return out;
    }

    /**
     * Compacts the heap once a recording is built, before anything is timed: the builders leave
     * its arrays scattered, and whether a collection moves them together during the measurement
     * would otherwise depend on how much the measured code allocates (an analyzer that allocates
     * less was measured on the worse layout, up to 30 % slower passes on the 400 Hz recording).
     */
    public static void settle() {
        System.gc();
        System.gc();
    }

    /** Samples in a recording (sum over its batches). */
    public static long samples(List<TelemetryBatch> batches) {
        long n = 0;
        for (TelemetryBatch b : batches) {
            n += b.getChannels().getTrunkPitchCount();
        }
        return n;
    }

    // ---- workloads: angles from neutral as functions of time (seconds)

    static final double REP_SECONDS = 2.4;
    static final int REPS_PER_SET = 8;
    static final double REST_SECONDS = 40.0;
    static final double SET_SECONDS = REPS_PER_SET * REP_SECONDS + REST_SECONDS;

    /** Reps in the first {@code seconds} of the deadlift workload (whole reps only). */
    static int deadliftRepsIn(double seconds) {
        int sets = (int) (seconds / SET_SECONDS);
        double rest = seconds - sets * SET_SECONDS;
        return sets * REPS_PER_SET + (int) Math.min(REPS_PER_SET, Math.floor(rest / REP_SECONDS));
    }

    static void deadlift(double t, Sample s) {
        int set = (int) (t / SET_SECONDS);
        double u = t - set * SET_SECONDS;
        s.heading = 0;
        s.flexion = 0;
        s.sideBend = 0;
        s.rotation = 0;
        s.hipHinge = 0;
        s.acc = 1.0;
        s.strain = breathing(t, 4.0);
        if (u >= REPS_PER_SET * REP_SECONDS) {
            // resting between sets, standing in the same activity: a little sway
            s.hipHinge = 2 * Math.sin(2 * Math.PI * t / 7.0);
            s.flexion = 1.5 * Math.sin(2 * Math.PI * t / 5.0);
            return;
        }
        int rep = (int) (u / REP_SECONDS);
        double p = u - rep * REP_SECONDS;
        double shape = repShape(p);
        s.hipHinge = 60 * shape;
        s.flexion = (rep == 5 ? 26 : 6) * shape - 3 * lockout(p);
        if (rep == 7) {
            if (set % 2 == 0) {
                s.rotation = 18 * shape;
            } else {
                s.sideBend = 18 * shape;
            }
        }
        if (p >= 0.9 && p < 0.95) {
            s.acc = 1.25; // the bar leaving the floor
        }
        if (u >= REP_SECONDS && u < 6 * REP_SECONDS) {
            s.strain = 0.47; // bracing: breath held over reps 2-6 (12 s)
        }
    }

    /** 0 → 1 in 0.9 s (smooth), 0.3 s at the bottom, back in 0.9 s, 0.3 s at the top. */
    private static double repShape(double p) {
        if (p < 0.9) {
            return smooth(p / 0.9);
        }
        if (p < 1.2) {
            return 1;
        }
        if (p < 2.1) {
            return 1 - smooth((p - 1.2) / 0.9);
        }
        return 0;
    }

    /** A slight arch at lockout (the top of the rep). */
    private static double lockout(double p) {
        return p >= 2.1 ? 1 : 0;
    }

    static void walking(double t, Sample s) {
        double step = 2 * Math.PI * 1.8 * t;
        double stride = 2 * Math.PI * 0.9 * t;
        s.hipHinge = 4 + 3 * Math.sin(step);
        s.flexion = 2 * Math.sin(step + 0.5);
        s.rotation = 5 * Math.sin(stride);
        s.sideBend = 3 * Math.sin(stride + 1);
        s.heading = 20 * t; // turning slowly: the unwrapped yaws grow to tens of thousands of degrees
        s.strain = breathing(t, 3.0);
        s.acc = 1.0;
        double stepPhase = t % (1 / 1.8);
        if (stepPhase < 0.04) {
            s.acc = 1.5; // heel strike
        }
        double cycle = t % 300.0;
        if (cycle >= 200 && cycle < 290) {
            double landing = (cycle - 200) % 0.6;
            if (landing < 0.03) {
                s.acc = (cycle - 200) < 0.6 * 40 && (cycle - 200) >= 0.6 * 39 ? 6.5 : 3.6;
            }
        }
    }

    static void sitting(double t, Sample s) {
        double cycle = t % 720.0;
        double flexion;
        if (cycle < 120) {
            flexion = 8;
        } else if (cycle < 300) {
            flexion = 8 + 16 * smooth((cycle - 120) / 180);
        } else if (cycle < 660) {
            flexion = 24;
        } else {
            flexion = 5;
        }
        s.flexion = flexion + Math.sin(2 * Math.PI * t / 23.0);
        s.hipHinge = -10 + 0.5 * Math.sin(2 * Math.PI * t / 31.0);
        s.rotation = 2 * Math.sin(2 * Math.PI * t / 47.0);
        s.sideBend = Math.sin(2 * Math.PI * t / 59.0);
        s.heading = 0;
        s.acc = 1.0;
        s.strain = breathing(t, 4.0);
    }

    static double breathing(double t, double periodSeconds) {
        return 0.45 + 0.05 * Math.sin(2 * Math.PI * t / periodSeconds);
    }

    static double smooth(double u) {
        u = clamp(u, 0, 1);
        return u * u * (3 - 2 * u);
    }

    private static float angle(double value, Random noise, double sigma) {
        return (float) (value + noise.nextGaussian() * sigma);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** For messages: {@code deadlift-50hz (50 Hz, 120000 samples)}. */
    static String describe(Workload w) {
        return String.format(Locale.ROOT, "%s (%d Hz, %d samples)", w.id(), w.rateHz(), SAMPLES);
    }
}
