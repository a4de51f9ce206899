package io.spinestream.analysis.core;

import io.spinestream.events.telemetry.Activity;
import java.util.EnumSet;
import java.util.Set;

/** Which rules apply to which activity (form-analysis.md's "when checked" column). */
public final class ActivityRules {

    /** The angle reps are counted on. */
    public enum RepAngle {
        NONE, HIP_HINGE, FLEXION
    }

    /** EXCESSIVE_ARCH is checked in these. */
    public static final Set<Activity> ARCH_CHECKED = EnumSet.of(
            Activity.OVERHEAD_PRESS, Activity.PUSH_UP, Activity.PLANK, Activity.SIDE_PLANK,
            Activity.GLUTE_BRIDGE, Activity.BIRD_DOG, Activity.DEAD_BUG, Activity.SQUAT,
            Activity.DEADLIFT, Activity.ROMANIAN_DEADLIFT);

    /** Planks: BREATH_HOLD is checked in them besides the loaded activities. */
    public static final Set<Activity> PLANKS = EnumSet.of(Activity.PLANK, Activity.SIDE_PLANK);

    /**
     * Static holds: they have hold time instead of reps ("Static holds (planks, sitting)").
     * {@code bird_dog} holds only 3 s per side and {@code standing} is not an exercise, so
     * neither is a hold.
     */
    public static final Set<Activity> HOLDS = EnumSet.of(Activity.PLANK, Activity.SIDE_PLANK, Activity.SITTING);

    /** Hip-hinge angle above which {@code unknown} counts as loaded, degrees from neutral. */
    public static final double UNKNOWN_LOADED_HINGE_DEG = 30.0;

    private ActivityRules() {
    }

    /** Loaded by itself (deadlift, romanian_deadlift, squat, row, lunge, lifting, overhead_press). */
    public static boolean loaded(Activity a) {
        return a.isLoaded();
    }

    public static RepAngle repAngle(Activity a) {
        return switch (a) {
            case DEADLIFT, ROMANIAN_DEADLIFT, SQUAT, LIFTING, GLUTE_BRIDGE -> RepAngle.HIP_HINGE;
            case CRUNCH -> RepAngle.FLEXION;
            default -> RepAngle.NONE;
        };
    }

    public static boolean archChecked(Activity a) {
        return ARCH_CHECKED.contains(a);
    }

    public static boolean hold(Activity a) {
        return HOLDS.contains(a);
    }

    public static boolean plank(Activity a) {
        return PLANKS.contains(a);
    }
}
