package io.spinestream.events.payload;

import java.time.Instant;
import java.util.List;

/**
 * One counted repetition. Angles are lumbar angles from the wearer's calibrated neutral.
 *
 * @param index             1-based position in the session
 * @param startedAt         when the rep started
 * @param endedAt           when the rep ended
 * @param peakFlexionDeg    highest flexion during the rep (degrees, ≥ 0 when it flexed)
 * @param peakExtensionDeg  highest extension (−flexion) during the rep (degrees)
 * @param peakRotationDeg   highest |rotation| during the rep (degrees)
 * @param faults            fault codes raised during the rep; never null, may be empty
 */
public record RepMetrics(
        int index,
        Instant startedAt,
        Instant endedAt,
        double peakFlexionDeg,
        double peakExtensionDeg,
        double peakRotationDeg,
        List<String> faults) {

    public RepMetrics {
        faults = Payloads.list(faults);
    }
}
