package io.spinestream.journal.insight.rules;

import io.spinestream.journal.insight.rules.SorenessAssessment.Kind;
import io.spinestream.journal.pain.MovementResponse;
import io.spinestream.journal.pain.Onset;
import io.spinestream.journal.pain.PainQuality;
import io.spinestream.journal.pain.Symptom;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Normal soreness or concerning pain (spec, inference 2; seed 003 "Differentiating Exercise-Related
 * Pain from Normal Soreness"). Any concerning sign decides "concerning" (checked first, in the order
 * below); "normal soreness" needs every DOMS sign; anything else is "undetermined" with what is missing.
 */
public final class SorenessClassifier {

    public static final String RULE_ONSET_DURING = "SORENESS_CONCERNING_ONSET_DURING";
    public static final String RULE_ONSET_IMMEDIATELY = "SORENESS_CONCERNING_ONSET_IMMEDIATELY_AFTER";
    public static final String RULE_QUALITY = "SORENESS_CONCERNING_QUALITY";
    public static final String RULE_WORSENS = "SORENESS_CONCERNING_WORSENS_WITH_MOVEMENT";
    public static final String RULE_PERSISTS = "SORENESS_CONCERNING_PERSISTS_BEYOND_7_DAYS";
    public static final String RULE_DOMS = "SORENESS_NORMAL_DOMS";
    public static final String RULE_UNDETERMINED = "SORENESS_UNDETERMINED";
    public static final String RULE_NOT_EXERCISE = "SORENESS_NOT_EXERCISE_RELATED";
    public static final String RULE_NO_PAIN = "SORENESS_NO_PAIN";

    private SorenessClassifier() {
    }

    /**
     * @param entry    the entry
     * @param painDays the wearer's pain days (entries up to and including this one suffice)
     * @param zone     the wearer's zone
     */
    public static SorenessAssessment classify(PainObservation entry, PainDays painDays, ZoneId zone) {
        if (!entry.hurts()) {
            return new SorenessAssessment(Kind.NO_PAIN, RULE_NO_PAIN, "no pain recorded (intensity 0)");
        }
        boolean exerciseRelated = entry.onset() != Onset.UNRELATED && (entry.onset() != null || entry.exerciseLinked());
        if (!exerciseRelated) {
            return new SorenessAssessment(Kind.NOT_EXERCISE_RELATED, RULE_NOT_EXERCISE,
                    "not related to exercise, so neither soreness nor exercise injury");
        }
        if (entry.onset() == Onset.DURING) {
            return concerning(RULE_ONSET_DURING, "began during exercise");
        }
        if (entry.onset() == Onset.IMMEDIATELY_AFTER) {
            return concerning(RULE_ONSET_IMMEDIATELY, "began immediately after exercise");
        }
        List<PainQuality> concerningQualities = entry.qualities().stream()
                .filter(ClinicalRules.CONCERNING_QUALITIES::contains).sorted().toList();
        if (!concerningQualities.isEmpty()) {
            return concerning(RULE_QUALITY, "feels " + join(concerningQualities.stream().map(PainQuality::code).toList()));
        }
        if (entry.movement() == MovementResponse.WORSENS) {
            return concerning(RULE_WORSENS, "worsens with movement");
        }
        LocalDate day = entry.at().atZone(zone).toLocalDate();
        int episodeDays = PainDays.span(painDays.episodeStart(day), day);
        if (episodeDays > ClinicalRules.CONCERNING_AFTER_DAYS) {
            return concerning(RULE_PERSISTS, "has persisted for " + episodeDays + " days (beyond "
                    + ClinicalRules.CONCERNING_AFTER_DAYS + ")");
        }

        List<String> missing = new java.util.ArrayList<>();
        if (!inDomsWindow(entry)) {
            missing.add(entry.onset() == Onset.HOURS_AFTER && entry.onsetHours() != null
                    ? "onset " + hours(entry.onsetHours()) + " h after exercise is outside 12–72 h"
                    : "onset not recorded as 12–72 h after exercise");
        }
        if (!ClinicalRules.DOMS_QUALITIES.containsAll(entry.qualities())) {
            missing.add("quality is not only dull or aching");
        }
        if (entry.movement() != MovementResponse.IMPROVES) {
            missing.add("not recorded as improving with movement");
        }
        List<Symptom> neurological = entry.symptoms().stream()
                .filter(ClinicalRules.NOT_SORENESS_SYMPTOMS::contains).sorted().toList();
        if (!neurological.isEmpty()) {
            missing.add("comes with " + join(neurological.stream().map(s -> s.code().replace('_', ' ')).toList()));
        }
        if (missing.isEmpty()) {
            return new SorenessAssessment(Kind.NORMAL_SORENESS, RULE_DOMS, "normal muscle soreness: onset "
                    + (entry.onset() == Onset.NEXT_DAY ? "the next day" : hours(entry.onsetHours()) + " h after exercise")
                    + ", dull or aching, improves with movement, no neurological symptoms");
        }
        return new SorenessAssessment(Kind.UNDETERMINED, RULE_UNDETERMINED,
                "no sign of concerning pain, but not normal soreness either: " + String.join("; ", missing));
    }

    /** Onset 12–72 h after exercise, both included; "next day" is the typical DOMS onset (seed 003: 12-24 hours). */
    static boolean inDomsWindow(PainObservation entry) {
        if (entry.onset() == Onset.NEXT_DAY) {
            return true;
        }
        return entry.onset() == Onset.HOURS_AFTER && entry.onsetHours() != null
                && entry.onsetHours() >= ClinicalRules.DOMS_ONSET_MIN_HOURS
                && entry.onsetHours() <= ClinicalRules.DOMS_ONSET_MAX_HOURS;
    }

    private static SorenessAssessment concerning(String rule, String what) {
        return new SorenessAssessment(Kind.CONCERNING, rule, "concerning pain: " + what
                + "; stop the aggravating activity and have it evaluated");
    }

    private static String hours(Double hours) {
        return hours == null ? "?" : String.format(Locale.ROOT, "%.1f", hours).replace(".0", "");
    }

    private static String join(List<String> words) {
        return words.stream().collect(Collectors.joining(", "));
    }
}
