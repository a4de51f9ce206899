package io.spinestream.analysis.core;

/**
 * Histogram of the four raw derived lumbar angles, for the calibration percentiles and the
 * standing median, in bounded memory whatever the sample rate or duration.
 *
 * <p>Bins are {@value #BIN_DEG}° wide, {@value #BINS} per angle, the middle one centred on
 * the angle's first sample (range ±{@value #HALF_RANGE_DEG}°); a value beyond that range
 * counts in the end bin. Centring matters: a constant signal (standing still) then has its
 * median exactly at its value rather than half a bin off. Rotation is taken relative to its first sample modulo 360°, so a neutral near ±180°
 * works. Percentiles use the linear interpolation between order statistics of Hyndman &amp;
 * Fan's definition 7 ({@code rank = p × (n − 1)}, the default of R and NumPy), where the
 * {@code j}-th of the {@code c} values in a bin is placed at {@code low + (j + 0.5) / c × width}
 * (values spread evenly inside their bin): the error against the exact sample percentile is
 * below half a bin (0.125°). Independent of the order of samples, so of the batch size.
 */
final class AngleHistogram {

    static final double BIN_DEG = 0.25;
    static final int BINS = 512;
    static final double HALF_RANGE_DEG = BIN_DEG * BINS / 2;

    static final int FLEXION = 0;
    static final int SIDE_BEND = 1;
    static final int ROTATION = 2;
    static final int HIP_HINGE = 3;

    private final double[] center = new double[4];
    private final int[] counts = new int[4 * BINS];
    private long samples;

    long samples() {
        return samples;
    }

    void add(double flexion, double sideBend, double rotation, double hipHinge) {
        if (samples == 0) {
            center[FLEXION] = (float) flexion;
            center[SIDE_BEND] = (float) sideBend;
            center[ROTATION] = (float) rotation;
            center[HIP_HINGE] = (float) hipHinge;
        }
        counts[FLEXION * BINS + bin(flexion - center[FLEXION])]++;
        counts[SIDE_BEND * BINS + bin(sideBend - center[SIDE_BEND])]++;
        counts[ROTATION * BINS + bin(AngleMath.wrap180(rotation - center[ROTATION]))]++;
        counts[HIP_HINGE * BINS + bin(hipHinge - center[HIP_HINGE])]++;
        samples++;
    }

    private static int bin(double offset) {
        double b = Math.floor(offset / BIN_DEG + 0.5) + BINS / 2;
        if (b < 0) {
            return 0;
        }
        return b >= BINS ? BINS - 1 : (int) b;
    }

    /** The {@code p}-th percentile (0–100) of an angle; rotation wrapped to (−180, 180]. */
    double percentile(int angle, double p) {
        if (samples == 0) {
            throw new IllegalStateException("no samples");
        }
        double rank = p / 100.0 * (samples - 1);
        long lo = (long) Math.floor(rank);
        double frac = rank - lo;
        double x = orderStatistic(angle, lo);
        if (frac > 0 && lo + 1 < samples) {
            x += frac * (orderStatistic(angle, lo + 1) - x);
        }
        double value = center[angle] + x;
        return angle == ROTATION ? AngleMath.wrap180(value) : value;
    }

    /** Midpoint between the 5th and the 95th percentile. */
    double percentileMidpoint(int angle) {
        if (angle == ROTATION) {
            // both percentiles relative to the centre, so the midpoint never straddles ±180
            double p5 = AngleMath.wrap180(percentile(angle, 5) - center[angle]);
            double p95 = AngleMath.wrap180(percentile(angle, 95) - center[angle]);
            return AngleMath.wrap180(center[angle] + (p5 + p95) / 2);
        }
        return (percentile(angle, 5) + percentile(angle, 95)) / 2;
    }

    /** Offset from the centre of the {@code k}-th smallest value (0-based). */
    private double orderStatistic(int angle, long k) {
        int base = angle * BINS;
        long before = 0;
        for (int b = 0; b < BINS; b++) {
            int c = counts[base + b];
            if (k < before + c) {
                double low = (b - BINS / 2 - 0.5) * BIN_DEG;
                return low + (k - before + 0.5) / c * BIN_DEG;
            }
            before += c;
        }
        throw new IllegalStateException("rank beyond the samples");
    }

    void write(StateWriter w) {
        w.uvar(samples);
        if (samples == 0) {
            return;
        }
        for (int a = 0; a < 4; a++) {
            w.f32((float) center[a]);
            int base = a * BINS;
            int nonZero = 0;
            for (int b = 0; b < BINS; b++) {
                if (counts[base + b] != 0) {
                    nonZero++;
                }
            }
            w.uvar(nonZero);
            int last = -1;
            for (int b = 0; b < BINS; b++) {
                int c = counts[base + b];
                if (c != 0) {
                    w.uvar(b - last - 1);
                    w.uvar(c);
                    last = b;
                }
            }
        }
    }

    static AngleHistogram read(StateReader r) {
        AngleHistogram h = new AngleHistogram();
        h.samples = r.uvar();
        if (h.samples == 0) {
            return h;
        }
        for (int a = 0; a < 4; a++) {
            h.center[a] = r.f32();
            int nonZero = r.uint(BINS);
            int b = -1;
            for (int i = 0; i < nonZero; i++) {
                b += r.uint(BINS) + 1;
                if (b >= BINS) {
                    throw new IllegalArgumentException("histogram bin out of range");
                }
                h.counts[a * BINS + b] = r.uint(Integer.MAX_VALUE);
            }
        }
        return h;
    }
}
