package io.spinestream.journal.insight.rules;

import io.spinestream.events.payload.Severity;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Load management (spec, inference 4), evaluated for the weeks and workouts that new training data
 * touches, so that an advisory is raised when the data that triggers it arrives. Volume is belt time
 * under load plus the duration of manual entries; a session counts in the week (and on the day) it
 * started, in the wearer's zone.
 */
public final class LoadManagementRules {

    public static final String RULE_TEN_PERCENT = "LOAD_TEN_PERCENT_RULE";
    public static final String RULE_REST_DAYS = "LOAD_REST_DAYS";
    public static final String RULE_DELOAD = "LOAD_DELOAD_WEEK";
    public static final String RULE_STRENGTH_SPACING = "LOAD_STRENGTH_48H";

    public static final String WEEKLY_VOLUME_SPIKE = "WEEKLY_VOLUME_SPIKE";
    public static final String TOO_FEW_REST_DAYS = "TOO_FEW_REST_DAYS";
    public static final String NO_DELOAD_WEEK = "NO_DELOAD_WEEK";
    public static final String STRENGTH_SESSIONS_TOO_CLOSE = "STRENGTH_SESSIONS_TOO_CLOSE";

    private LoadManagementRules() {
    }

    /**
     * Every advisory that holds for the weeks and workouts of {@code arrived}, given all of the
     * wearer's sessions (including {@code arrived}) from at least {@link ClinicalRules#DELOAD_WITHIN_WEEKS}
     * + 1 weeks before the earliest arrived one.
     */
    public static List<LoadAdvisory> evaluate(List<TrainingSession> all, List<TrainingSession> arrived, ZoneId zone) {
        List<TrainingSession> training = all.stream().filter(TrainingSession::isTraining).toList();
        NavigableMap<LocalDate, Duration> volumes = weeklyVolumes(training, zone);
        List<LoadAdvisory> advisories = new ArrayList<>();
        Set<LocalDate> weeks = new TreeSet<>();
        for (TrainingSession session : arrived) {
            if (session.isTraining()) {
                LocalDate week = Weeks.start(session.start(), zone);
                weeks.add(week);
                // A late entry for a past week also changes the comparison of the week after it.
                weeks.add(week.plusWeeks(1));
            }
        }
        Instant at = arrived.stream().map(TrainingSession::end).max(Comparator.naturalOrder()).orElse(null);
        for (LocalDate week : weeks) {
            tenPercentRule(volumes, week, at).ifPresent(advisories::add);
            restDays(training, week, zone, at).ifPresent(advisories::add);
            deload(volumes, week, at).ifPresent(advisories::add);
        }
        for (TrainingSession session : arrived) {
            if (session.isStrength()) {
                advisories.addAll(strengthSpacing(training, session));
            }
        }
        return advisories.stream().distinct().toList();
    }

    /** Training volume per week (keyed by the week's Monday). */
    public static NavigableMap<LocalDate, Duration> weeklyVolumes(List<TrainingSession> sessions, ZoneId zone) {
        NavigableMap<LocalDate, Duration> volumes = new TreeMap<>();
        for (TrainingSession session : sessions) {
            if (session.isTraining()) {
                volumes.merge(Weeks.start(session.start(), zone), session.volume(), Duration::plus);
            }
        }
        return volumes;
    }

    /** The 10 % rule: this week's volume above 110 % of last week's (a week without training before: no comparison). */
    static java.util.Optional<LoadAdvisory> tenPercentRule(NavigableMap<LocalDate, Duration> volumes, LocalDate week,
                                                           Instant at) {
        long previous = volumes.getOrDefault(week.minusWeeks(1), Duration.ZERO).toMillis();
        long current = volumes.getOrDefault(week, Duration.ZERO).toMillis();
        if (previous <= 0 || current * 100 <= previous * (100L + ClinicalRules.WEEKLY_INCREASE_LIMIT_PERCENT)) {
            return java.util.Optional.empty();
        }
        double increase = (current - previous) * 100.0 / previous;
        return java.util.Optional.of(new LoadAdvisory(WEEKLY_VOLUME_SPIKE, RULE_TEN_PERCENT, Severity.WARNING,
                Weeks.label(week), at, String.format(Locale.ROOT,
                "training volume of %s is %.1f %% above the week before (%s vs %s min): increase by no more than %d %% per week",
                Weeks.label(week), increase, minutes(current), minutes(previous), ClinicalRules.WEEKLY_INCREASE_LIMIT_PERCENT),
                round1(increase), (double) ClinicalRules.WEEKLY_INCREASE_LIMIT_PERCENT, "%", null));
    }

    /** Fewer than one rest day in the week: raised as soon as the week has no day left to rest. */
    static java.util.Optional<LoadAdvisory> restDays(List<TrainingSession> training, LocalDate week, ZoneId zone,
                                                     Instant at) {
        Set<LocalDate> trainingDays = new TreeSet<>();
        for (TrainingSession session : training) {
            LocalDate day = session.start().atZone(zone).toLocalDate();
            if (!day.isBefore(week) && day.isBefore(week.plusWeeks(1))) {
                trainingDays.add(day);
            }
        }
        int restDays = 7 - trainingDays.size();
        if (restDays >= ClinicalRules.MIN_REST_DAYS_PER_WEEK) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new LoadAdvisory(TOO_FEW_REST_DAYS, RULE_REST_DAYS, Severity.INFO,
                Weeks.label(week), at, "trained on all 7 days of " + Weeks.label(week)
                + ": include at least " + ClinicalRules.MIN_REST_DAYS_PER_WEEK + " complete rest day per week",
                (double) restDays, (double) ClinicalRules.MIN_REST_DAYS_PER_WEEK, "days", null));
    }

    /**
     * No lighter week in the last 8 weeks of training: {@code week} and the 7 before it all had
     * training and none was lighter (≤ 90 % of its previous week); a week without training counts as
     * rest. Raised once {@code week} can no longer become lighter, once per streak (named by its first week).
     */
    static java.util.Optional<LoadAdvisory> deload(NavigableMap<LocalDate, Duration> volumes, LocalDate week,
                                                   Instant at) {
        if (isLighterOrRest(volumes, week)) {
            return java.util.Optional.empty();
        }
        LocalDate streakStart = week;
        int weeks = 1;
        while (!isLighterOrRest(volumes, streakStart.minusWeeks(1))) {
            streakStart = streakStart.minusWeeks(1);
            weeks++;
        }
        if (weeks < ClinicalRules.DELOAD_WITHIN_WEEKS) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new LoadAdvisory(NO_DELOAD_WEEK, RULE_DELOAD, Severity.INFO,
                Weeks.label(streakStart), at, weeks + " weeks of training since " + Weeks.label(streakStart)
                + " without a lighter week: include a deload week every 4–" + ClinicalRules.DELOAD_WITHIN_WEEKS + " weeks",
                (double) weeks, (double) ClinicalRules.DELOAD_WITHIN_WEEKS, "weeks", null));
    }

    /** No training, or at most 90 % of the week before (which had training). */
    static boolean isLighterOrRest(NavigableMap<LocalDate, Duration> volumes, LocalDate week) {
        long current = volumes.getOrDefault(week, Duration.ZERO).toMillis();
        if (current <= 0) {
            return true;
        }
        long previous = volumes.getOrDefault(week.minusWeeks(1), Duration.ZERO).toMillis();
        return previous > 0 && current * 100 <= previous * ClinicalRules.DELOAD_MAX_PERCENT_OF_PREVIOUS;
    }

    /**
     * Strength workouts of one activity less than 48 h apart (from the end of one to the start of
     * the next), checked both ways around the workout of {@code session}.
     */
    static List<LoadAdvisory> strengthSpacing(List<TrainingSession> training, TrainingSession session) {
        List<TrainingSession> same = training.stream().filter(s -> s.activity().equals(session.activity()))
                .sorted(Comparator.comparing(TrainingSession::start).thenComparing(TrainingSession::id)).toList();
        List<Workout> workouts = new ArrayList<>();
        for (TrainingSession s : same) {
            Workout last = workouts.isEmpty() ? null : workouts.get(workouts.size() - 1);
            if (last != null && Duration.between(last.end, s.start()).compareTo(ClinicalRules.SAME_WORKOUT_GAP) < 0) {
                last.end = s.end().isAfter(last.end) ? s.end() : last.end;
                last.ids.add(s.id());
            } else {
                workouts.add(new Workout(s));
            }
        }
        List<LoadAdvisory> advisories = new ArrayList<>();
        for (int i = 0; i < workouts.size(); i++) {
            if (!workouts.get(i).ids.contains(session.id())) {
                continue;
            }
            if (i > 0) {
                spacing(workouts.get(i - 1), workouts.get(i), session.activity()).ifPresent(advisories::add);
            }
            if (i + 1 < workouts.size()) {
                spacing(workouts.get(i), workouts.get(i + 1), session.activity()).ifPresent(advisories::add);
            }
        }
        return advisories;
    }

    private static java.util.Optional<LoadAdvisory> spacing(Workout earlier, Workout later, String activity) {
        Duration rest = Duration.between(earlier.end, later.start);
        if (rest.compareTo(ClinicalRules.STRENGTH_MIN_REST) >= 0) {
            return java.util.Optional.empty();
        }
        double hours = rest.toMillis() / 3_600_000.0;
        return java.util.Optional.of(new LoadAdvisory(STRENGTH_SESSIONS_TOO_CLOSE, RULE_STRENGTH_SPACING,
                Severity.INFO, later.ids.get(0), later.start, String.format(Locale.ROOT,
                "%s strength sessions only %.1f h apart: allow at least %d h between strength sessions of the same kind",
                activity, hours, ClinicalRules.STRENGTH_MIN_REST.toHours()),
                round1(hours), (double) ClinicalRules.STRENGTH_MIN_REST.toHours(), "h", activity));
    }

    private static String minutes(long millis) {
        return String.format(Locale.ROOT, "%.1f", millis / 60_000.0);
    }

    private static double round1(double value) {
        return Math.round(value * 10.0) / 10.0;
    }

    private static final class Workout {
        final Instant start;
        Instant end;
        final List<String> ids = new ArrayList<>();

        Workout(TrainingSession first) {
            this.start = first.start();
            this.end = first.end();
            this.ids.add(first.id());
        }
    }
}
