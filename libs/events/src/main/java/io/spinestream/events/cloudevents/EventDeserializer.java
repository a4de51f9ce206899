package io.spinestream.events.cloudevents;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer of structured-mode JSON CloudEvents into {@link Event}s, the data class
 * chosen by the {@code type} attribute. Usable by class name
 * ({@code value.deserializer=io.spinestream.events.cloudevents.EventDeserializer}). A
 * {@code null} value (tombstone) gives {@code null}.
 *
 * <p>Throws {@link UnknownEventTypeException} for a type this contract version does not know,
 * and {@link SerializationException} for a record that is not a valid event, including a
 * binary-mode CloudEvent (whose {@code content-type} header is not
 * {@code application/cloudevents+json}).
 */
public class EventDeserializer implements Deserializer<Event<?>> {

    public EventDeserializer() {
    }

    @Override
    public Event<?> deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return CloudEventCodec.decode(data);
        } catch (UnknownEventTypeException e) {
            throw e;
        } catch (SerializationException e) {
            throw new SerializationException("Topic " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Event<?> deserialize(String topic, Headers headers, byte[] data) {
        if (data != null && headers != null) {
            Header contentType = headers.lastHeader(EventSerializer.CONTENT_TYPE_HEADER);
            if (contentType != null && contentType.value() != null && !isStructured(contentType.value())) {
                throw new SerializationException("Topic " + topic + ": record has content-type '"
                        + new String(contentType.value(), StandardCharsets.UTF_8)
                        + "'; only structured-mode " + CloudEventCodec.CONTENT_TYPE + " is accepted");
            }
        }
        return deserialize(topic, data);
    }

    private static boolean isStructured(byte[] headerValue) {
        String mediaType = new String(headerValue, StandardCharsets.UTF_8);
        int parameters = mediaType.indexOf(';');
        if (parameters >= 0) {
            mediaType = mediaType.substring(0, parameters);
        }
        return mediaType.trim().toLowerCase(Locale.ROOT).equals(CloudEventCodec.CONTENT_TYPE);
    }
}
