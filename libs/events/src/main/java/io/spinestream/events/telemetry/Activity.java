package io.spinestream.events.telemetry;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the wearer told the app they are doing (telemetry.md activity codes). */
public enum Activity {
    CALIBRATION("calibration", false),
    DEADLIFT("deadlift", true),
    ROMANIAN_DEADLIFT("romanian_deadlift", true),
    SQUAT("squat", true),
    ROW("row", true),
    LUNGE("lunge", true),
    OVERHEAD_PRESS("overhead_press", true),
    PUSH_UP("push_up", false),
    PLANK("plank", false),
    SIDE_PLANK("side_plank", false),
    GLUTE_BRIDGE("glute_bridge", false),
    BIRD_DOG("bird_dog", false),
    DEAD_BUG("dead_bug", false),
    CRUNCH("crunch", false),
    WALKING("walking", false),
    RUNNING("running", false),
    JUMPING("jumping", false),
    CYCLING("cycling", false),
    SITTING("sitting", false),
    STANDING("standing", false),
    /** Everyday lifting. */
    LIFTING("lifting", true),
    /** Not said; also what an absent {@code activity} means. */
    UNKNOWN("unknown", false);

    private static final Map<String, Activity> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Activity::code, Function.identity()));

    private final String code;
    private final boolean loaded;

    Activity(String code, boolean loaded) {
        this.code = code;
        this.loaded = loaded;
    }

    /** The wire code, e.g. {@code romanian_deadlift}. */
    public String code() {
        return code;
    }

    /**
     * Whether the activity is "loaded" by itself (form-analysis.md). {@link #UNKNOWN} is not:
     * it counts as loaded only while the hip hinge exceeds 30°, which the analyzer decides
     * per sample.
     */
    public boolean isLoaded() {
        return loaded;
    }

    /**
     * The activity with that code; {@code null} or empty (absent on the wire) is
     * {@link #UNKNOWN}; a code the spec does not list is empty.
     */
    public static Optional<Activity> fromCode(String code) {
        if (code == null || code.isEmpty()) {
            return Optional.of(UNKNOWN);
        }
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
