package io.spinestream.analysis.core;

/**
 * The seqs of a belt already analysed: the highest, and a bitmap of the {@value #WINDOW}
 * seqs below it. A seq above the highest is new; the highest itself or a marked seq in the
 * window is a duplicate; an unmarked seq in the window is a late batch. A seq further back
 * than the window cannot be told apart and is analysed as late: ingest already keeps each
 * {@code (beltId, seq)} once, so this guard is for redeliveries, which are recent; and a late
 * batch never changes the live state, while its alerts carry deterministic ids that
 * consumers de-duplicate.
 */
final class SeqWindow {

    static final int WINDOW = 1024;
    private static final int WORDS = WINDOW / 64;

    private long highest = -1;
    /** Bit {@code j} set = seq {@code highest − 1 − j} analysed. */
    private final long[] bits = new long[WORDS];

    long highest() {
        return highest;
    }

    boolean seen(long seq) {
        if (highest < 0 || seq > highest) {
            return false;
        }
        if (seq == highest) {
            return true;
        }
        long j = highest - 1 - seq;
        return j < WINDOW && (bits[(int) (j >>> 6)] & (1L << (j & 63))) != 0;
    }

    /** Whether a seq not {@link #seen} is late (below the highest). */
    boolean isLate(long seq) {
        return highest >= 0 && seq < highest;
    }

    void mark(long seq) {
        if (highest < 0) {
            highest = seq;
            return;
        }
        if (seq > highest) {
            long shift = seq - highest;
            shiftUp(shift);
            set(shift - 1); // the previous highest
            highest = seq;
        } else if (seq < highest) {
            set(highest - 1 - seq);
        }
    }

    private void set(long j) {
        if (j >= 0 && j < WINDOW) {
            bits[(int) (j >>> 6)] |= 1L << (j & 63);
        }
    }

    /** Moves every bit {@code j} to {@code j + shift}, dropping those beyond the window. */
    private void shiftUp(long shift) {
        if (shift == 1) {
            // the next seq, as almost every batch is
            for (int i = WORDS - 1; i > 0; i--) {
                bits[i] = bits[i] << 1 | bits[i - 1] >>> 63;
            }
            bits[0] <<= 1;
            return;
        }
        if (shift >= WINDOW) {
            java.util.Arrays.fill(bits, 0);
            return;
        }
        int words = (int) (shift >>> 6);
        int rest = (int) (shift & 63);
        for (int i = WORDS - 1; i >= 0; i--) {
            int src = i - words;
            long v = src >= 0 ? bits[src] << rest : 0;
            if (rest != 0 && src - 1 >= 0) {
                v |= bits[src - 1] >>> (64 - rest);
            }
            bits[i] = v;
        }
    }

    /** Run-length form: typically a single run of ones right below the highest (2–3 bytes). */
    void write(StateWriter w) {
        w.svar(highest);
        if (highest < 0) {
            return;
        }
        // alternating run lengths, starting with a run of set bits (possibly empty)
        boolean value = true;
        int j = 0;
        int runs = 0;
        StateWriter body = new StateWriter();
        while (j < WINDOW) {
            int start = j;
            while (j < WINDOW && bit(j) == value) {
                j++;
            }
            body.uvar(j - start);
            runs++;
            value = !value;
        }
        w.uvar(runs);
        byte[] b = body.toByteArray();
        for (byte x : b) {
            w.u8(x);
        }
    }

    private boolean bit(int j) {
        return (bits[j >>> 6] & (1L << (j & 63))) != 0;
    }

    static SeqWindow read(StateReader r) {
        SeqWindow s = new SeqWindow();
        s.highest = r.svar();
        if (s.highest < 0) {
            return s;
        }
        int runs = r.uint(WINDOW + 1);
        boolean value = true;
        int j = 0;
        for (int i = 0; i < runs; i++) {
            int len = r.uint(WINDOW);
            if (j + len > WINDOW) {
                throw new IllegalArgumentException("seq window overflow");
            }
            if (value) {
                for (int k = j; k < j + len; k++) {
                    s.set(k);
                }
            }
            j += len;
            value = !value;
        }
        return s;
    }
}
