package io.spinestream.analysis.core;

/**
 * The limits the analyzer applies to one wearer, after {@link LimitResolver} has combined the
 * defaults, the wearer's conditions and the clinician's limits. Plain values, no nulls.
 *
 * @param flexionDeg           lumbar flexion: ROUNDED_BACK and SLUMPED_SITTING, degrees
 * @param extensionDeg         lumbar extension: EXCESSIVE_ARCH, degrees
 * @param rotationDeg          |lumbar rotation|: TWIST_UNDER_LOAD, degrees
 * @param sideBendDeg          |lumbar side-bend|: SIDE_BEND_UNDER_LOAD, degrees
 * @param impactG              a counted impact peak, g
 * @param impactsPerMinute     peaks allowed within any 60 s
 * @param peakImpactG          a single peak that is a HIGH_IMPACT by itself, g
 * @param breathHoldSeconds    BREATH_HOLD duration, s
 * @param slumpMinutes         SLUMPED_SITTING minimum duration, min
 * @param movementBreakMinutes MOVEMENT_BREAK_DUE interval, min
 * @param overuseRepsPerHour   loaded reps allowed within any 60 min
 */
public record EffectiveLimits(
        double flexionDeg,
        double extensionDeg,
        double rotationDeg,
        double sideBendDeg,
        double impactG,
        int impactsPerMinute,
        double peakImpactG,
        double breathHoldSeconds,
        double slumpMinutes,
        double movementBreakMinutes,
        int overuseRepsPerHour) {

    /** form-analysis.md's default limits. */
    public static final EffectiveLimits DEFAULTS =
            new EffectiveLimits(20, 15, 15, 15, 3.0, 30, 6.0, 8, 5, 45, 150);

    /** Hysteresis of the angle faults: an episode ends once back inside the limit by this much. */
    public static final double HYSTERESIS_DEG = 3.0;

    /**
     * The angle at or below which an open episode of an angle fault with this limit ends:
     * {@code limit − 3°}. For limits under 6° (only a clinician can set those) the margin is
     * half the limit instead, so that a magnitude limit ({@code |rotation|}) can still be
     * released.
     */
    public static double releaseBelow(double limitDeg) {
        return limitDeg - Math.min(HYSTERESIS_DEG, limitDeg / 2);
    }
}
