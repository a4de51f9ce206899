package io.spinestream.events.payload;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A closed exercise session: a run of batches of one belt with the same activity.
 *
 * @param sessionId            stable id of the session
 * @param clinicId             tenant
 * @param beltId               the belt
 * @param wearerId             the wearer; {@code null} when the belt was not assigned
 * @param activity             activity code of the session
 * @param startedAt            first sample
 * @param endedAt              last sample
 * @param reps                 repetitions counted (0 where the activity has none)
 * @param holdSeconds          hold time for static holds (planks, sitting); 0 otherwise
 * @param timeUnderLoadSeconds time spent in a loaded activity or loaded posture
 * @param impacts              {@code pelvisAcc} peaks above the impact limit
 * @param formScore            0–100: share of reps (or of hold time) free of faults
 * @param faults               fault code → episodes in the session; never null
 * @param repMetrics           one entry per rep; never null, empty without reps
 */
public record SessionSummary(
        String sessionId,
        String clinicId,
        String beltId,
        String wearerId,
        String activity,
        Instant startedAt,
        Instant endedAt,
        int reps,
        double holdSeconds,
        double timeUnderLoadSeconds,
        int impacts,
        int formScore,
        Map<String, Integer> faults,
        List<RepMetrics> repMetrics) {

    public SessionSummary {
        Payloads.requiredText(sessionId, "sessionId");
        Payloads.requiredText(beltId, "beltId");
        Payloads.required(startedAt, "startedAt");
        Payloads.required(endedAt, "endedAt");
        faults = Payloads.map(faults);
        repMetrics = Payloads.list(repMetrics);
    }
}
