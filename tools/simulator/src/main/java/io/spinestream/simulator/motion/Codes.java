package io.spinestream.simulator.motion;

import io.spinestream.events.payload.AlertCodes;

/** The alert codes the model injects, and the activity codes it uses (telemetry.md). */
final class Codes {

    static final String ROUNDED_BACK = AlertCodes.ROUNDED_BACK;
    static final String EXCESSIVE_ARCH = AlertCodes.EXCESSIVE_ARCH;
    static final String TWIST_UNDER_LOAD = AlertCodes.TWIST_UNDER_LOAD;
    static final String SIDE_BEND_UNDER_LOAD = AlertCodes.SIDE_BEND_UNDER_LOAD;
    static final String BREATH_HOLD = AlertCodes.BREATH_HOLD;
    static final String HIGH_IMPACT = AlertCodes.HIGH_IMPACT;
    static final String SLUMPED_SITTING = AlertCodes.SLUMPED_SITTING;

    static final String CALIBRATION = "calibration";
    static final String STANDING = "standing";
    static final String WALKING = "walking";
    static final String RUNNING = "running";
    static final String SITTING = "sitting";
    static final String DEADLIFT = "deadlift";
    static final String ROMANIAN_DEADLIFT = "romanian_deadlift";
    static final String SQUAT = "squat";
    static final String LIFTING = "lifting";
    static final String ROW = "row";
    static final String OVERHEAD_PRESS = "overhead_press";
    static final String PLANK = "plank";

    private Codes() {
    }
}
