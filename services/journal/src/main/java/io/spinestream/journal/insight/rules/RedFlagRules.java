package io.spinestream.journal.insight.rules;

import io.spinestream.events.payload.Severity;
import io.spinestream.journal.pain.Symptom;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Red flags of one pain entry (spec, "What the platform infers" 1). Critical first; the first flag
 * is the one an entry's alert is named after.
 */
public final class RedFlagRules {

    public static final String RULE_CRITICAL_SYMPTOM = "RED_FLAG_CRITICAL_SYMPTOM";
    public static final String RULE_WARNING_SYMPTOM = "RED_FLAG_WARNING_SYMPTOM";
    public static final String RULE_NEUROLOGICAL = "RED_FLAG_PAIN_WITH_NEUROLOGICAL_SYMPTOM";
    public static final String RULE_SEVERE = "RED_FLAG_SEVERE_PAIN";
    public static final String RULE_FIRST_BACK_PAIN_OVER_50 = "RED_FLAG_FIRST_BACK_PAIN_OVER_50";

    public static final String SEVERE_PAIN = "severe_pain";
    public static final String NEW_BACK_PAIN_OVER_50 = "new_back_pain_over_50";

    private RedFlagRules() {
    }

    /**
     * @param entry              the new entry
     * @param birthYear          the wearer's, or null when not recorded (the age rule then cannot apply)
     * @param zone               the wearer's zone (the year of the entry, for the age)
     * @param earlierBackPain    whether the wearer recorded back pain before this entry
     */
    public static List<RedFlag> evaluate(PainObservation entry, Integer birthYear, ZoneId zone, boolean earlierBackPain) {
        List<RedFlag> flags = new ArrayList<>();
        for (Symptom symptom : entry.symptoms()) {
            if (ClinicalRules.CRITICAL_SYMPTOMS.contains(symptom)) {
                flags.add(new RedFlag(symptom.code(), Severity.CRITICAL, RULE_CRITICAL_SYMPTOM,
                        words(symptom) + " is a red flag for a medical emergency: seek care now"));
            } else if (ClinicalRules.WARNING_SYMPTOMS.contains(symptom)) {
                flags.add(new RedFlag(symptom.code(), Severity.WARNING, RULE_WARNING_SYMPTOM,
                        words(symptom) + " with back pain is a red flag: see a doctor"));
            } else if (ClinicalRules.NEUROLOGICAL_SYMPTOMS.contains(symptom) && entry.hurts()) {
                flags.add(new RedFlag(symptom.code(), Severity.WARNING, RULE_NEUROLOGICAL,
                        "pain with " + words(symptom) + " can mean an irritated nerve: see a doctor"));
            }
        }
        if (entry.intensity() >= ClinicalRules.SEVERE_INTENSITY) {
            flags.add(new RedFlag(SEVERE_PAIN, Severity.WARNING, RULE_SEVERE, "pain of " + entry.intensity()
                    + "/10 (" + ClinicalRules.SEVERE_INTENSITY + " or more) is severe: see a doctor"));
        }
        if (birthYear != null && entry.isBackPain() && !earlierBackPain) {
            int age = entry.at().atZone(zone).getYear() - birthYear;
            if (age > ClinicalRules.FIRST_BACK_PAIN_AGE_OVER) {
                flags.add(new RedFlag(NEW_BACK_PAIN_OVER_50, Severity.WARNING, RULE_FIRST_BACK_PAIN_OVER_50,
                        "first back pain ever recorded, at " + age + " (over "
                                + ClinicalRules.FIRST_BACK_PAIN_AGE_OVER + "): see a doctor"));
            }
        }
        flags.sort(Comparator.comparing(RedFlag::severity).reversed().thenComparing(RedFlag::code));
        return List.copyOf(flags);
    }

    private static String words(Symptom symptom) {
        return symptom.code().replace('_', ' ');
    }
}
