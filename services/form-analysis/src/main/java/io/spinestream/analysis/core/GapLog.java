package io.spinestream.analysis.core;

/**
 * The gaps in a belt's in-order stream where batches are missing (seqs skipped inside a
 * session), which late batches may still fill, with what the live analyzer knows about the
 * fault episodes at each gap (docs/form-analysis.md "Late batches"):
 *
 * <ul>
 *   <li>{@code spanAlerted}: faults whose live episode runs across the gap and has been alerted
 *       (open when the gap was seen, or raised later by the live analyzer);</li>
 *   <li>{@code endAlerted}: faults whose live episode began at the first sample after the gap
 *       and has been alerted.</li>
 * </ul>
 *
 * (Episodes still pending are read from the live state itself.) A late batch inside a gap
 * continues the episodes in progress across it, and its last episode, if it runs into the first
 * sample after the gap, is the live one that began there. At most {@value #CAPACITY} gaps (the
 * oldest is dropped; a late batch in a dropped gap is judged on its own samples); a gap is
 * forgotten once all its seqs have arrived. Gaps of a closed session stay (its alerted episodes
 * do not change) until the wearer changes.
 */
final class GapLog {

    static final int CAPACITY = 8;

    /** Last in-order seq before the gap and first after it: the missing seqs lie strictly between. */
    private final long[] fromSeq = new long[CAPACITY];
    private final long[] toSeq = new long[CAPACITY];
    /** Last sample before the gap and first sample after it, µs. */
    private final long[] fromUs = new long[CAPACITY];
    private final long[] toUs = new long[CAPACITY];
    private final int[] activity = new int[CAPACITY];
    private final int[] spanAlerted = new int[CAPACITY];
    private final int[] endAlerted = new int[CAPACITY];
    /** Whether the gap is in the open session (its live episodes may still be pending). */
    private final boolean[] current = new boolean[CAPACITY];
    private int size;

    int size() {
        return size;
    }

    /** A gap of the open session, oldest first; drops the oldest when full. */
    void add(long fromSeq, long toSeq, long fromUs, long toUs, int activity, int spanAlerted) {
        if (size == CAPACITY) {
            remove(0);
        }
        int i = size++;
        this.fromSeq[i] = fromSeq;
        this.toSeq[i] = toSeq;
        this.fromUs[i] = fromUs;
        this.toUs[i] = toUs;
        this.activity[i] = activity;
        this.spanAlerted[i] = spanAlerted;
        this.endAlerted[i] = 0;
        this.current[i] = true;
    }

    /**
     * The gap a late batch fills: its seq strictly between the gap's, and its samples strictly
     * between the samples around the gap (a belt clock that jumped matches nothing); -1 if none.
     */
    int find(long seq, long firstUs, long lastUs) {
        for (int i = size - 1; i >= 0; i--) {
            if (seq > fromSeq[i] && seq < toSeq[i]) {
                return firstUs > fromUs[i] && lastUs < toUs[i] ? i : -1;
            }
        }
        return -1;
    }

    long fromSeq(int i) {
        return fromSeq[i];
    }

    long toSeq(int i) {
        return toSeq[i];
    }

    long fromUs(int i) {
        return fromUs[i];
    }

    long toUs(int i) {
        return toUs[i];
    }

    int activity(int i) {
        return activity[i];
    }

    int spanAlerted(int i) {
        return spanAlerted[i];
    }

    int endAlerted(int i) {
        return endAlerted[i];
    }

    boolean current(int i) {
        return current[i];
    }

    /**
     * The live analyzer raises {@code fault}, whose episode began at {@code startUs}: the gaps of
     * the open session it runs across, or begins right after, record it as alerted.
     */
    void liveRaise(int fault, long startUs) {
        int bit = 1 << fault;
        for (int i = 0; i < size; i++) {
            if (current[i]) {
                if (startUs <= fromUs[i]) {
                    spanAlerted[i] |= bit;
                } else if (startUs == toUs[i]) {
                    endAlerted[i] |= bit;
                }
            }
        }
    }

    /** The session closed: its episodes are final. */
    void endSession() {
        for (int i = 0; i < size; i++) {
            current[i] = false;
        }
    }

    void clear() {
        size = 0;
    }

    void remove(int i) {
        int tail = size - i - 1;
        System.arraycopy(fromSeq, i + 1, fromSeq, i, tail);
        System.arraycopy(toSeq, i + 1, toSeq, i, tail);
        System.arraycopy(fromUs, i + 1, fromUs, i, tail);
        System.arraycopy(toUs, i + 1, toUs, i, tail);
        System.arraycopy(activity, i + 1, activity, i, tail);
        System.arraycopy(spanAlerted, i + 1, spanAlerted, i, tail);
        System.arraycopy(endAlerted, i + 1, endAlerted, i, tail);
        System.arraycopy(current, i + 1, current, i, tail);
        size--;
    }

    /** Seqs and times as deltas from {@code baseSeq} / {@code baseUs} (the belt's latest). */
    void write(StateWriter w, long baseSeq, long baseUs) {
        w.uvar(size);
        for (int i = 0; i < size; i++) {
            w.svar(baseSeq - toSeq[i]);
            w.svar(toSeq[i] - fromSeq[i]);
            w.svar(baseUs - toUs[i]);
            w.svar(toUs[i] - fromUs[i]);
            w.uvar(activity[i]);
            w.uvar(spanAlerted[i]);
            w.uvar(endAlerted[i]);
            w.bool(current[i]);
        }
    }

    static GapLog read(StateReader r, long baseSeq, long baseUs, int maxActivity) {
        GapLog g = new GapLog();
        int n = r.uint(CAPACITY);
        for (int i = 0; i < n; i++) {
            g.toSeq[i] = baseSeq - r.svar();
            g.fromSeq[i] = g.toSeq[i] - r.svar();
            g.toUs[i] = baseUs - r.svar();
            g.fromUs[i] = g.toUs[i] - r.svar();
            g.activity[i] = r.uint(maxActivity);
            g.spanAlerted[i] = r.uint(Integer.MAX_VALUE);
            g.endAlerted[i] = r.uint(Integer.MAX_VALUE);
            g.current[i] = r.bool();
        }
        g.size = n;
        return g;
    }
}
