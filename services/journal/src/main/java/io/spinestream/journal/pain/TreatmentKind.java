package io.spinestream.journal.pain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A medication, or another treatment (heat, physiotherapy, massage, …). */
public enum TreatmentKind {
    MEDICATION,
    TREATMENT;

    /** Bean Validation pattern of a code (kept equal to the constants by VocabularyTest). */
    public static final String PATTERN = "medication|treatment";
    public static final String MESSAGE = "must be one of: medication, treatment";

    /** The wire code: the constant in lower case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TreatmentKind> fromCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code().equals(code)).findFirst();
    }

    /** The constant of a code already validated against {@link #PATTERN}. */
    public static TreatmentKind of(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown code " + code));
    }
}
