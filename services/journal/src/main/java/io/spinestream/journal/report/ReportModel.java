package io.spinestream.journal.report;

import java.util.List;

/**
 * Everything the clinician report shows, already worded and formatted (numbers with one decimal,
 * times in the wearer's zone), so the template only lays it out. {@code externalRef}: the clinic's
 * own reference to the wearer (e.g. its patient number), null when none.
 */
public record ReportModel(
        String wearerId,
        String wearerName,
        String externalRef,
        String birthYear,
        String conditions,
        List<Row> limits,
        String period,
        String timeZone,
        String generatedAt,
        String clinicId,
        List<Tile> tiles,
        List<RedFlagRow> redFlags,
        List<AdvisoryRow> advisories,
        List<WeekRow> weeks,
        List<Row> trends,
        PatternBlock patterns,
        List<PainRow> painEntries,
        List<ExerciseRow> exercise,
        List<Row> faults,
        String chartData,
        String chartJs,
        String chartJsVersion,
        List<String> sources) {

    /** A label and its value. */
    public record Row(String label, String value) {
    }

    /** A headline number; {@code metric} names it for machines (data-metric). */
    public record Tile(String metric, String label, String value, String note) {
    }

    public record RedFlagRow(String at, String severity, String flags, String reason, String entryId) {
    }

    public record AdvisoryRow(String at, String code, String severity, String reason) {
    }

    public record WeekRow(String week, String dates, String painEntries, String painDays, String meanPain,
                          String maxPain, String sessions, String trainingDays, String volume, String change,
                          String tenPercentLine, boolean aboveTenPercentLine, String formScore, String faults) {
    }

    /** Patterns: what the analysis could say ({@code status}), and the supported triggers. */
    public record PatternBlock(String status, String method, List<PatternRow> rows) {
    }

    public record PatternRow(String trigger, String after, String otherwise, String difference, String effect,
                             String evidence, String q) {
    }

    public record PainRow(String at, String intensity, String locations, String qualities, String onset,
                          String symptoms, String assessment, String assessmentReason, String flags,
                          boolean critical, boolean warning) {
    }

    public record ExerciseRow(String at, String source, String activity, String duration, String volume, String reps,
                              String formScore, String faults, String rpe) {
    }
}
