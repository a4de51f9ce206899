package io.spinestream.events.cloudevents;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.core.format.EventSerializationException;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.rw.CloudEventRWException;
import io.spinestream.events.EventType;
import java.io.IOException;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Converts {@link Event}s to and from CloudEvents 1.0 in structured-mode JSON
 * ({@code application/cloudevents+json}): the whole event, attributes and data, is one JSON
 * object. Used by the Kafka serde and by anything else that sends the same bytes (webhooks).
 */
public final class CloudEventCodec {

    /** Media type of a structured-mode JSON CloudEvent. */
    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
    /** Media type of the {@code data} of every event. */
    public static final String DATA_CONTENT_TYPE = "application/json";
    /** Extension attribute carrying the tenant. */
    public static final String CLINIC_ID_EXTENSION = "clinicid";

    private static final JsonFormat FORMAT = new JsonFormat();

    private CloudEventCodec() {
    }

    /** The event as an SDK CloudEvent, data as a JSON tree. */
    public static CloudEvent toCloudEvent(Event<?> event) {
        JsonNode data = mapper().valueToTree(event.data());
        return CloudEventBuilder.v1()
                .withId(event.id())
                .withType(event.type().type())
                .withSource(URI.create(event.source()))
                .withSubject(event.subject())
                .withTime(event.time().atOffset(ZoneOffset.UTC))
                .withExtension(CLINIC_ID_EXTENSION, event.clinicId())
                .withData(DATA_CONTENT_TYPE, JsonCloudEventData.wrap(data))
                .build();
    }

    /**
     * The event carried by an SDK CloudEvent.
     *
     * @throws UnknownEventTypeException for a {@code type} this contract does not know
     * @throws SerializationException    when it is not a valid event of this contract
     */
    public static Event<?> fromCloudEvent(CloudEvent cloudEvent) {
        if (cloudEvent.getSpecVersion() != SpecVersion.V1) {
            throw new SerializationException("CloudEvent " + cloudEvent.getId() + " has specversion "
                    + cloudEvent.getSpecVersion() + "; this contract uses 1.0");
        }
        EventType type = EventType.fromType(cloudEvent.getType()).orElseThrow(() ->
                new UnknownEventTypeException(cloudEvent.getType(), cloudEvent.getId(),
                        String.valueOf(cloudEvent.getSource())));
        if (cloudEvent.getTime() == null) {
            throw invalid(cloudEvent, "has no time");
        }
        Object clinicId = cloudEvent.getExtension(CLINIC_ID_EXTENSION);
        if (clinicId == null) {
            throw invalid(cloudEvent, "has no " + CLINIC_ID_EXTENSION + " extension");
        }
        Object data = readData(cloudEvent, type);
        try {
            return new Event<>(cloudEvent.getId(), type, cloudEvent.getSource().toString(),
                    cloudEvent.getSubject(), cloudEvent.getTime().toInstant(), clinicId.toString(), data);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid(cloudEvent, e.getMessage());
        }
    }

    /** Structured-mode JSON bytes of the event. */
    public static byte[] encode(Event<?> event) {
        try {
            return FORMAT.serialize(toCloudEvent(event));
        } catch (EventSerializationException e) {
            throw new SerializationException("Could not serialise event " + event.id(), e);
        }
    }

    /**
     * The event in structured-mode JSON bytes.
     *
     * @throws UnknownEventTypeException for a {@code type} this contract does not know
     * @throws SerializationException    for anything else that is not a valid event
     */
    public static Event<?> decode(byte[] json) {
        CloudEvent cloudEvent;
        try {
            cloudEvent = FORMAT.deserialize(json);
        } catch (EventDeserializationException | CloudEventRWException | IllegalArgumentException e) {
            // neither the parser's message nor the parser's exception as cause: both quote the record's text, which
            // may be health data, into every log that reports the rejected record
            throw new SerializationException("Not a structured-mode JSON CloudEvent: " + withoutValues(e));
        }
        return fromCloudEvent(cloudEvent);
    }

    private static Object readData(CloudEvent cloudEvent, EventType type) {
        CloudEventData data = cloudEvent.getData();
        if (data == null) {
            throw invalid(cloudEvent, "has no data");
        }
        try {
            if (data instanceof JsonCloudEventData json) {
                return mapper().treeToValue(json.getNode(), type.dataClass());
            }
            // data_base64 or a non-JSON content type: the bytes must still be the JSON payload
            return mapper().readValue(data.toBytes(), type.dataClass());
        } catch (JsonProcessingException e) {
            throw invalid(cloudEvent, "data is not a valid " + type.dataClass().getSimpleName()
                    + ": " + withoutValues(e));
        } catch (IOException e) {
            throw invalid(cloudEvent, "data could not be read: " + e.getClass().getSimpleName());
        }
    }

    /**
     * What is wrong with a record, by field, expected type and position, never by value: Jackson's messages
     * quote the offending value or token, and a rejected record is logged by whoever reads it.
     */
    static String withoutValues(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ValueInstantiationException v) {
                // the payload's own validation, whose messages name fields (Payloads)
                return "cannot construct " + v.getType().getRawClass().getSimpleName()
                        + (v.getCause() == null ? "" : ": " + v.getCause().getMessage());
            }
            if (t instanceof JsonMappingException m && !m.getPath().isEmpty()) {
                String field = m.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[");
                return m instanceof MismatchedInputException mi && mi.getTargetType() != null
                        ? "field " + field + " is not a valid " + mi.getTargetType().getSimpleName()
                        : "field " + field + " (" + m.getClass().getSimpleName() + ")";
            }
            if (t instanceof JsonProcessingException p) {
                JsonLocation at = p.getLocation();
                return p.getClass().getSimpleName()
                        + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
            }
        }
        return e instanceof CloudEventRWException rw ? rw.getClass().getSimpleName() + " (" + rw.getKind() + ")"
                : e.getClass().getSimpleName();
    }

    private static SerializationException invalid(CloudEvent cloudEvent, String why) {
        return new SerializationException("Invalid " + cloudEvent.getType() + " event "
                + cloudEvent.getId() + ": " + why);
    }

    private static ObjectMapper mapper() {
        return EventJson.mapper();
    }
}
