package io.spinestream.analysis.session;

import io.spinestream.analysis.core.AngleMath;
import io.spinestream.analysis.core.Neutral;
import io.spinestream.events.telemetry.proto.Channels;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

import java.util.ArrayList;
import java.util.List;

/**
 * Trace points of one batch, or of a whole session: lumbar angles from the wearer's neutral, in
 * degrees (0.01° resolution), at epoch milliseconds. Points are picked per time bucket of a fixed
 * length (aligned to the epoch, so batch boundaries do not move them): the sample with the largest
 * |flexion| in the bucket, all four angles of that sample.
 */
public record TraceChunk(List<Long> at, List<Double> flexion, List<Double> sideBend, List<Double> rotation,
                         List<Double> hipHinge) {

    public int size() {
        return at.size();
    }

    /** The batch's points, with angles from {@code neutral}, one per bucket of {@code bucketMs}. */
    static TraceChunk of(TelemetryBatch batch, Neutral neutral, long bucketMs) {
        Channels c = batch.getChannels();
        int n = c.getTrunkPitchCount();
        Builder out = new Builder(n);
        double periodMs = 1000.0 / batch.getRateHz();
        long bucket = Long.MIN_VALUE;
        int best = -1;
        double bestFlexion = -1;
        for (int i = 0; i < n; i++) {
            long t = batch.getStartedAtMs() + (long) Math.floor(i * periodMs);
            long b = Math.floorDiv(t, bucketMs);
            if (b != bucket) {
                if (best >= 0) {
                    out.add(batch, c, best, periodMs, neutral);
                }
                bucket = b;
                best = -1;
            }
            double flexion = Math.abs(AngleMath.flexion(c.getTrunkPitch(i), c.getPelvisPitch(i)) - neutral.flexionDeg());
            if (best < 0 || flexion > bestFlexion) {
                best = i;
                bestFlexion = flexion;
            }
        }
        if (best >= 0) {
            out.add(batch, c, best, periodMs, neutral);
        }
        return out.build();
    }

    /** These points thinned to at most {@code max}: per group of consecutive points, the largest |flexion|. */
    TraceChunk thinnedTo(int max) {
        if (size() <= max) {
            return this;
        }
        int stride = (size() + max - 1) / max;
        Builder out = new Builder(max);
        for (int start = 0; start < size(); start += stride) {
            int best = start;
            for (int i = start + 1; i < Math.min(size(), start + stride); i++) {
                if (Math.abs(flexion.get(i)) > Math.abs(flexion.get(best))) {
                    best = i;
                }
            }
            out.add(at.get(best), flexion.get(best), sideBend.get(best), rotation.get(best), hipHinge.get(best));
        }
        return out.build();
    }

    static final class Builder {
        private final List<Long> at;
        private final List<Double> flexion;
        private final List<Double> sideBend;
        private final List<Double> rotation;
        private final List<Double> hipHinge;

        Builder(int capacity) {
            at = new ArrayList<>(capacity);
            flexion = new ArrayList<>(capacity);
            sideBend = new ArrayList<>(capacity);
            rotation = new ArrayList<>(capacity);
            hipHinge = new ArrayList<>(capacity);
        }

        void add(long atMs, double f, double s, double r, double h) {
            at.add(atMs);
            flexion.add(f);
            sideBend.add(s);
            rotation.add(r);
            hipHinge.add(h);
        }

        void addAll(TraceChunk chunk) {
            at.addAll(chunk.at());
            flexion.addAll(chunk.flexion());
            sideBend.addAll(chunk.sideBend());
            rotation.addAll(chunk.rotation());
            hipHinge.addAll(chunk.hipHinge());
        }

        private void add(TelemetryBatch batch, Channels c, int i, double periodMs, Neutral n) {
            add(batch.getStartedAtMs() + (long) Math.floor(i * periodMs),
                    round(AngleMath.flexion(c.getTrunkPitch(i), c.getPelvisPitch(i)) - n.flexionDeg()),
                    round(AngleMath.sideBend(c.getTrunkRoll(i), c.getPelvisRoll(i)) - n.sideBendDeg()),
                    round(AngleMath.wrap180(AngleMath.rotation(c.getTrunkYaw(i), c.getPelvisYaw(i)) - n.rotationDeg())),
                    round((double) c.getPelvisPitch(i) - n.hipHingeDeg()));
        }

        TraceChunk build() {
            return new TraceChunk(List.copyOf(at), List.copyOf(flexion), List.copyOf(sideBend), List.copyOf(rotation),
                    List.copyOf(hipHinge));
        }
    }

    private static double round(double deg) {
        return Math.round(deg * 100) / 100.0;
    }
}
