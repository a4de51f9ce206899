package io.spinestream.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * Vibration patterns a belt plays (form-analysis.md "Haptic feedback"). The belt command
 * carries only the pattern name; {@link #pulses()} is what a belt (or its relay) plays, so
 * every belt feels the same pattern for the same fault. Serialised lowercase.
 */
public enum HapticPattern {
    /** {@code ROUNDED_BACK}. */
    @JsonProperty("two_short")
    TWO_SHORT(100, List.of(new Pulse(150, 100), new Pulse(150, 0))),
    /** {@code EXCESSIVE_ARCH}. */
    @JsonProperty("one_long")
    ONE_LONG(100, List.of(new Pulse(600, 0))),
    /** {@code TWIST_UNDER_LOAD}. */
    @JsonProperty("three_short")
    THREE_SHORT(100, List.of(new Pulse(150, 100), new Pulse(150, 100), new Pulse(150, 0))),
    /** Every other fault. */
    @JsonProperty("one_short")
    ONE_SHORT(100, List.of(new Pulse(150, 0))),
    /** Advisories ({@code MOVEMENT_BREAK_DUE}, {@code CALIBRATION_NEEDED}): once, gently. */
    @JsonProperty("gentle_once")
    GENTLE_ONCE(40, List.of(new Pulse(300, 0)));

    /**
     * One pulse: the motor on for {@code onMs}, then off for {@code offMs} before the next
     * pulse (0 after the last).
     */
    public record Pulse(int onMs, int offMs) {
        public Pulse {
            if (onMs <= 0 || offMs < 0) {
                throw new IllegalArgumentException("onMs must be > 0 and offMs >= 0");
            }
        }
    }

    private final int intensityPercent;
    private final List<Pulse> pulses;

    HapticPattern(int intensityPercent, List<Pulse> pulses) {
        this.intensityPercent = intensityPercent;
        this.pulses = pulses;
    }

    /** Motor strength, percent of full. */
    public int intensityPercent() {
        return intensityPercent;
    }

    /** The pulses in order. */
    public List<Pulse> pulses() {
        return pulses;
    }

    /** How long the pattern takes to play. */
    public int totalMillis() {
        return pulses.stream().mapToInt(p -> p.onMs() + p.offMs()).sum();
    }

    /**
     * The pattern for a form-analysis alert code, or empty when that code does not vibrate
     * ({@code CALIBRATED}). Codes not named by the spec (any other fault) get
     * {@link #ONE_SHORT}. Whether an alert vibrates at all (not {@code late}, rate limit of one
     * command per code per belt every 2 s) is the router's decision, not this mapping's.
     */
    public static Optional<HapticPattern> forCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return switch (code) {
            case AlertCodes.ROUNDED_BACK -> Optional.of(TWO_SHORT);
            case AlertCodes.EXCESSIVE_ARCH -> Optional.of(ONE_LONG);
            case AlertCodes.TWIST_UNDER_LOAD -> Optional.of(THREE_SHORT);
            case AlertCodes.MOVEMENT_BREAK_DUE, AlertCodes.CALIBRATION_NEEDED -> Optional.of(GENTLE_ONCE);
            case AlertCodes.CALIBRATED -> Optional.empty();
            default -> Optional.of(ONE_SHORT);
        };
    }
}
