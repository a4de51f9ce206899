package io.spinestream.journal.pain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The effect of a medication or treatment on the pain. */
public enum TreatmentEffect {
    IMPROVED,
    NO_CHANGE,
    WORSE,
    UNKNOWN;

    /** Bean Validation pattern of a code (kept equal to the constants by VocabularyTest). */
    public static final String PATTERN = "improved|no_change|worse|unknown";
    public static final String MESSAGE = "must be one of: improved, no_change, worse, unknown";

    /** The wire code: the constant in lower case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TreatmentEffect> fromCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code().equals(code)).findFirst();
    }

    /** The constant of a code already validated against {@link #PATTERN}. */
    public static TreatmentEffect of(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown code " + code));
    }
}
