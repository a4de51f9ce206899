package io.spinestream.journal.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spinestream.events.payload.Limits;
import io.spinestream.journal.exercise.ExerciseEntries;
import io.spinestream.journal.exercise.ExerciseEntry;
import io.spinestream.journal.insight.Insights;
import io.spinestream.journal.insight.JournalAlert;
import io.spinestream.journal.insight.PeriodJournal;
import io.spinestream.journal.insight.rules.ClinicalRules;
import io.spinestream.journal.insight.rules.PatternAnalysis;
import io.spinestream.journal.insight.rules.SorenessAssessment;
import io.spinestream.journal.insight.rules.WeeklyProgress;
import io.spinestream.journal.pain.PainEntry;
import io.spinestream.journal.pain.PainRedFlag;
import io.spinestream.journal.shared.JsonColumns;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Builds the {@link ReportModel} of a period from what was recorded and inferred. */
public final class ReportBuilder {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DASH = "–";

    private ReportBuilder() {
    }

    public static ReportModel build(PeriodJournal journal, Insights insights, String chartJs, String chartJsVersion,
                                    Instant now) {
        ZoneId zone = journal.period().zone();
        Map<String, List<PainRedFlag>> flagsByEntry = journal.redFlags().stream()
                .collect(Collectors.groupingBy(f -> f.painEntryId, LinkedHashMap::new, Collectors.toList()));
        WeeklyProgress.Progress progress = insights.progress();
        Insights.PainSummary pain = insights.pain();

        List<ExerciseEntry> training = journal.exercise().stream()
                .filter(e -> !ClinicalRules.NOT_TRAINING.contains(e.activity)).toList();
        long volumeMs = training.stream().mapToLong(e -> e.volumeMs).sum();
        List<Integer> scores = training.stream().filter(e -> e.formScore != null).map(e -> (int) e.formScore).toList();
        Map<String, Integer> faultCounts = new TreeMap<>();
        for (ExerciseEntry e : journal.exercise()) {
            ExerciseEntries.faults(e).forEach((code, count) -> faultCounts.merge(code, count, Integer::sum));
        }
        long advisories = journal.alerts().stream().filter(a -> JournalAlert.ADVISORY.equals(a.kind)).count();

        List<ReportModel.Tile> tiles = List.of(
                new ReportModel.Tile("pain-entries", "Pain entries", Integer.toString(pain.entries()),
                        pain.painDays() + " days with pain"),
                new ReportModel.Tile("mean-pain", "Mean pain (0–10)", one(pain.meanIntensity()),
                        pain.maxIntensity() == null ? "no entries" : "highest " + pain.maxIntensity()),
                new ReportModel.Tile("red-flag-entries", "Entries with red flags", Integer.toString(pain.redFlags()),
                        journal.redFlags().size() + " flags"),
                new ReportModel.Tile("sessions", "Training sessions", Integer.toString(training.size()),
                        training.stream().filter(e -> ExerciseEntry.BELT.equals(e.source)).count() + " from the belt"),
                new ReportModel.Tile("volume", "Training volume (min)", one(volumeMs / 60_000.0),
                        "time under load + manual durations"),
                new ReportModel.Tile("form-score", "Mean form score", scores.isEmpty() ? DASH
                        : one(scores.stream().mapToInt(Integer::intValue).average().orElseThrow()), scores.size() + " scored sessions"),
                new ReportModel.Tile("advisories", "Advisories", Long.toString(advisories), "load and persistence"));

        List<ReportModel.RedFlagRow> redFlags = new ArrayList<>();
        for (PainEntry entry : journal.painEntries()) {
            List<PainRedFlag> flags = flagsByEntry.get(entry.id);
            if (flags == null) {
                continue;
            }
            boolean critical = flags.stream().anyMatch(f -> "critical".equals(f.severity));
            redFlags.add(new ReportModel.RedFlagRow(entry.recordedAt.atZone(zone).format(DATE_TIME),
                    critical ? "critical" : "warning",
                    flags.stream().map(f -> words(f.code)).collect(Collectors.joining(", ")),
                    flags.stream().map(f -> f.reason).collect(Collectors.joining("; ")), entry.id));
        }

        List<ReportModel.AdvisoryRow> advisoryRows = journal.alerts().stream()
                .filter(a -> JournalAlert.ADVISORY.equals(a.kind))
                .map(a -> new ReportModel.AdvisoryRow(a.occurredAt.atZone(zone).format(DATE_TIME), a.code, a.severity, a.reason))
                .toList();

        List<ReportModel.WeekRow> weeks = new ArrayList<>();
        for (WeeklyProgress.Week w : progress.weeks()) {
            Double line = previousLine(w);
            boolean above = line != null && w.volumeMinutes() > line;
            weeks.add(new ReportModel.WeekRow(w.week(), w.weekStart().format(SHORT) + DASH + w.weekStart().plusDays(6).format(SHORT),
                    Integer.toString(w.painEntries()), Integer.toString(w.painDays()), one(w.meanPain()),
                    w.maxPain() == null ? DASH : w.maxPain().toString(), Integer.toString(w.sessions()),
                    Integer.toString(w.trainingDays()), one(w.volumeMinutes()), signed(w.volumeChangePercent()),
                    one(line), above, one(w.meanFormScore()), Integer.toString(w.faults())));
        }

        List<ReportModel.Row> trends = List.of(
                new ReportModel.Row("Pain", trend(progress.painSlopePerWeek(), "points per week", Boolean.TRUE)),
                // More volume is neither better nor worse by itself: the 10 % rule judges it.
                new ReportModel.Row("Training volume", trend(progress.volumeSlopePerWeek(), "minutes per week", null)),
                new ReportModel.Row("Form score", trend(progress.formScoreSlopePerWeek(), "points per week", Boolean.FALSE)));

        List<ReportModel.PainRow> painRows = new ArrayList<>();
        for (PainEntry e : journal.painEntries()) {
            SorenessAssessment assessment = insights.assessments().get(e.id);
            List<PainRedFlag> flags = flagsByEntry.getOrDefault(e.id, List.of());
            painRows.add(new ReportModel.PainRow(e.recordedAt.atZone(zone).format(DATE_TIME), Integer.toString(e.intensity),
                    codes(e.locations), codes(e.qualities),
                    e.onset == null ? DASH : words(e.onset) + (e.onsetHours == null ? "" : " (" + one(e.onsetHours) + " h)"),
                    e.symptoms.length == 0 ? DASH : codes(e.symptoms),
                    words(assessment.kind().name().toLowerCase(Locale.ROOT)), assessment.reason(),
                    flags.isEmpty() ? DASH : flags.stream().map(f -> words(f.code)).collect(Collectors.joining(", ")),
                    flags.stream().anyMatch(f -> "critical".equals(f.severity)), !flags.isEmpty()));
        }

        List<ReportModel.ExerciseRow> exerciseRows = journal.exercise().stream().map(e -> new ReportModel.ExerciseRow(
                e.startedAt.atZone(zone).format(DATE_TIME), e.source,
                words(e.activity) + (e.exerciseName == null ? "" : " (" + e.exerciseName + ")"),
                one(Duration.between(e.startedAt, e.endedAt).toSeconds() / 60.0) + " min",
                one(e.volumeMs / 60_000.0) + " min",
                e.reps == null ? DASH : (e.sets == null ? "" : e.sets + " × ") + e.reps,
                e.formScore == null ? DASH : e.formScore.toString(),
                ExerciseEntries.faults(e).isEmpty() ? DASH : ExerciseEntries.faults(e).entrySet().stream()
                        .map(f -> f.getKey() + " × " + f.getValue()).collect(Collectors.joining(", ")),
                e.rpe == null ? DASH : e.rpe.toString())).toList();

        return new ReportModel(journal.wearer().id, journal.wearer().displayName, journal.wearer().externalRef,
                journal.wearer().birthYear == null ? "not recorded" : journal.wearer().birthYear.toString(),
                journal.wearer().conditions.length == 0 ? "none recorded" : codes(journal.wearer().conditions),
                limits(JsonColumns.read(journal.wearer().limits, Limits.class)),
                journal.period().from().format(DATE) + " to " + journal.period().to().format(DATE)
                        + " (" + journal.period().days() + " days)",
                zone.getId(), now.atZone(zone).format(DATE_TIME), journal.wearer().clinicId, tiles, redFlags, advisoryRows,
                weeks, trends, patterns(insights.patterns()), painRows, exerciseRows,
                faultCounts.entrySet().stream().map(f -> new ReportModel.Row(f.getKey(), f.getValue().toString())).toList(),
                chartData(journal, insights, faultCounts), chartJs, chartJsVersion, sources());
    }

    /** The 10 % line: last week's volume × 1.1; null when last week had none. */
    private static Double previousLine(WeeklyProgress.Week w) {
        return w.previousVolumeMinutes() == null ? null
                : Math.round(w.previousVolumeMinutes() * (100 + ClinicalRules.WEEKLY_INCREASE_LIMIT_PERCENT) / 10.0) / 10.0;
    }

    private static ReportModel.PatternBlock patterns(Insights.Patterns patterns) {
        String method = "Mann–Whitney U (one-sided, exact up to 60 values) of pain within 48 h after a trigger against"
                + " all other entries; Benjamini–Hochberg q ≤ " + PatternAnalysis.FALSE_DISCOVERY_RATE
                + "; at least " + PatternAnalysis.MIN_EXPOSED_ENTRIES + " entries after " + PatternAnalysis.MIN_EXPOSURE_SESSIONS
                + " sessions and " + PatternAnalysis.MIN_BASELINE_ENTRIES + " other entries; difference ≥ "
                + one(PatternAnalysis.MIN_MEAN_DIFFERENCE) + " point.";
        String status = switch (patterns.status()) {
            case TOO_SHORT -> "Not enough data: the entries span " + patterns.spanDays() + " days; patterns need at least "
                    + ClinicalRules.PATTERN_MIN_DAYS + ".";
            case TOO_FEW_OBSERVATIONS -> "Not enough data: no activity, fault or time of day was followed by enough entries to compare.";
            case ANALYSED -> patterns.findings().isEmpty()
                    ? patterns.tested() + " candidate triggers compared over " + patterns.spanDays()
                    + " days; none was followed by clearly higher pain."
                    : patterns.tested() + " candidate triggers compared over " + patterns.spanDays() + " days; "
                    + patterns.findings().size() + " followed by higher pain:";
        };
        List<ReportModel.PatternRow> rows = patterns.findings().stream().map(t -> new ReportModel.PatternRow(
                t.label(), one(t.exposedMean()), one(t.baselineMean()), "+" + one(t.difference()),
                String.format(Locale.ROOT, "r = %.2f", t.rankBiserial()),
                t.exposedEntries() + " entries after " + t.sessions() + " sessions vs " + t.baselineEntries() + " others",
                String.format(Locale.ROOT, "%.4f", t.qValue()))).toList();
        return new ReportModel.PatternBlock(status, method, rows);
    }

    private static String chartData(PeriodJournal journal, Insights insights, Map<String, Integer> faults) {
        ZoneId zone = journal.period().zone();
        Instant start = journal.period().start();
        Map<String, Object> data = new LinkedHashMap<>();
        List<String> days = new ArrayList<>();
        for (int d = 0; d < journal.period().days(); d++) {
            days.add(journal.period().from().plusDays(d).format(SHORT));
        }
        Map<String, String> severityByEntry = new java.util.HashMap<>();
        journal.redFlags().forEach(f -> severityByEntry.merge(f.painEntryId, f.severity,
                (a, b) -> "critical".equals(a) || "critical".equals(b) ? "critical" : "warning"));
        List<Map<String, Object>> points = new ArrayList<>();
        Map<Integer, List<Integer>> byDay = new TreeMap<>();
        for (PainEntry e : journal.painEntries()) {
            double x = Duration.between(start, e.recordedAt).toMinutes() / 1440.0;
            points.add(Map.of("x", Math.round(x * 1000) / 1000.0, "y", (int) e.intensity,
                    "flag", severityByEntry.getOrDefault(e.id, "none"),
                    "label", e.recordedAt.atZone(zone).format(DATE_TIME)));
            byDay.computeIfAbsent((int) Math.floor(x), k -> new ArrayList<>()).add((int) e.intensity);
        }
        List<Map<String, Object>> dailyMean = byDay.entrySet().stream().map(d -> Map.<String, Object>of("x", d.getKey() + 0.5,
                "y", Math.round(d.getValue().stream().mapToInt(Integer::intValue).average().orElseThrow() * 10) / 10.0)).toList();
        data.put("pain", Map.of("days", days, "points", points, "dailyMean", dailyMean));

        List<String> weeks = new ArrayList<>();
        List<Double> minutes = new ArrayList<>();
        List<Double> line = new ArrayList<>();
        List<Double> form = new ArrayList<>();
        for (WeeklyProgress.Week w : insights.progress().weeks()) {
            weeks.add(w.week());
            minutes.add(w.volumeMinutes());
            line.add(previousLine(w));
            form.add(w.meanFormScore());
        }
        data.put("volume", mapOf("weeks", weeks, "minutes", minutes, "tenPercentLine", line));
        data.put("form", mapOf("weeks", weeks, "score", form));
        data.put("faults", Map.of("codes", List.copyOf(faults.keySet()), "counts", List.copyOf(faults.values())));
        try {
            // "</" inside a script element would end it; "<\/" is the same string to JavaScript.
            return MAPPER.writeValueAsString(data).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chart data is not serializable", e);
        }
    }

    /** Like Map.of, but values may be lists holding nulls (weeks without data). */
    private static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<ReportModel.Row> limits(Limits limits) {
        List<ReportModel.Row> rows = new ArrayList<>();
        for (RecordComponent component : Limits.class.getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(limits);
                if (value != null) {
                    rows.add(new ReportModel.Row(component.getName(), value.toString()));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Limits accessor " + component.getName(), e);
            }
        }
        return rows;
    }

    private static List<String> sources() {
        return List.of(
                "Red flags: seed 003 (FAQ “How do I know if my back pain is serious?”, “…need to see a doctor…”) and seed 002"
                        + " (“Watch for these Red Flags”). Critical: bladder or bowel change, saddle numbness, progressive leg"
                        + " weakness. Warning: fever, unexplained weight loss, night pain, after trauma, pain with numbness,"
                        + " tingling, weakness or radiating leg pain, intensity ≥ 8, first back pain over 50.",
                "Soreness or concerning pain: seed 003 “Differentiating Exercise-Related Pain from Normal Soreness” (DOMS onset"
                        + " 12–72 h, dull or aching, improves with movement; concerning: onset during or right after exercise,"
                        + " sharp/stabbing/burning/tingling/electric, worsens with movement, beyond 7 days).",
                "Persistence: pain on most days (more than half) over more than 14 days; seed 003 “Taking the Next Steps”.",
                "Load: 10 % rule (seed 003 “The 10% Rule”), at least one rest day per week and a deload week every 4–8 weeks"
                        + " (“Incorporating Recovery Days”), 48 h between strength sessions of one kind (“Strength Training”).",
                "Patterns: seed 003 (“at least two weeks … identify patterns and potential triggers”).");
    }

    /** {@code lowerIsBetter}: null when the direction is not a judgement. */
    private static String trend(Double slope, String unit, Boolean lowerIsBetter) {
        if (slope == null) {
            return "not enough weeks with data";
        }
        String direction = Math.abs(slope) < 0.05 ? "flat" : slope < 0 ? "falling" : "rising";
        String judgement = "flat".equals(direction) || lowerIsBetter == null ? ""
                : ((slope < 0) == lowerIsBetter ? " (better)" : " (worse)");
        return direction + judgement + ": " + (slope > 0 ? "+" : "") + String.format(Locale.ROOT, "%.2f", slope) + " " + unit;
    }

    private static String codes(String[] codes) {
        return java.util.Arrays.stream(codes).map(ReportBuilder::words).collect(Collectors.joining(", "));
    }

    private static String words(String code) {
        return code.replace('_', ' ');
    }

    static String one(Double value) {
        return value == null ? DASH : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String one(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String signed(Double percent) {
        return percent == null ? DASH : (percent > 0 ? "+" : "") + String.format(Locale.ROOT, "%.1f %%", percent);
    }
}
