package io.spinestream.simulator.motion;

/**
 * One angle (or other smooth signal) over time: keyframes joined by a cosine ease, so the value
 * moves monotonically, and without a jerk, from each keyframe to the next. Read with
 * non-decreasing times ({@link #at}); frames that can no longer be read are dropped, so a belt
 * that runs for hours keeps only the frames of the next few seconds.
 */
final class Track {

    private long[] times = new long[16];
    private double[] values = new double[16];
    private int head;
    private int size;

    Track(double initial) {
        add(0, initial);
    }

    /** Appends a keyframe. A time equal to the last one makes a step. */
    void add(long timeUs, double value) {
        if (size > 0 && timeUs < lastTime()) {
            throw new IllegalArgumentException("keyframe at " + timeUs + " µs before the last one at " + lastTime());
        }
        if (head + size == times.length) {
            compact();
        }
        times[head + size] = timeUs;
        values[head + size] = value;
        size++;
    }

    /** Holds the last value until {@code timeUs}. */
    void hold(long timeUs) {
        if (timeUs > lastTime()) {
            add(timeUs, lastValue());
        }
    }

    /** Moves to {@code value}, arriving at {@code timeUs}. */
    void to(long timeUs, double value) {
        add(timeUs, value);
    }

    long lastTime() {
        return times[head + size - 1];
    }

    double lastValue() {
        return values[head + size - 1];
    }

    /** The value at {@code timeUs}; times must not decrease from one call to the next. */
    double at(long timeUs) {
        while (size > 1 && times[head + 1] <= timeUs) {
            // the frame before head+1 can no longer be needed
            head++;
            size--;
        }
        long t0 = times[head];
        double v0 = values[head];
        if (size == 1 || timeUs <= t0) {
            return v0;
        }
        long t1 = times[head + 1];
        double v1 = values[head + 1];
        double u = (double) (timeUs - t0) / (t1 - t0);
        return v0 + (v1 - v0) * ease(u);
    }

    static double ease(double u) {
        return (1 - Math.cos(Math.PI * u)) / 2;
    }

    /** The fraction of an eased move from {@code from} to {@code to} at which it passes {@code level}. */
    static double crossing(double from, double to, double level) {
        double p = (level - from) / (to - from);
        if (p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return 1;
        }
        return Math.acos(1 - 2 * p) / Math.PI;
    }

    private void compact() {
        if (head > times.length / 2) {
            System.arraycopy(times, head, times, 0, size);
            System.arraycopy(values, head, values, 0, size);
        } else {
            long[] t = new long[times.length * 2];
            double[] v = new double[values.length * 2];
            System.arraycopy(times, head, t, 0, size);
            System.arraycopy(values, head, v, 0, size);
            times = t;
            values = v;
        }
        head = 0;
    }
}
