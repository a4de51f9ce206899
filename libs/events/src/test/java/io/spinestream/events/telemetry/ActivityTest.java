package io.spinestream.events.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ActivityTest {

    @Test
    void givenSpecCodes_whenLookedUp_thenEveryCodeIsKnown() {
        String codes = "calibration, deadlift, romanian_deadlift, squat, row, lunge, overhead_press, push_up, plank, "
                + "side_plank, glute_bridge, bird_dog, dead_bug, crunch, walking, running, jumping, cycling, "
                + "sitting, standing, lifting, unknown";

        for (String code : codes.split(", ")) {
            assertThat(Activity.fromCode(code)).as(code).isPresent().get().extracting(Activity::code).isEqualTo(code);
        }
        assertThat(Activity.values()).hasSize(22);
    }

    @Test
    void givenAbsentOrUnlistedCode_whenLookedUp_thenUnknownOrEmpty() {
        assertThat(Activity.fromCode(null)).contains(Activity.UNKNOWN);
        assertThat(Activity.fromCode("")).contains(Activity.UNKNOWN);
        assertThat(Activity.fromCode("yoga")).isEmpty();
        assertThat(Activity.fromCode("SQUAT")).isEmpty();
    }

    @Test
    void givenActivities_whenAskedIfLoaded_thenExactlyTheSpecsLoadedList() {
        assertThat(Arrays.stream(Activity.values()).filter(Activity::isLoaded).map(Activity::code))
                .containsExactlyInAnyOrder("deadlift", "romanian_deadlift", "squat", "row", "lunge", "lifting",
                        "overhead_press");
    }
}
