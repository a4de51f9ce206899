package io.spinestream.journal.pain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the pain responds to movement. */
public enum MovementResponse {
    IMPROVES,
    WORSENS,
    NO_CHANGE;

    /** Bean Validation pattern of a code (kept equal to the constants by VocabularyTest). */
    public static final String PATTERN = "improves|worsens|no_change";
    public static final String MESSAGE = "must be one of: improves, worsens, no_change";

    /** The wire code: the constant in lower case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MovementResponse> fromCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code().equals(code)).findFirst();
    }

    /** The constant of a code already validated against {@link #PATTERN}. */
    public static MovementResponse of(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown code " + code));
    }
}
