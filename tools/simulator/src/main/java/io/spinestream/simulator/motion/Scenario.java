package io.spinestream.simulator.motion;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the simulated wearers do ({@code --scenario}). Every belt calibrates first. */
public enum Scenario {

    MIXED("a mix of wearers: each belt follows gym (40 %), running (20 %), office (20 %), "
            + "or deadlift, squat, press or plank (5 % each)"),
    GYM("a strength circuit: deadlifts, squats, overhead presses, bent-over rows and planks, "
            + "sets with rests between them, walking between stations"),
    DEADLIFT("sessions of 3–5 sets of deadlifts, walking between them"),
    SQUAT("sessions of 3–5 sets of squats, walking between them"),
    PRESS("sessions of 3–5 sets of overhead presses, walking between them"),
    PLANK("series of front planks (30–60 s) with standing rests"),
    RUNNING("runs of 3–8 minutes with walking between them"),
    OFFICE("desk work: sitting spells of 8–15 minutes, standing up and reaching, walking, "
            + "now and then lifting a box");

    private final String description;

    Scenario(String description) {
        this.description = description;
    }

    /** The name on the command line, e.g. {@code gym}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    public static Optional<Scenario> of(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(Scenario::code).toList();
    }

    /** The scenario one belt follows: {@link #MIXED} picks one per belt. */
    Scenario resolve(Rng rng) {
        if (this != MIXED) {
            return this;
        }
        return rng.pick(List.of(GYM, RUNNING, OFFICE, DEADLIFT, SQUAT, PRESS, PLANK),
                new double[] {0.40, 0.20, 0.20, 0.05, 0.05, 0.05, 0.05});
    }
}
