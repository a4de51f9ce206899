package io.spinestream.journal.insight;

import io.spinestream.journal.exercise.ExerciseEntries;
import io.spinestream.journal.insight.rules.PainObservation;
import io.spinestream.journal.insight.rules.PatternAnalysis;
import io.spinestream.journal.insight.rules.SorenessAssessment;
import io.spinestream.journal.insight.rules.TrainingSession;
import io.spinestream.journal.insight.rules.WeeklyProgress;
import io.spinestream.journal.pain.PainAssessments;
import io.spinestream.journal.pain.PainEntries;
import io.spinestream.journal.pain.PainEntry;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the journal infers about a period: pain summary, soreness assessments, weekly progress and
 * patterns. Computed from a {@link PeriodJournal}; the same numbers feed the API, the report and the
 * export.
 */
public record Insights(String wearerId, String clinicId, LocalDate from, LocalDate to, String timeZone,
                       PainSummary pain, WeeklyProgress.Progress progress, Patterns patterns,
                       Map<String, SorenessAssessment> assessments) {

    /**
     * The period's pain.
     *
     * @param entries       entries recorded
     * @param painDays      days with pain (intensity ≥ 1)
     * @param meanIntensity mean intensity; null without entries
     * @param maxIntensity  highest intensity; null without entries
     * @param redFlags      entries with at least one red flag
     * @param assessed      entries per soreness verdict
     */
    public record PainSummary(int entries, int painDays, Double meanIntensity, Integer maxIntensity, int redFlags,
                              Map<SorenessAssessment.Kind, Integer> assessed) {
    }

    /** Patterns and triggers: the analysis status, and the triggers the data supports (empty when thin). */
    public record Patterns(PatternAnalysis.Status status, int spanDays, int entries, int tested,
                           List<Trigger> findings) {
    }

    /** A supported trigger, with its evidence. */
    public record Trigger(String kind, String trigger, String label, int exposedEntries, int baselineEntries,
                          int sessions, double exposedMean, double baselineMean, double difference,
                          double rankBiserial, double pValue, double qValue, String summary) {

        static Trigger of(PatternAnalysis.Finding f) {
            return new Trigger(f.trigger().kind().name().toLowerCase(Locale.ROOT), f.trigger().value(), f.trigger().label(),
                    f.exposedEntries(), f.baselineEntries(), f.sessions(), round(f.exposedMean(), 10),
                    round(f.baselineMean(), 10), round(f.difference(), 10), round(f.rankBiserial(), 100),
                    f.pValue(), f.qValue(), f.summary());
        }
    }

    /** The sessions of the journal as the rules see them (context included). */
    static List<TrainingSession> sessions(PeriodJournal journal) {
        return journal.exerciseContext().stream().map(ExerciseEntries::session).toList();
    }

    public static Insights of(PeriodJournal journal) {
        ZoneId zone = journal.period().zone();
        List<PainObservation> pain = PainEntries.observations(journal.painEntries());
        List<TrainingSession> sessions = sessions(journal);
        Map<String, SorenessAssessment> allAssessments = PainAssessments.assess(journal.painHistory(), zone);
        Map<String, SorenessAssessment> assessments = new java.util.LinkedHashMap<>();
        Map<SorenessAssessment.Kind, Integer> assessed = new EnumMap<>(SorenessAssessment.Kind.class);
        for (PainEntry entry : journal.painEntries()) {
            SorenessAssessment assessment = allAssessments.get(entry.id);
            assessments.put(entry.id, assessment);
            assessed.merge(assessment.kind(), 1, Integer::sum);
        }
        int flagged = (int) journal.redFlags().stream().map(f -> f.painEntryId).distinct().count();
        PainSummary summary = new PainSummary(pain.size(),
                (int) pain.stream().filter(PainObservation::hurts).map(p -> p.at().atZone(zone).toLocalDate()).distinct().count(),
                pain.isEmpty() ? null : round(pain.stream().mapToInt(PainObservation::intensity).average().orElseThrow(), 10),
                pain.isEmpty() ? null : pain.stream().mapToInt(PainObservation::intensity).max().orElseThrow(),
                flagged, assessed);
        WeeklyProgress.Progress progress = WeeklyProgress.of(journal.period().from(), journal.period().to(), pain,
                sessions, zone);
        PatternAnalysis.Report report = PatternAnalysis.analyse(pain, sessions, zone);
        Patterns patterns = new Patterns(report.status(), report.spanDays(), report.entries(), report.tested(),
                report.findings().stream().map(Trigger::of).toList());
        return new Insights(journal.wearer().id, journal.wearer().clinicId, journal.period().from(), journal.period().to(),
                zone.getId(), summary, progress, patterns, assessments);
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }
}
