package io.spinestream.analysis.core;

import io.spinestream.events.payload.AlertCodes;
import io.spinestream.events.payload.Severity;

/**
 * The detections of form-analysis.md's fault table, in the order the analyzer evaluates them
 * for each sample (which is also the order of events raised at the same sample).
 *
 * <p>Severity per code (docs/form-analysis.md, "Severities"): {@code critical} for the two
 * faults the seeds tie directly to injury under load (a rounded back while lifting, lumbar
 * twisting under load), {@code warning} for the other exercise faults, {@code info} for the
 * postural habit (slumped sitting) and the advisory.
 */
public enum FaultCode {
    ROUNDED_BACK(AlertCodes.ROUNDED_BACK, Severity.CRITICAL, "deg", true),
    EXCESSIVE_ARCH(AlertCodes.EXCESSIVE_ARCH, Severity.WARNING, "deg", true),
    TWIST_UNDER_LOAD(AlertCodes.TWIST_UNDER_LOAD, Severity.CRITICAL, "deg", true),
    SIDE_BEND_UNDER_LOAD(AlertCodes.SIDE_BEND_UNDER_LOAD, Severity.WARNING, "deg", true),
    SLUMPED_SITTING(AlertCodes.SLUMPED_SITTING, Severity.INFO, "deg", true),
    BREATH_HOLD(AlertCodes.BREATH_HOLD, Severity.WARNING, "s", true),
    HIGH_IMPACT(AlertCodes.HIGH_IMPACT, Severity.WARNING, "g", false),
    OVERUSE(AlertCodes.OVERUSE, Severity.WARNING, "reps", false),
    /** Advisory, not a fault: never counted in {@code faults} nor in the form score. */
    MOVEMENT_BREAK_DUE(AlertCodes.MOVEMENT_BREAK_DUE, Severity.INFO, "min", false);

    /** Number of codes; bit masks use {@code 1 << ordinal()}. */
    public static final int COUNT = values().length;

    private static final FaultCode[] VALUES = values();

    private final String code;
    private final Severity severity;
    private final String unit;
    private final boolean sustained;

    FaultCode(String code, Severity severity, String unit, boolean sustained) {
        this.code = code;
        this.severity = severity;
        this.unit = unit;
        this.sustained = sustained;
    }

    /** The wire code, e.g. {@code ROUNDED_BACK}. */
    public String code() {
        return code;
    }

    public Severity severity() {
        return severity;
    }

    /** Unit of the alert's value and limit. */
    public String unit() {
        return unit;
    }

    /**
     * Whether the fault is a condition that must hold for a minimum duration (its episode
     * spans from the first sample of the condition, retroactively, once raised); the others
     * are raised by a single sample (a peak, a counted rep, a timer).
     */
    public boolean sustained() {
        return sustained;
    }

    /** A fault (travels as {@code FORM_FAULT}); {@code false} for the advisory. */
    public boolean isFault() {
        return this != MOVEMENT_BREAK_DUE;
    }

    public int bit() {
        return 1 << ordinal();
    }

    static FaultCode of(int ordinal) {
        return VALUES[ordinal];
    }

    /** Bits of every fault (not the advisory). */
    static final int FAULT_BITS = (1 << MOVEMENT_BREAK_DUE.ordinal()) - 1;
}
