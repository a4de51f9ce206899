package io.spinestream.journal.pain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What relieves the pain (free text besides). */
public enum RelievingFactor {
    REST,
    HEAT,
    ICE,
    MOVEMENT,
    POSITION,
    MEDICATION,
    STRETCHING;

    /** Bean Validation pattern of a code (kept equal to the constants by VocabularyTest). */
    public static final String PATTERN = "rest|heat|ice|movement|position|medication|stretching";
    public static final String MESSAGE = "must be one of: rest, heat, ice, movement, position, medication, stretching";

    /** The wire code: the constant in lower case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RelievingFactor> fromCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code().equals(code)).findFirst();
    }

    /** The constant of a code already validated against {@link #PATTERN}. */
    public static RelievingFactor of(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown code " + code));
    }
}
