package io.spinestream.journal.exercise;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * A manual exercise-log entry (spec: exercise, sets, reps, load, duration, intensity as RPE 1–10,
 * equipment). {@code exercise} is an activity code, or {@code other} with a {@code name}. The
 * duration is the entry's training volume.
 */
public record ManualExerciseRequest(
        @NotNull @Pattern(regexp = EXERCISES, message = "must be an activity code (e.g. squat, walking) or other")
        String exercise,
        @Size(max = 120) String name,
        @NotNull Instant startedAt,
        @NotNull @Min(1) @Max(600) Integer durationMinutes,
        @Min(1) @Max(100) Integer sets,
        @Min(1) @Max(1000) Integer reps,
        @DecimalMin("0") @DecimalMax("1000") Double loadKg,
        @Min(1) @Max(10) Integer rpe,
        @Size(max = 120) String equipment,
        @Size(max = 2000) String note) {

    /** The activity codes a person trains with (telemetry.md), and {@code other}. */
    public static final String EXERCISES = "deadlift|romanian_deadlift|squat|row|lunge|overhead_press|push_up|plank"
            + "|side_plank|glute_bridge|bird_dog|dead_bug|crunch|walking|running|jumping|cycling|lifting|other";
}
