package io.spinestream.journal.wearer;

import java.util.Arrays;
import java.util.Optional;

/** The spine conditions a clinician records; form analysis tightens its default limits by them. */
public enum Condition {
    DISC_HERNIATION,
    SPINAL_STENOSIS,
    SPONDYLOLISTHESIS,
    FACET_IRRITATION,
    MUSCLE_STRAIN;

    /** Bean Validation pattern of a condition code (kept equal to the constants by a test). */
    public static final String PATTERN = "disc_herniation|spinal_stenosis|spondylolisthesis|facet_irritation|muscle_strain";
    public static final String MESSAGE = "must be one of: " + "disc_herniation, spinal_stenosis, spondylolisthesis, "
            + "facet_irritation, muscle_strain";

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Condition> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code().equals(code)).findFirst();
    }
}
