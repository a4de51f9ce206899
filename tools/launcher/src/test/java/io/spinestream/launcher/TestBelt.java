package io.spinestream.launcher;

import io.spinestream.events.telemetry.TelemetryJson;
import io.spinestream.events.telemetry.proto.Channels;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small scripted belt for the {@code analyze} tests: the wearer's poses, in lumbar angles
 * from a zero neutral, become the six pod channels of telemetry.md (pelvisPitch = hip hinge,
 * trunkPitch = hip hinge + flexion, trunkRoll = side-bend, trunkYaw − pelvisYaw = rotation,
 * pelvisAcc 1 g). Samples are noise-free, so thresholds are exact. Batches hold up to
 * {@link #batchSize} samples of one activity, never span a pause, and take consecutive seqs.
 */
final class TestBelt {

    /** Lumbar angles from neutral, degrees: flexion (+ rounding), side-bend, rotation, hip hinge. */
    record Pose(double flexion, double sideBend, double rotation, double hipHinge) {

        static final Pose NEUTRAL = new Pose(0, 0, 0, 0);

        /** The bottom of a deadlift: hinged 60°, the lower back flexed {@code flexion}°. */
        static Pose hingedWithFlexion(double flexion) {
            return new Pose(flexion, 0, 0, 60);
        }
    }

    private record Sample(String activity, long timeMs, Pose pose) {
    }

    private static final double YAW_BASE = 30;

    private final String beltId;
    private final int rateHz;
    private int batchSize = 25;
    private long firstSeq = 1;
    private String activity = "standing";
    private long nextMs;
    private Pose pose = Pose.NEUTRAL;
    private final List<Sample> samples = new ArrayList<>();
    private final List<Integer> breaks = new ArrayList<>();

    private TestBelt(String beltId, Instant start, int rateHz) {
        if (1000 % rateHz != 0) {
            throw new IllegalArgumentException("the rate must divide 1000 (millisecond-exact times)");
        }
        this.beltId = beltId;
        this.rateHz = rateHz;
        this.nextMs = start.toEpochMilli();
    }

    static TestBelt belt(String beltId, Instant start) {
        return new TestBelt(beltId, start, 50);
    }

    TestBelt batchSize(int size) {
        this.batchSize = size;
        return this;
    }

    TestBelt firstSeq(long seq) {
        this.firstSeq = seq;
        return this;
    }

    TestBelt activity(String code) {
        this.activity = code;
        return this;
    }

    /** Stays at {@code p} (jumping there) for {@code d}. */
    TestBelt hold(Duration d, Pose p) {
        this.pose = p;
        for (long i = 0, n = count(d); i < n; i++) {
            add(p);
        }
        return this;
    }

    /** Moves linearly from the current pose to {@code to} over {@code d}. */
    TestBelt move(Duration d, Pose to) {
        Pose from = pose;
        long n = count(d);
        for (long i = 1; i <= n; i++) {
            double u = (double) i / n;
            add(new Pose(from.flexion + (to.flexion - from.flexion) * u, from.sideBend + (to.sideBend - from.sideBend) * u,
                    from.rotation + (to.rotation - from.rotation) * u, from.hipHinge + (to.hipHinge - from.hipHinge) * u));
        }
        this.pose = to;
        return this;
    }

    /** One deadlift: down to {@code bottom} in 0.8 s, 0.3 s there, up in 0.8 s, 0.4 s standing. */
    TestBelt rep(Pose bottom) {
        return move(Duration.ofMillis(800), bottom).hold(Duration.ofMillis(300), bottom)
                .move(Duration.ofMillis(800), Pose.NEUTRAL).hold(Duration.ofMillis(400), Pose.NEUTRAL);
    }

    /** No data for {@code d} (the belt was off or out of range). */
    TestBelt pause(Duration d) {
        nextMs += d.toMillis();
        breaks.add(samples.size());
        return this;
    }

    List<TelemetryBatch> batches() {
        List<TelemetryBatch> out = new ArrayList<>();
        long seq = firstSeq;
        int i = 0;
        while (i < samples.size()) {
            Sample first = samples.get(i);
            int end = i + 1;
            while (end < samples.size() && end - i < batchSize && samples.get(end).activity.equals(first.activity)
                    && !breaks.contains(end)) {
                end++;
            }
            Channels.Builder c = Channels.newBuilder();
            for (int k = i; k < end; k++) {
                Pose p = samples.get(k).pose;
                c.addTrunkPitch((float) (p.hipHinge + p.flexion)).addTrunkRoll((float) p.sideBend)
                        .addTrunkYaw((float) (YAW_BASE + p.rotation)).addPelvisPitch((float) p.hipHinge)
                        .addPelvisRoll(0f).addPelvisYaw((float) YAW_BASE).addPelvisAcc(1f);
            }
            out.add(TelemetryBatch.newBuilder().setBeltId(beltId).setSeq(seq++).setStartedAtMs(first.timeMs)
                    .setRateHz(rateHz).setActivity(first.activity).setFirmware("2.3.1").setChannels(c).build());
            i = end;
        }
        return out;
    }

    /** Batches as NDJSON lines (no line breaks). */
    static List<String> lines(List<TelemetryBatch> batches) {
        return batches.stream().map(TelemetryJson::toJson).toList();
    }

    static Path write(Path file, List<String> lines) throws IOException {
        Files.write(file, lines);
        return file;
    }

    /** Merges recordings of several belts by start time (stable: ties keep the argument order). */
    @SafeVarargs
    static List<TelemetryBatch> interleaved(List<TelemetryBatch>... belts) {
        List<TelemetryBatch> all = new ArrayList<>();
        for (List<TelemetryBatch> b : belts) {
            all.addAll(b);
        }
        all.sort((x, y) -> Long.compare(x.getStartedAtMs(), y.getStartedAtMs()));
        return all;
    }

    private long count(Duration d) {
        return d.toMillis() * rateHz / 1000;
    }

    private void add(Pose p) {
        samples.add(new Sample(activity, nextMs, p));
        nextMs += 1000 / rateHz;
    }
}
