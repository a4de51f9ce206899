package io.spinestream.analysis.core;

/**
 * Neutrals of the most recent wearers of a belt, most recently used first, at most
 * {@value #CAPACITY}. Keyed by wearer id ({@code ""} = belt not assigned), so a belt handed to
 * another wearer never applies the previous wearer's neutral, and handed back finds the
 * wearer's own again. The service's calibration store (fed by {@code CALIBRATED} events)
 * covers wearers beyond this; it passes their calibration in {@link BatchContext#calibration()}.
 */
final class NeutralStore {

    static final int CAPACITY = 4;

    private final String[] wearers = new String[CAPACITY];
    private final Neutral[] neutrals = new Neutral[CAPACITY];
    private int size;

    /** The wearer's neutral, or {@link Neutral#ZERO}. Does not change the order. */
    Neutral get(String wearer) {
        int i = indexOf(wearer);
        return i < 0 ? Neutral.ZERO : neutrals[i];
    }

    /** Records the wearer's neutral and makes the wearer the most recent. */
    void put(String wearer, Neutral neutral) {
        int i = indexOf(wearer);
        if (i < 0) {
            i = Math.min(size, CAPACITY - 1);
            if (size < CAPACITY) {
                size++;
            }
        }
        for (int k = i; k > 0; k--) {
            wearers[k] = wearers[k - 1];
            neutrals[k] = neutrals[k - 1];
        }
        wearers[0] = wearer;
        neutrals[0] = neutral;
    }

    /** Whether a neutral of this wearer is kept. */
    boolean contains(String wearer) {
        return indexOf(wearer) >= 0;
    }

    int size() {
        return size;
    }

    private int indexOf(String wearer) {
        for (int i = 0; i < size; i++) {
            if (wearers[i].equals(wearer)) {
                return i;
            }
        }
        return -1;
    }

    void write(StateWriter w) {
        w.uvar(size);
        for (int i = 0; i < size; i++) {
            Neutral n = neutrals[i];
            w.str(wearers[i]);
            w.u8(n.source().ordinal());
            w.f32(n.flexionDeg());
            w.f32(n.sideBendDeg());
            w.f32(n.rotationDeg());
            w.f32(n.hipHingeDeg());
            w.bool(n.at() != null);
            if (n.at() != null) {
                w.svar(n.at().getEpochSecond());
                w.uvar(n.at().getNano());
            }
        }
    }

    static NeutralStore read(StateReader r) {
        NeutralStore s = new NeutralStore();
        int size = r.uint(CAPACITY);
        for (int i = 0; i < size; i++) {
            String wearer = r.str();
            Neutral.Source source = Neutral.Source.values()[r.uint(Neutral.Source.values().length - 1)];
            float f = r.f32();
            float sb = r.f32();
            float rot = r.f32();
            float h = r.f32();
            java.time.Instant at = r.bool() ? java.time.Instant.ofEpochSecond(r.svar(), r.uint(999_999_999)) : null;
            s.wearers[i] = wearer == null ? "" : wearer;
            s.neutrals[i] = new Neutral(f, sb, rot, h, source, at);
        }
        s.size = size;
        return s;
    }
}
