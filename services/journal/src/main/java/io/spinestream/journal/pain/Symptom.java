package io.spinestream.journal.pain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Symptoms recorded with the pain; several are red flags (ClinicalRules). */
public enum Symptom {
    NUMBNESS,
    TINGLING,
    WEAKNESS,
    RADIATING_LEG_PAIN,
    BLADDER_OR_BOWEL_CHANGE,
    SADDLE_NUMBNESS,
    FEVER,
    UNEXPLAINED_WEIGHT_LOSS,
    NIGHT_PAIN,
    PROGRESSIVE_LEG_WEAKNESS,
    AFTER_TRAUMA;

    /** Bean Validation pattern of a code (kept equal to the constants by VocabularyTest). */
    public static final String PATTERN = "numbness|tingling|weakness|radiating_leg_pain|bladder_or_bowel_change|saddle_numbness|fever|unexplained_weight_loss|night_pain|progressive_leg_weakness|after_trauma";
    public static final String MESSAGE = "must be one of: numbness, tingling, weakness, radiating_leg_pain, bladder_or_bowel_change, saddle_numbness, fever, unexplained_weight_loss, night_pain, progressive_leg_weakness, after_trauma";

    /** The wire code: the constant in lower case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Symptom> fromCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code().equals(code)).findFirst();
    }

    /** The constant of a code already validated against {@link #PATTERN}. */
    public static Symptom of(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown code " + code));
    }
}
