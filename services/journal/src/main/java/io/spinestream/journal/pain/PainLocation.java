package io.spinestream.journal.pain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where it hurts. */
public enum PainLocation {
    LOWER_BACK_CENTRAL,
    LOWER_BACK_LEFT,
    LOWER_BACK_RIGHT,
    UPPER_BACK,
    NECK,
    BUTTOCK_LEFT,
    BUTTOCK_RIGHT,
    THIGH_LEFT,
    THIGH_RIGHT,
    LEG_BELOW_KNEE_LEFT,
    LEG_BELOW_KNEE_RIGHT,
    FOOT_LEFT,
    FOOT_RIGHT,
    GROIN;

    /** Bean Validation pattern of a code (kept equal to the constants by VocabularyTest). */
    public static final String PATTERN = "lower_back_central|lower_back_left|lower_back_right|upper_back|neck|buttock_left|buttock_right|thigh_left|thigh_right|leg_below_knee_left|leg_below_knee_right|foot_left|foot_right|groin";
    public static final String MESSAGE = "must be one of: lower_back_central, lower_back_left, lower_back_right, upper_back, neck, buttock_left, buttock_right, thigh_left, thigh_right, leg_below_knee_left, leg_below_knee_right, foot_left, foot_right, groin";

    /** The wire code, e.g. {@code lower_back_central}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Back pain, for the rule on a first-ever episode of back pain after 50. */
    public boolean isBack() {
        return this == LOWER_BACK_CENTRAL || this == LOWER_BACK_LEFT || this == LOWER_BACK_RIGHT || this == UPPER_BACK;
    }

    public static Optional<PainLocation> fromCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code().equals(code)).findFirst();
    }

    /** The constant of a code already validated against {@link #PATTERN}. */
    public static PainLocation of(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown code " + code));
    }
}
