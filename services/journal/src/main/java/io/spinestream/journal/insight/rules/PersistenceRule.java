package io.spinestream.journal.insight.rules;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Pain recorded on most days for more than 14 days (spec, inference 3): within the current episode,
 * a span of at least {@link ClinicalRules#PERSISTENCE_MIN_SPAN_DAYS} calendar days ending on the
 * evaluated day in which pain was recorded on more than half of the days. Advised once per episode:
 * the finding carries the episode's first day, which names the advisory.
 */
public final class PersistenceRule {

    public static final String RULE = "PERSISTENT_PAIN";
    public static final String CODE = "PAIN_PERSISTENT";

    private PersistenceRule() {
    }

    /**
     * @param episodeStart first day of the episode (the advisory's identity)
     * @param from         first day of the span that satisfied the rule
     * @param to           the evaluated day
     * @param spanDays     calendar days from {@code from} to {@code to}
     * @param painDays     days with recorded pain among them
     * @param selfCare     whether self-care was recorded in the span (the advice says so; it is not a condition)
     */
    public record Finding(LocalDate episodeStart, LocalDate from, LocalDate to, int spanDays, int painDays,
                          boolean selfCare) {

        public String reason() {
            return "pain recorded on " + painDays + " of " + spanDays + " days (" + from + " to " + to
                    + (selfCare ? ") despite the self-care recorded" : ")")
                    + ": have it evaluated by a professional";
        }
    }

    /** The finding for {@code day} if the rule holds there; {@code selfCare} as recorded in the episode. */
    public static Optional<Finding> evaluate(PainDays painDays, LocalDate day, boolean selfCare) {
        if (!painDays.isPainDay(day)) {
            return Optional.empty();
        }
        LocalDate episodeStart = painDays.episodeStart(day);
        // The earliest start that satisfies the rule gives the longest evidence.
        for (LocalDate from : painDays.days().subSet(episodeStart, true, day, true)) {
            int span = PainDays.span(from, day);
            if (span < ClinicalRules.PERSISTENCE_MIN_SPAN_DAYS) {
                break;
            }
            int count = painDays.count(from, day);
            if (count > span * ClinicalRules.MOST_DAYS_SHARE) {
                return Optional.of(new Finding(episodeStart, from, day, span, count, selfCare));
            }
        }
        return Optional.empty();
    }
}
