package io.spinestream.journal.wearer;

import io.spinestream.events.payload.Limits;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Limits a clinician sets (form-analysis.md, "Limits per wearer"); an absent field is not set, so
 * form analysis applies its default tightened by the wearer's conditions. The bounds only keep out
 * values no belt could mean (a 0° limit, a 500 g impact).
 */
public record LimitsRequest(
        @DecimalMin("1") @DecimalMax("90") Double flexionDeg,
        @DecimalMin("1") @DecimalMax("60") Double extensionDeg,
        @DecimalMin("1") @DecimalMax("90") Double rotationDeg,
        @DecimalMin("1") @DecimalMax("60") Double sideBendDeg,
        @DecimalMin("1") @DecimalMax("16") Double impactG,
        @Min(1) @Max(600) Integer impactsPerMinute,
        @DecimalMin("1") @DecimalMax("32") Double peakImpactG,
        @DecimalMin("1") @DecimalMax("120") Double breathHoldSeconds,
        @DecimalMin("1") @DecimalMax("240") Double slumpMinutes,
        @DecimalMin("1") @DecimalMax("480") Double movementBreakMinutes,
        @Min(1) @Max(5000) Integer overuseRepsPerHour) {

    public Limits toLimits() {
        return new Limits(flexionDeg, extensionDeg, rotationDeg, sideBendDeg, impactG, impactsPerMinute, peakImpactG,
                breathHoldSeconds, slumpMinutes, movementBreakMinutes, overuseRepsPerHour);
    }
}
