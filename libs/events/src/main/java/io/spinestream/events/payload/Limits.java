package io.spinestream.events.payload;

/**
 * Limits a clinician set for a wearer. Every field is nullable: {@code null} means "not set
 * by the clinician", so the default tightened by the wearer's conditions applies; a set value
 * is the wearer's limit whatever the conditions say.
 *
 * @param flexionDeg           lumbar flexion (rounded back), degrees
 * @param extensionDeg         lumbar extension (arch), degrees
 * @param rotationDeg          |lumbar rotation| under load, degrees
 * @param sideBendDeg          |lumbar side-bend| under load, degrees
 * @param impactG              a counted impact peak, g
 * @param impactsPerMinute     impact peaks allowed within any 60 s
 * @param peakImpactG          a single peak that is a fault by itself, g
 * @param breathHoldSeconds    breath hold under load, seconds
 * @param slumpMinutes         slumped sitting, minutes
 * @param movementBreakMinutes sitting/standing still before a break is due, minutes
 * @param overuseRepsPerHour   loaded reps allowed within any 60 min
 */
public record Limits(
        Double flexionDeg,
        Double extensionDeg,
        Double rotationDeg,
        Double sideBendDeg,
        Double impactG,
        Integer impactsPerMinute,
        Double peakImpactG,
        Double breathHoldSeconds,
        Double slumpMinutes,
        Double movementBreakMinutes,
        Integer overuseRepsPerHour) {

    private static final Limits NONE =
            new Limits(null, null, null, null, null, null, null, null, null, null, null);

    /** No limit set by the clinician: defaults and conditions decide everything. */
    public static Limits none() {
        return NONE;
    }
}
