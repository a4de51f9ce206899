package io.spinestream.journal.pain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** When the pain began relative to exercise. */
public enum Onset {
    DURING,
    IMMEDIATELY_AFTER,
    HOURS_AFTER,
    NEXT_DAY,
    UNRELATED;

    /** Bean Validation pattern of a code (kept equal to the constants by VocabularyTest). */
    public static final String PATTERN = "during|immediately_after|hours_after|next_day|unrelated";
    public static final String MESSAGE = "must be one of: during, immediately_after, hours_after, next_day, unrelated";

    /** The wire code: the constant in lower case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Onset> fromCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code().equals(code)).findFirst();
    }

    /** The constant of a code already validated against {@link #PATTERN}. */
    public static Onset of(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown code " + code));
    }
}
