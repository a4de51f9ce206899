package io.spinestream.journal.insight.rules;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Progress per week (spec, inference 6; seed 003 "Self-Monitoring Strategies": pain journal,
 * function assessment, exercise log): pain, training volume (exercise capacity) and form score for
 * every ISO week of a period, and their trends as least-squares slopes per week.
 */
public final class WeeklyProgress {

    private WeeklyProgress() {
    }

    /**
     * One week.
     *
     * @param weekStart      Monday
     * @param week           ISO label, e.g. 2026-W47
     * @param painEntries    entries recorded
     * @param painDays       days with pain (intensity ≥ 1)
     * @param meanPain       mean intensity; null without entries
     * @param maxPain        highest intensity; null without entries
     * @param sessions       training sessions
     * @param trainingDays   days with training
     * @param volumeMinutes  training volume
     * @param previousVolumeMinutes the week before's volume; null when it had none
     * @param volumeChangePercent change from the week before; null when that week had no volume
     * @param meanFormScore  mean form score of the belt sessions that have one; null when none
     * @param faults         form fault episodes
     */
    public record Week(LocalDate weekStart, String week, int painEntries, int painDays, Double meanPain,
                       Integer maxPain, int sessions, int trainingDays, double volumeMinutes,
                       Double previousVolumeMinutes, Double volumeChangePercent, Double meanFormScore, int faults) {
    }

    /** The weeks, and slopes per week (null with fewer than two weeks of data). */
    public record Progress(List<Week> weeks, Double painSlopePerWeek, Double volumeSlopePerWeek,
                           Double formScoreSlopePerWeek) {
    }

    /**
     * @param from     first day (its whole week is shown)
     * @param to       last day
     * @param entries  pain entries of the period
     * @param sessions sessions of the period, and of the week before {@code from}'s week (for its change)
     */
    public static Progress of(LocalDate from, LocalDate to, List<PainObservation> entries,
                              List<TrainingSession> sessions, ZoneId zone) {
        List<TrainingSession> training = sessions.stream().filter(TrainingSession::isTraining).toList();
        NavigableMap<LocalDate, Duration> volumes = LoadManagementRules.weeklyVolumes(training, zone);
        List<Week> weeks = new ArrayList<>();
        for (LocalDate monday = Weeks.start(from); !monday.isAfter(to); monday = monday.plusWeeks(1)) {
            LocalDate start = monday;
            LocalDate end = monday.plusDays(6);
            List<PainObservation> pain = entries.stream().filter(e -> within(e.at().atZone(zone).toLocalDate(), start, end)).toList();
            List<TrainingSession> week = training.stream()
                    .filter(s -> within(s.start().atZone(zone).toLocalDate(), start, end)).toList();
            double volume = volumes.getOrDefault(monday, Duration.ZERO).toMillis() / 60_000.0;
            double previous = volumes.getOrDefault(monday.minusWeeks(1), Duration.ZERO).toMillis() / 60_000.0;
            List<Integer> scores = week.stream().map(TrainingSession::formScore).filter(java.util.Objects::nonNull).toList();
            weeks.add(new Week(monday, Weeks.label(monday), pain.size(),
                    (int) pain.stream().filter(PainObservation::hurts).map(e -> e.at().atZone(zone).toLocalDate()).distinct().count(),
                    pain.isEmpty() ? null : round1(pain.stream().mapToInt(PainObservation::intensity).average().orElseThrow()),
                    pain.isEmpty() ? null : pain.stream().mapToInt(PainObservation::intensity).max().orElseThrow(),
                    week.size(),
                    (int) week.stream().map(s -> s.start().atZone(zone).toLocalDate()).distinct().count(),
                    round1(volume),
                    previous > 0 ? round1(previous) : null,
                    previous > 0 ? round1((volume - previous) * 100.0 / previous) : null,
                    scores.isEmpty() ? null : round1(scores.stream().mapToInt(Integer::intValue).average().orElseThrow()),
                    week.stream().flatMap(s -> s.faults().values().stream()).mapToInt(Integer::intValue).sum()));
        }
        return new Progress(weeks, slope(weeks, Week::meanPain), slope(weeks, w -> w.volumeMinutes() > 0 ? w.volumeMinutes() : null),
                slope(weeks, Week::meanFormScore));
    }

    /** Least-squares slope per week over the weeks that have a value; null with fewer than two. */
    static Double slope(List<Week> weeks, java.util.function.Function<Week, Double> value) {
        Map<Integer, Double> points = new TreeMap<>();
        for (int i = 0; i < weeks.size(); i++) {
            Double v = value.apply(weeks.get(i));
            if (v != null) {
                points.put(i, v);
            }
        }
        if (points.size() < 2) {
            return null;
        }
        double meanX = points.keySet().stream().mapToInt(Integer::intValue).average().orElseThrow();
        double meanY = points.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double num = 0;
        double den = 0;
        for (Map.Entry<Integer, Double> p : points.entrySet()) {
            num += (p.getKey() - meanX) * (p.getValue() - meanY);
            den += (p.getKey() - meanX) * (p.getKey() - meanX);
        }
        return Math.round(num / den * 100.0) / 100.0;
    }

    private static boolean within(LocalDate day, LocalDate start, LocalDate end) {
        return !day.isBefore(start) && !day.isAfter(end);
    }

    private static double round1(double value) {
        return Math.round(value * 10.0) / 10.0;
    }
}
