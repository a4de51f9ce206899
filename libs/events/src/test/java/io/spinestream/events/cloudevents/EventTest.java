package io.spinestream.events.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spinestream.events.EventType;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.BeltStatus;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventTest {

    private static final BeltStatus STATUS = new BeltStatus("SB-1", "c", null, null, null, 0);

    @Test
    void givenDataOfAnotherClass_whenBuildingEvent_thenRejected() {
        assertThatThrownBy(() -> Event.of(EventType.FORM_FAULT, "id", EventSources.SENSOR_INGEST, "SB-1", "c", STATUS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Alert");
    }

    @Test
    void givenMissingClinic_whenBuildingEvent_thenRejected() {
        assertThatThrownBy(() -> Event.of(EventType.BELT_STATUS, "id", EventSources.SENSOR_INGEST, "SB-1", " ", STATUS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clinicId");
    }

    @Test
    void givenSourceThatIsNoUriReference_whenBuildingEvent_thenRejected() {
        assertThatThrownBy(() -> Event.of(EventType.BELT_STATUS, "id", "not a uri", "SB-1", "c", STATUS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenRegistryServiceNames_whenSourceDerived_thenEachIsTheServicesConstant() {
        assertThat(EventSources.of(io.spinestream.events.topic.Topics.SENSOR_INGEST)).isEqualTo(EventSources.SENSOR_INGEST);
        assertThat(EventSources.of(io.spinestream.events.topic.Topics.FORM_ANALYSIS)).isEqualTo(EventSources.FORM_ANALYSIS);
        assertThat(EventSources.of(io.spinestream.events.topic.Topics.JOURNAL)).isEqualTo(EventSources.JOURNAL);
        assertThat(EventSources.of(io.spinestream.events.topic.Topics.NOTIFICATION)).isEqualTo(EventSources.NOTIFICATION);
        assertThatThrownBy(() -> EventSources.of("../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventSources.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenFactoryWithoutTime_whenBuilding_thenTimeIsNow() {
        Instant before = Instant.now();

        Event<BeltStatus> event = Event.of(EventType.BELT_STATUS, "id", EventSources.SENSOR_INGEST, "SB-1", "c", STATUS);

        assertThat(event.time()).isBetween(before, Instant.now());
        assertThat(event.dataAs(BeltStatus.class)).isSameAs(STATUS);
        assertThatThrownBy(() -> event.dataAs(Alert.class)).isInstanceOf(ClassCastException.class);
    }

    @Test
    void givenCeTypeStrings_whenLookedUp_thenEachMapsToItsConstantAndAllAreVersionedAndUnique() {
        for (EventType type : EventType.values()) {
            assertThat(EventType.fromType(type.type())).containsSame(type);
            assertThat(type.type()).startsWith("io.spinestream.").endsWith(".v1");
        }
        assertThat(Arrays.stream(EventType.values()).map(EventType::type)).doesNotHaveDuplicates();
        assertThat(EventType.fromType("io.spinestream.form.fault.v2")).isEmpty();
        assertThat(EventType.fromType(null)).isEmpty();
    }
}
