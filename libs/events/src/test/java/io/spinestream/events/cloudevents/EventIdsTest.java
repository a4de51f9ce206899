package io.spinestream.events.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spinestream.events.EventType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void givenSameCause_whenIdDerivedTwice_thenSameId() {
        String first = EventIds.deterministic("alert", "SB-000123", "1842", "ROUNDED_BACK");
        String again = EventIds.deterministic("alert", "SB-000123", "1842", "ROUNDED_BACK");

        assertThat(again).isEqualTo(first);
        UUID uuid = UUID.fromString(first);
        assertThat(uuid.version()).isEqualTo(5);
        assertThat(uuid.variant()).isEqualTo(2);
    }

    @Test
    void givenDifferentCauses_whenIdsDerived_thenIdsDiffer() {
        assertThat(EventIds.deterministic("alert", "SB-000123", "1842", "ROUNDED_BACK"))
                .isNotEqualTo(EventIds.deterministic("alert", "SB-000123", "1843", "ROUNDED_BACK"))
                .isNotEqualTo(EventIds.deterministic("alert", "SB-000123", "1842", "EXCESSIVE_ARCH"));
    }

    @Test
    void givenPartsThatConcatenateAlike_whenIdsDerived_thenIdsDiffer() {
        assertThat(EventIds.deterministic("a|b", "c")).isNotEqualTo(EventIds.deterministic("a", "b|c"));
        assertThat(EventIds.deterministic("ab", "c")).isNotEqualTo(EventIds.deterministic("a", "bc"));
    }

    @Test
    void givenEventTypeAndCause_whenIdDerived_thenTypeStringIsTheFirstPart() {
        assertThat(EventIds.of(EventType.FORM_FAULT, "SB-000123", "1842", "17", "ROUNDED_BACK"))
                .isEqualTo(EventIds.deterministic("io.spinestream.form.fault.v1", "SB-000123", "1842", "17", "ROUNDED_BACK"))
                .isNotEqualTo(EventIds.of(EventType.FORM_ADVISORY, "SB-000123", "1842", "17", "ROUNDED_BACK"));
    }

    @Test
    void givenNoOrNullParts_whenIdDerived_thenRejected() {
        assertThatThrownBy(EventIds::deterministic).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventIds.deterministic("a", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
