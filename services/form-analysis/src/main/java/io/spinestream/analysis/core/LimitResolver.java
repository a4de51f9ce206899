package io.spinestream.analysis.core;

import io.spinestream.events.payload.Limits;
import java.util.Collection;

/**
 * Resolves a wearer's {@link EffectiveLimits} (form-analysis.md "Limits per wearer"): start
 * from the defaults; each condition on the profile proposes tighter angle limits; where
 * several propose a value for the same limit the tightest (smallest) wins; finally every
 * limit the clinician set replaces the result, tighter or looser (the clinician has the last
 * word). Pure and cheap; called once per batch.
 *
 * <p>Condition presets (seed 003, "Exercise Modifications for Common Back Conditions"):
 * <ul>
 *   <li>{@code disc_herniation}: flexion 12°, rotation 10° (avoid flexion under load, and
 *       flexion with twist);</li>
 *   <li>{@code spinal_stenosis}, {@code spondylolisthesis}: extension 8°;</li>
 *   <li>{@code facet_irritation}: extension 10°, rotation 10°;</li>
 *   <li>{@code muscle_strain}: every angle limit (flexion, extension, rotation, side-bend)
 *       × 0.8 of its default.</li>
 * </ul>
 * Unknown condition codes are ignored. A clinician value that is not a finite number ≥ 0 is
 * treated as not set (it cannot be a limit).
 */
public final class LimitResolver {

    public static final String DISC_HERNIATION = "disc_herniation";
    public static final String SPINAL_STENOSIS = "spinal_stenosis";
    public static final String SPONDYLOLISTHESIS = "spondylolisthesis";
    public static final String FACET_IRRITATION = "facet_irritation";
    public static final String MUSCLE_STRAIN = "muscle_strain";

    /** {@code muscle_strain} scales every angle limit by this. */
    public static final double MUSCLE_STRAIN_FACTOR = 0.8;

    private LimitResolver() {
    }

    /**
     * @param conditions condition codes; {@code null} = none
     * @param clinician  clinician-set limits; {@code null} = none
     */
    public static EffectiveLimits resolve(Collection<String> conditions, Limits clinician) {
        EffectiveLimits d = EffectiveLimits.DEFAULTS;
        double flexion = d.flexionDeg();
        double extension = d.extensionDeg();
        double rotation = d.rotationDeg();
        double sideBend = d.sideBendDeg();
        if (conditions != null) {
            for (String condition : conditions) {
                if (condition == null) {
                    continue;
                }
                switch (condition) {
                    case DISC_HERNIATION -> {
                        flexion = Math.min(flexion, 12);
                        rotation = Math.min(rotation, 10);
                    }
                    case SPINAL_STENOSIS, SPONDYLOLISTHESIS -> extension = Math.min(extension, 8);
                    case FACET_IRRITATION -> {
                        extension = Math.min(extension, 10);
                        rotation = Math.min(rotation, 10);
                    }
                    case MUSCLE_STRAIN -> {
                        flexion = Math.min(flexion, d.flexionDeg() * MUSCLE_STRAIN_FACTOR);
                        extension = Math.min(extension, d.extensionDeg() * MUSCLE_STRAIN_FACTOR);
                        rotation = Math.min(rotation, d.rotationDeg() * MUSCLE_STRAIN_FACTOR);
                        sideBend = Math.min(sideBend, d.sideBendDeg() * MUSCLE_STRAIN_FACTOR);
                    }
                    default -> {
                        // not a condition that changes limits
                    }
                }
            }
        }
        if (clinician == null) {
            return new EffectiveLimits(flexion, extension, rotation, sideBend, d.impactG(),
                    d.impactsPerMinute(), d.peakImpactG(), d.breathHoldSeconds(), d.slumpMinutes(),
                    d.movementBreakMinutes(), d.overuseRepsPerHour());
        }
        return new EffectiveLimits(
                set(clinician.flexionDeg(), flexion),
                set(clinician.extensionDeg(), extension),
                set(clinician.rotationDeg(), rotation),
                set(clinician.sideBendDeg(), sideBend),
                set(clinician.impactG(), d.impactG()),
                set(clinician.impactsPerMinute(), d.impactsPerMinute()),
                set(clinician.peakImpactG(), d.peakImpactG()),
                set(clinician.breathHoldSeconds(), d.breathHoldSeconds()),
                set(clinician.slumpMinutes(), d.slumpMinutes()),
                set(clinician.movementBreakMinutes(), d.movementBreakMinutes()),
                set(clinician.overuseRepsPerHour(), d.overuseRepsPerHour()));
    }

    private static double set(Double clinician, double otherwise) {
        return clinician != null && Double.isFinite(clinician) && clinician >= 0 ? clinician : otherwise;
    }

    private static int set(Integer clinician, int otherwise) {
        return clinician != null && clinician >= 0 ? clinician : otherwise;
    }
}
