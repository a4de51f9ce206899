package io.spinestream.analysis.core;

/**
 * A running median of the last {@code size = 2k + 1} values, answering exactly the questions
 * the rep counter asks, in O(1) per value and without allocation.
 *
 * <p>Why a median and not a moving average (docs/form-analysis.md "Smoothing"): a median of
 * {@code 2k + 1} values is unaffected by any excursion of at most {@code k} samples, whatever
 * its amplitude, and passes slow movements and steps unchanged after a lag of {@code k}
 * samples; an average of the same window would turn a tall 100 ms spike into a smaller but
 * still arbitrarily tall bump.
 *
 * <p>How it stays O(1): "the median is above T" is the same as "at least {@code k + 1} values
 * of the window are above T". The window keeps, for three thresholds (the rep counter's
 * rest, rest + 5°, rest + 15°), how many of its values are beyond each, updating the counts
 * as one value enters and one leaves. The median's value itself is only needed when it sets
 * a new rest (a new lowest value), which is rare; then it is selected from the window.
 */
final class RunningMedian {

    private final float[] ring;
    private final float[] scratch;
    private final int k;
    private int count;
    private int pos;

    private double low = Double.POSITIVE_INFINITY;
    private double mid = Double.POSITIVE_INFINITY;
    private double high = Double.POSITIVE_INFINITY;
    private int belowLow;
    private int aboveMid;
    private int aboveHigh;

    RunningMedian(int size) {
        if (size < 1 || (size & 1) == 0) {
            throw new IllegalArgumentException("size must be odd and >= 1, was " + size);
        }
        ring = new float[size];
        scratch = new float[size];
        k = size / 2;
    }

    /**
     * Window for a sample rate: {@code 2k + 1} samples with {@code k = ceil(0.1 s × rate)},
     * i.e. about 200 ms, rejecting every excursion of up to 100 ms.
     */
    static int windowFor(int rateHz) {
        int kk = (rateHz + 9) / 10;
        return 2 * kk + 1;
    }

    int size() {
        return ring.length;
    }

    /** Samples the median lags behind the newest value ({@code k}). */
    int lag() {
        return k;
    }

    /** Adds a value (finite); returns whether the window is full (the median is defined). */
    boolean push(float value) {
        float v = value + 0.0f; // −0.0 → 0.0: one representation per value
        int n = ring.length;
        if (count == n) {
            float old = ring[pos];
            if (old < low) {
                belowLow--;
            }
            if (old > mid) {
                aboveMid--;
            }
            if (old > high) {
                aboveHigh--;
            }
        } else {
            count++;
        }
        if (v < low) {
            belowLow++;
        }
        if (v > mid) {
            aboveMid++;
        }
        if (v > high) {
            aboveHigh++;
        }
        ring[pos] = v;
        pos = pos + 1 == n ? 0 : pos + 1;
        return count == n;
    }

    boolean full() {
        return count == ring.length;
    }

    /** Sets the three thresholds and recounts the window (O(size); when the rest changes). */
    void thresholds(double low, double mid, double high) {
        this.low = low;
        this.mid = mid;
        this.high = high;
        belowLow = 0;
        aboveMid = 0;
        aboveHigh = 0;
        for (int i = 0; i < count; i++) {
            float v = ring[i];
            if (v < low) {
                belowLow++;
            }
            if (v > mid) {
                aboveMid++;
            }
            if (v > high) {
                aboveHigh++;
            }
        }
    }

    /** Median of the full window &lt; low threshold. */
    boolean belowLow() {
        return belowLow > k;
    }

    /** Median of the full window &gt; middle threshold. */
    boolean aboveMid() {
        return aboveMid > k;
    }

    /** Median of the full window &gt; high threshold. */
    boolean aboveHigh() {
        return aboveHigh > k;
    }

    /** The median of the full window, by selection (O(size)). */
    float median() {
        int n = ring.length;
        System.arraycopy(ring, 0, scratch, 0, n);
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            float pivot = scratch[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (scratch[i] < pivot) {
                    i++;
                }
                while (scratch[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = scratch[i];
                    scratch[i] = scratch[j];
                    scratch[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                break;
            }
        }
        return scratch[k];
    }

    /** The window, oldest first (thresholds are the caller's, set again after reading). */
    void write(StateWriter w) {
        w.uvar(ring.length);
        w.uvar(count);
        int start = count == ring.length ? pos : 0;
        for (int i = 0; i < count; i++) {
            w.f32(ring[(start + i) % ring.length]);
        }
    }

    static RunningMedian read(StateReader r) {
        int size = r.uint(4001);
        int count = r.uint(size);
        RunningMedian m = new RunningMedian(size);
        for (int i = 0; i < count; i++) {
            m.push(r.f32());
        }
        return m;
    }
}
