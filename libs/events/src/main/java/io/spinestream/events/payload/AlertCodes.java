package io.spinestream.events.payload;

import java.util.Set;

/**
 * The alert codes form analysis raises (form-analysis.md). Journal and fleet codes are owned
 * by their services; {@link Alert#code()} is a plain string so they can add codes freely.
 */
public final class AlertCodes {

    public static final String ROUNDED_BACK = "ROUNDED_BACK";
    public static final String EXCESSIVE_ARCH = "EXCESSIVE_ARCH";
    public static final String TWIST_UNDER_LOAD = "TWIST_UNDER_LOAD";
    public static final String SIDE_BEND_UNDER_LOAD = "SIDE_BEND_UNDER_LOAD";
    public static final String HIGH_IMPACT = "HIGH_IMPACT";
    public static final String BREATH_HOLD = "BREATH_HOLD";
    public static final String SLUMPED_SITTING = "SLUMPED_SITTING";
    public static final String OVERUSE = "OVERUSE";
    public static final String MOVEMENT_BREAK_DUE = "MOVEMENT_BREAK_DUE";
    public static final String CALIBRATION_NEEDED = "CALIBRATION_NEEDED";
    public static final String CALIBRATED = "CALIBRATED";

    /** Faults: sent as {@link io.spinestream.events.EventType#FORM_FAULT}. */
    public static final Set<String> FORM_FAULTS = Set.of(
            ROUNDED_BACK, EXCESSIVE_ARCH, TWIST_UNDER_LOAD, SIDE_BEND_UNDER_LOAD, HIGH_IMPACT,
            BREATH_HOLD, SLUMPED_SITTING, OVERUSE);

    /** Advisories: sent as {@link io.spinestream.events.EventType#FORM_ADVISORY}. */
    public static final Set<String> FORM_ADVISORIES = Set.of(
            MOVEMENT_BREAK_DUE, CALIBRATION_NEEDED, CALIBRATED);

    private AlertCodes() {
    }
}
