package io.spinestream.analysis.core;

/**
 * The times (µs) of the most recent events (impact peaks, loaded reps), to tell whether more
 * than {@code limit} fall within a sliding window. Keeps at most {@code limit + 1} times: the
 * count within the window, capped at {@code limit + 1}, is then exact for the only question
 * asked ("more than the limit?"), since the window is always a suffix of the events.
 */
final class TimeWindow {

    private long[] times;
    private int head;
    private int size;
    /** The oldest time, {@link Long#MAX_VALUE} when empty: one field to compare per sample. */
    private long oldest = Long.MAX_VALUE;

    TimeWindow(int limit) {
        times = new long[capacityFor(limit)];
    }

    static int capacityFor(int limit) {
        return Math.max(1, Math.min(limit, 100_000) + 1);
    }

    int size() {
        return size;
    }

    /** The oldest time kept, {@link Long#MAX_VALUE} when none. */
    long oldest() {
        return oldest;
    }

    int capacity() {
        return times.length;
    }

    void add(long t) {
        if (size == times.length) {
            head = head + 1 == times.length ? 0 : head + 1;
            size--;
        }
        int tail = head + size;
        times[tail >= times.length ? tail - times.length : tail] = t;
        size++;
        oldest = times[head];
    }

    /** Drops the events at or before {@code cutoff} (those no longer within the window). */
    void expire(long cutoff) {
        while (size > 0 && times[head] <= cutoff) {
            head = head + 1 == times.length ? 0 : head + 1;
            size--;
        }
        oldest = size > 0 ? times[head] : Long.MAX_VALUE;
    }

    /** Adapts to a new limit, keeping the most recent events. */
    void resize(int limit) {
        int capacity = capacityFor(limit);
        if (capacity == times.length) {
            return;
        }
        long[] next = new long[capacity];
        int keep = Math.min(size, capacity);
        for (int i = 0; i < keep; i++) {
            next[i] = get(size - keep + i);
        }
        times = next;
        head = 0;
        size = keep;
        oldest = size > 0 ? times[0] : Long.MAX_VALUE;
    }

    void clear() {
        head = 0;
        size = 0;
        oldest = Long.MAX_VALUE;
    }

    private long get(int i) {
        int k = head + i;
        return times[k >= times.length ? k - times.length : k];
    }

    /** Capacity, then the times as deltas from {@code base} (first) and from each other. */
    void write(StateWriter w, long base) {
        w.uvar(times.length);
        w.uvar(size);
        long prev = base;
        for (int i = 0; i < size; i++) {
            long t = get(i);
            w.svar(t - prev);
            prev = t;
        }
    }

    static TimeWindow read(StateReader r, long base) {
        int capacity = r.uint(100_001);
        TimeWindow tw = new TimeWindow(capacity - 1);
        int size = r.uint(capacity);
        long prev = base;
        for (int i = 0; i < size; i++) {
            prev += r.svar();
            tw.add(prev);
        }
        return tw;
    }
}
