package io.spinestream.journal.insight.rules;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The days (in the wearer's zone) on which the wearer recorded pain (intensity ≥ 1), and the pain
 * episodes they form: an episode is a run of pain days that ends once
 * {@link ClinicalRules#EPISODE_ENDS_AFTER_PAIN_FREE_DAYS} days in a row pass without recorded pain.
 * A day without any entry counts as without pain: the rules speak of pain <em>recorded</em>.
 */
public final class PainDays {

    private final NavigableSet<LocalDate> days = new TreeSet<>();

    public PainDays(Collection<PainObservation> observations, ZoneId zone) {
        for (PainObservation observation : observations) {
            if (observation.hurts()) {
                days.add(observation.at().atZone(zone).toLocalDate());
            }
        }
    }

    public boolean isPainDay(LocalDate day) {
        return days.contains(day);
    }

    public NavigableSet<LocalDate> days() {
        return java.util.Collections.unmodifiableNavigableSet(days);
    }

    /** The first day of the episode {@code day} belongs to, judged by pain days up to {@code day}. */
    public LocalDate episodeStart(LocalDate day) {
        LocalDate start = day;
        for (LocalDate earlier = days.lower(start); earlier != null; earlier = days.lower(start)) {
            long pauseDays = ChronoUnit.DAYS.between(earlier, start) - 1;
            if (pauseDays >= ClinicalRules.EPISODE_ENDS_AFTER_PAIN_FREE_DAYS) {
                break;
            }
            start = earlier;
        }
        return start;
    }

    /** Pain days from {@code from} to {@code to}, both included. */
    public int count(LocalDate from, LocalDate to) {
        return from.isAfter(to) ? 0 : days.subSet(from, true, to, true).size();
    }

    /** Calendar days from {@code from} to {@code to}, both included. */
    public static int span(LocalDate from, LocalDate to) {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }
}
