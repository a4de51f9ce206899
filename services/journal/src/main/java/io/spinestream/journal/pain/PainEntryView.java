package io.spinestream.journal.pain;

import io.spinestream.journal.insight.rules.SorenessAssessment;

import java.time.Instant;
import java.util.List;

/**
 * A pain entry as the API shows it, with what was inferred from it: its red flags and whether it
 * looks like normal soreness or concerning pain (and the rule that decided).
 */
public record PainEntryView(String id, String clinicId, String wearerId, Instant at, String exerciseEntryId,
                            List<String> locations, List<String> qualities, int intensity, String onset,
                            Double onsetHours, List<String> worseAt, List<String> triggers, String triggersText,
                            List<String> relievingFactors, String relievingText, List<String> symptoms,
                            String movementResponse, List<Treatment> treatments, Integer mood, Integer stress,
                            String note, String recordedBy, Instant createdAt, List<RedFlagView> redFlags,
                            SorenessAssessment assessment) {

    /** A red flag of the entry; the entry's alert carries the first (most severe). */
    public record RedFlagView(String code, String severity, String rule, String reason) {

        static RedFlagView of(PainRedFlag flag) {
            return new RedFlagView(flag.code, flag.severity, flag.rule, flag.reason);
        }
    }

    public static PainEntryView of(PainEntry e, List<PainRedFlag> flags, SorenessAssessment assessment) {
        return new PainEntryView(e.id, e.clinicId, e.wearerId, e.recordedAt, e.exerciseEntryId, List.of(e.locations),
                List.of(e.qualities), e.intensity, e.onset, e.onsetHours, List.of(e.worseAt), List.of(e.triggers),
                e.triggersText, List.of(e.relievingFactors), e.relievingText, List.of(e.symptoms), e.movementResponse,
                PainEntries.treatments(e), e.mood == null ? null : e.mood.intValue(),
                e.stress == null ? null : e.stress.intValue(), e.note, e.recordedBy, e.createdAt,
                flags.stream().sorted(java.util.Comparator.comparing((PainRedFlag f) -> "critical".equals(f.severity) ? 0 : 1)
                        .thenComparing(f -> f.code)).map(RedFlagView::of).toList(),
                assessment);
    }
}
