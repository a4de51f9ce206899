package io.spinestream.analysis.core;

import io.spinestream.events.payload.AlertCodes;
import io.spinestream.events.payload.RepMetrics;
import io.spinestream.events.payload.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One thing the analyzer raised (form-analysis.md "What the analyzer emits"): a fault, an
 * advisory, a calibration result, or a session summary. One type for all, so the offline
 * NDJSON is uniform; fields that do not apply are {@code null}.
 *
 * @param id          deterministic event id (docs/events.md): for alerts
 *                    {@code EventIds.of(FORM_FAULT|FORM_ADVISORY, beltId, seq, sampleIndex, type)},
 *                    for summaries {@code EventIds.of(SESSION_SUMMARY, sessionId)}
 * @param type        a fault code, {@code MOVEMENT_BREAK_DUE}, {@code CALIBRATION_NEEDED},
 *                    {@code CALIBRATED} or {@code SESSION_SUMMARY}
 * @param severity    {@code info}, {@code warning} or {@code critical}
 * @param clinicId    tenant; {@code null} offline
 * @param beltId      the belt
 * @param wearerId    the wearer; {@code null} when the belt was not assigned
 * @param activity    activity code of the batch / session
 * @param at          instant of the sample at which it was raised (summaries: the last sample)
 * @param value       the measured value; {@code null} when there is none
 * @param limit       the limit it broke; {@code null} when there is none
 * @param unit        unit of value and limit; {@code null} when there is no value
 * @param late        raised from a batch that arrived after newer ones of its belt: no haptics
 * @param sessionId   the session it happened in; {@code null} for a late batch outside the
 *                    open session
 * @param reason      the rule that decided it, human-readable
 * @param details     further facts (e.g. the neutral angles of {@code CALIBRATED}); never null
 * @param seq         seq of the batch holding the sample that raised it
 * @param sampleIndex index of that sample in its batch
 * @param startedAt   summaries: first sample
 * @param endedAt     summaries: last sample
 * @param reps        summaries: repetitions counted
 * @param holdSeconds summaries: hold time of a static hold, else 0
 * @param formScore   summaries: 0–100, share of reps (or of time) free of faults
 * @param faults      summaries: fault code → episodes in the session (codes with at least one)
 * @param timeUnderLoadSeconds summaries: time in a loaded activity or loaded posture
 * @param impacts     summaries: {@code pelvisAcc} peaks above the impact limit
 * @param repMetrics  summaries: one entry per rep, for the first {@value BeltAnalyzer#MAX_REP_METRICS}
 *                    reps of the session ({@link #repMetricsTruncated()} when there were more)
 */
public record AnalysisEvent(
        String id,
        String type,
        Severity severity,
        String clinicId,
        String beltId,
        String wearerId,
        String activity,
        Instant at,
        Double value,
        Double limit,
        String unit,
        boolean late,
        String sessionId,
        String reason,
        Map<String, String> details,
        long seq,
        int sampleIndex,
        Instant startedAt,
        Instant endedAt,
        Integer reps,
        Double holdSeconds,
        Integer formScore,
        Map<String, Integer> faults,
        Double timeUnderLoadSeconds,
        Integer impacts,
        List<RepMetrics> repMetrics) {

    public static final String SESSION_SUMMARY = "SESSION_SUMMARY";
    public static final String CALIBRATED = "CALIBRATED";
    public static final String CALIBRATION_NEEDED = "CALIBRATION_NEEDED";

    public AnalysisEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
        faults = faults == null ? null : Map.copyOf(faults);
        repMetrics = repMetrics == null ? null : List.copyOf(repMetrics);
    }

    /**
     * A summary whose {@code repMetrics} itemise only the first {@value BeltAnalyzer#MAX_REP_METRICS}
     * of its {@code reps} (which, like the form score, still count every rep).
     */
    public boolean repMetricsTruncated() {
        return reps != null && repMetrics != null && reps > repMetrics.size();
    }

    /** Whether this is a {@code SESSION_SUMMARY}. */
    public boolean isSummary() {
        return SESSION_SUMMARY.equals(type);
    }

    /** Whether this is a fault (travels as {@code FORM_FAULT}). */
    public boolean isFault() {
        return AlertCodes.FORM_FAULTS.contains(type);
    }

    /** Whether this is an advisory ({@code MOVEMENT_BREAK_DUE}, {@code CALIBRATION_NEEDED}, {@code CALIBRATED}). */
    public boolean isAdvisory() {
        return !isSummary() && !isFault();
    }
}
