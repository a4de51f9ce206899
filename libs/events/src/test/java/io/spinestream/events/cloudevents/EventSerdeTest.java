package io.spinestream.events.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spinestream.events.EventType;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.BeltStatus;
import io.spinestream.events.payload.WearerProfile;
import io.spinestream.events.topic.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventSerdeTest {

    private final EventSerde serde = new EventSerde();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void givenEventOfEveryType_whenSerializedAndDeserialized_thenEqual(EventType type) {
        Event<?> event = SampleEvents.of(type);

        byte[] bytes = serde.serializer().serialize(type.topic().name(), event);
        Event<?> back = serde.deserializer().deserialize(type.topic().name(), bytes);

        assertThat(back).isEqualTo(event);
        assertThat(back.data()).isInstanceOf(type.dataClass());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void givenEventOfEveryType_whenSerialized_thenStructuredModeCloudEventJson(EventType type) throws Exception {
        Event<?> event = SampleEvents.of(type);

        JsonNode json = EventJson.mapper().readTree(serde.serializer().serialize(type.topic().name(), event));

        assertThat(json.path("specversion").asText()).isEqualTo("1.0");
        assertThat(json.path("type").asText()).isEqualTo(type.type());
        assertThat(json.path("source").asText()).isEqualTo(event.source());
        assertThat(json.path("id").asText()).isEqualTo(event.id());
        assertThat(json.path("subject").asText()).isEqualTo(event.subject());
        assertThat(java.time.OffsetDateTime.parse(json.path("time").asText()).toInstant()).isEqualTo(event.time());
        assertThat(json.path("time").asText()).endsWith("Z");
        assertThat(json.path("clinicid").asText()).isEqualTo(SampleEvents.CLINIC);
        assertThat(json.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(json.path("data").isObject()).as("data is inline JSON, not base64").isTrue();
        assertThat(json.has("data_base64")).isFalse();
    }

    @Test
    void givenFaultAlert_whenSerialized_thenPayloadUsesSpecWireValues() throws Exception {
        Event<?> event = SampleEvents.of(EventType.FORM_FAULT);

        JsonNode data = EventJson.mapper().readTree(serde.serializer().serialize("t", event)).path("data");

        assertThat(data.path("severity").asText()).isEqualTo("warning");
        assertThat(data.path("at").asText()).isEqualTo("2026-11-20T10:15:30.340Z");
        assertThat(data.path("code").asText()).isEqualTo("ROUNDED_BACK");
        assertThat(data.path("value").asDouble()).isEqualTo(24.5);
        assertThat(data.path("late").asBoolean(true)).isFalse();
        assertThat(data.has("wearerId")).isTrue();
    }

    @Test
    void givenAbsentOptionalFields_whenSerialized_thenTheyAreOmittedNotNull() throws Exception {
        Event<?> event = SampleEvents.of(EventType.FLEET_ALERT);

        JsonNode data = EventJson.mapper().readTree(serde.serializer().serialize("t", event)).path("data");

        assertThat(data.has("wearerId")).isFalse();
        assertThat(data.has("value")).isFalse();
    }

    @Test
    void givenHeaders_whenSerialized_thenContentTypeHeaderIsStructuredCloudEvents() {
        Headers headers = new RecordHeaders();

        serde.serializer().serialize("t", headers, SampleEvents.of(EventType.BELT_STATUS));

        assertThat(headers.headers("content-type")).hasSize(1);
        assertThat(new String(headers.lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json");
    }

    @Test
    void givenUnknownType_whenDeserialized_thenFailsNamingTheType() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(
                serde.serializer().serialize("t", SampleEvents.of(EventType.FORM_FAULT)));
        json.put("type", "io.spinestream.form.fault.v2");
        byte[] bytes = EventJson.mapper().writeValueAsBytes(json);

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
                .isInstanceOf(UnknownEventTypeException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("io.spinestream.form.fault.v2")
                .satisfies(e -> assertThat(((UnknownEventTypeException) e).type())
                        .isEqualTo("io.spinestream.form.fault.v2"));
    }

    @Test
    void givenAdditiveFieldFromNewerProducer_whenDeserialized_thenIgnored() throws Exception {
        Event<?> event = SampleEvents.of(EventType.BELT_STATUS);
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(serde.serializer().serialize("t", event));
        ((ObjectNode) json.path("data")).put("temperatureC", 31.5);
        json.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        Event<?> back = serde.deserializer().deserialize("t", EventJson.mapper().writeValueAsBytes(json));

        assertThat(back).isEqualTo(event);
    }

    @Test
    void givenEventWithoutClinicId_whenDeserialized_thenRejected() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(
                serde.serializer().serialize("t", SampleEvents.of(EventType.BELT_STATUS)));
        json.remove("clinicid");
        byte[] bytes = EventJson.mapper().writeValueAsBytes(json);

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("clinicid");
    }

    @Test
    void givenDataNotMatchingItsType_whenDeserialized_thenRejectedNamingTheDataClass() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(
                serde.serializer().serialize("t", SampleEvents.of(EventType.FORM_FAULT)));
        ((ObjectNode) json.path("data")).remove("alertId");
        byte[] bytes = EventJson.mapper().writeValueAsBytes(json);

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Alert");
    }

    @Test
    void givenGarbage_whenDeserialized_thenSerializationExceptionNotRawJackson() {
        byte[] bytes = "{not json".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("t:");
    }

    @Test
    void givenDataWithAValueOfTheWrongType_whenDeserialized_thenRejectedNamingTheFieldButNotTheValue() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(
                serde.serializer().serialize("t", SampleEvents.of(EventType.WEARER_PROFILE)));
        ((ObjectNode) json.path("data")).put("birthYear", "saddle numbness since May");
        byte[] bytes = EventJson.mapper().writeValueAsBytes(json);

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("birthYear")
                .hasMessageContaining("Integer")
                .satisfies(e -> assertThat(chain(e)).doesNotContain("saddle numbness"));
    }

    @Test
    void givenGarbageStartingWithText_whenDeserialized_thenRejectedWithoutQuotingIt() {
        byte[] bytes = "NoteAboutMyBackPain follows".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("line 1")
                .satisfies(e -> assertThat(chain(e)).doesNotContain("NoteAboutMyBackPain"));
    }

    /** Every message of the exception and its causes, as a log's stack trace would show them. */
    private static String chain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t).append('\n');
        }
        return sb.toString();
    }

    @Test
    void givenBinaryModeRecord_whenDeserialized_thenRejectedAsNotStructured() {
        Headers headers = new RecordHeaders().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = serde.serializer().serialize("t", SampleEvents.of(EventType.BELT_STATUS));

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", headers, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("structured");
    }

    @Test
    void givenStructuredContentTypeWithCharset_whenDeserialized_thenAccepted() {
        Event<?> event = SampleEvents.of(EventType.BELT_STATUS);
        Headers headers = new RecordHeaders().add("content-type",
                "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));

        assertThat(serde.deserializer().deserialize("t", headers, serde.serializer().serialize("t", event)))
                .isEqualTo(event);
    }

    @Test
    void givenTombstone_whenSerializedOrDeserialized_thenNullBothWays() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void givenTypedSerde_whenReadingItsOwnTopic_thenDataIsTyped() {
        Serde<Event<WearerProfile>> typed = EventSerde.typed(WearerProfile.class);
        @SuppressWarnings("unchecked")
        Event<WearerProfile> event = (Event<WearerProfile>) SampleEvents.of(EventType.WEARER_PROFILE);

        Event<WearerProfile> back = typed.deserializer().deserialize(Topics.WEARER_PROFILES.name(),
                typed.serializer().serialize(Topics.WEARER_PROFILES.name(), event));

        assertThat(back.data().limits().flexionDeg()).isEqualTo(18.0);
        assertThat(back).isEqualTo(event);
    }

    @Test
    void givenTypedSerde_whenRecordCarriesOtherData_thenRejected() {
        Serde<Event<Alert>> typed = EventSerde.typed(Alert.class);
        byte[] status = serde.serializer().serialize("t", SampleEvents.of(EventType.BELT_STATUS));

        assertThatThrownBy(() -> typed.deserializer().deserialize("t", status))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("BeltStatus")
                .hasMessageContaining("expected Alert");
    }

    @Test
    void givenSerializerClasses_whenInstantiatedByName_thenTheyWork() throws Exception {
        // how SmallRye / Kafka config instantiates them
        var serializer = (EventSerializer) Class.forName(EventSerializer.class.getName())
                .getConstructor().newInstance();
        var deserializer = (EventDeserializer) Class.forName(EventDeserializer.class.getName())
                .getConstructor().newInstance();
        Event<?> event = SampleEvents.of(EventType.BELT_STATUS);

        assertThat(deserializer.deserialize("t", serializer.serialize("t", event))).isEqualTo(event);
        assertThat(event.dataAs(BeltStatus.class).lastSeq()).isEqualTo(1842);
    }
}
