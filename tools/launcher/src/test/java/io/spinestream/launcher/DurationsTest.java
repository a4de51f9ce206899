package io.spinestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void givenShortAndIsoForms_whenParsed_thenTheyGiveTheDurations() {
        assertThat(Durations.parse("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("8h")).isEqualTo(Duration.ofHours(8));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void givenGarbage_whenParsed_thenTheErrorShowsExamples() {
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("8h");
    }
}
