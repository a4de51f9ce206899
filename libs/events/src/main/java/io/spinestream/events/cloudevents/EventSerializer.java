package io.spinestream.events.cloudevents;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer of {@link Event}s as structured-mode JSON CloudEvents. Usable by class name
 * ({@code value.serializer=io.spinestream.events.cloudevents.EventSerializer}). A {@code null}
 * event is written as a {@code null} value (a tombstone on compacted topics).
 */
public class EventSerializer implements Serializer<Event<?>> {

    /** Kafka header carrying the media type, per the CloudEvents Kafka protocol binding. */
    public static final String CONTENT_TYPE_HEADER = "content-type";

    private static final byte[] CONTENT_TYPE_VALUE =
            CloudEventCodec.CONTENT_TYPE.getBytes(java.nio.charset.StandardCharsets.UTF_8);

    public EventSerializer() {
    }

    @Override
    public byte[] serialize(String topic, Event<?> event) {
        return event == null ? null : CloudEventCodec.encode(event);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Event<?> event) {
        if (event != null && headers != null) {
            headers.remove(CONTENT_TYPE_HEADER);
            headers.add(CONTENT_TYPE_HEADER, CONTENT_TYPE_VALUE);
        }
        return serialize(topic, event);
    }
}
