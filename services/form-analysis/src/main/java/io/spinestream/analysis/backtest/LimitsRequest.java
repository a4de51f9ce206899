package io.spinestream.analysis.backtest;

import io.spinestream.events.payload.Limits;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Proposed clinician limits (form-analysis.md "Limits per wearer"); a field left out is not set,
 * so the default tightened by the proposed conditions applies.
 */
public record LimitsRequest(
        @PositiveOrZero @DecimalMax("180") Double flexionDeg,
        @PositiveOrZero @DecimalMax("180") Double extensionDeg,
        @PositiveOrZero @DecimalMax("180") Double rotationDeg,
        @PositiveOrZero @DecimalMax("180") Double sideBendDeg,
        @Positive @DecimalMax("50") Double impactG,
        @PositiveOrZero @Max(10_000) Integer impactsPerMinute,
        @Positive @DecimalMax("50") Double peakImpactG,
        @Positive @DecimalMax("600") Double breathHoldSeconds,
        @Positive @DecimalMax("1440") Double slumpMinutes,
        @Positive @DecimalMax("1440") Double movementBreakMinutes,
        @PositiveOrZero @Max(100_000) Integer overuseRepsPerHour) {

    Limits toLimits() {
        return new Limits(flexionDeg, extensionDeg, rotationDeg, sideBendDeg, impactG, impactsPerMinute, peakImpactG,
                breathHoldSeconds, slumpMinutes, movementBreakMinutes, overuseRepsPerHour);
    }
}
