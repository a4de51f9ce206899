package io.spinestream.journal.pain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the pain feels (journal.md, a pain entry: quality). */
public enum PainQuality {
    DULL,
    ACHING,
    SHARP,
    STABBING,
    BURNING,
    TINGLING,
    ELECTRIC,
    THROBBING;

    /** Bean Validation pattern of a code (kept equal to the constants by VocabularyTest). */
    public static final String PATTERN = "dull|aching|sharp|stabbing|burning|tingling|electric|throbbing";
    public static final String MESSAGE = "must be one of: dull, aching, sharp, stabbing, burning, tingling, electric, throbbing";

    /** The wire code: the constant in lower case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PainQuality> fromCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code().equals(code)).findFirst();
    }

    /** The constant of a code already validated against {@link #PATTERN}. */
    public static PainQuality of(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown code " + code));
    }
}
