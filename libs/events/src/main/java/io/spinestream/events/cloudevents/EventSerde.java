package io.spinestream.events.cloudevents;

import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde of {@link Event}s as structured-mode JSON CloudEvents (see
 * {@link EventSerializer}, {@link EventDeserializer}). For Kafka Streams topologies that read
 * one topic, {@link #typed(Class)} gives a serde of {@code Event<T>}.
 */
public class EventSerde implements Serde<Event<?>> {

    private final EventSerializer serializer = new EventSerializer();
    private final EventDeserializer deserializer = new EventDeserializer();

    public EventSerde() {
    }

    @Override
    public Serializer<Event<?>> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<Event<?>> deserializer() {
        return deserializer;
    }

    /**
     * A serde of events whose data is a {@code dataClass}, e.g.
     * {@code EventSerde.typed(WearerProfile.class)} for the wearer-profiles topic. Reading an
     * event with other data fails with a {@link SerializationException}.
     */
    public static <T> Serde<Event<T>> typed(Class<T> dataClass) {
        return new Typed<>(dataClass);
    }

    private static final class Typed<T> implements Serde<Event<T>>, Serializer<Event<T>>, Deserializer<Event<T>> {

        private final Class<T> dataClass;
        private final EventSerializer serializer = new EventSerializer();
        private final EventDeserializer deserializer = new EventDeserializer();

        private Typed(Class<T> dataClass) {
            this.dataClass = dataClass;
        }

        @Override
        public byte[] serialize(String topic, Event<T> event) {
            return serializer.serialize(topic, event);
        }

        @Override
        public byte[] serialize(String topic, Headers headers, Event<T> event) {
            return serializer.serialize(topic, headers, event);
        }

        @Override
        public Event<T> deserialize(String topic, byte[] data) {
            return narrow(topic, deserializer.deserialize(topic, data));
        }

        @Override
        public Event<T> deserialize(String topic, Headers headers, byte[] data) {
            return narrow(topic, deserializer.deserialize(topic, headers, data));
        }

        @SuppressWarnings("unchecked")
        private Event<T> narrow(String topic, Event<?> event) {
            if (event == null) {
                return null;
            }
            if (!dataClass.isInstance(event.data())) {
                throw new SerializationException("Topic " + topic + ": event " + event.id() + " of type "
                        + event.type().type() + " carries " + event.type().dataClass().getSimpleName()
                        + ", expected " + dataClass.getSimpleName());
            }
            return (Event<T>) event;
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            // nothing to configure: the contract fixes the format
        }

        @Override
        public void close() {
            // holds no resources
        }

        @Override
        public Serializer<Event<T>> serializer() {
            return this;
        }

        @Override
        public Deserializer<Event<T>> deserializer() {
            return this;
        }
    }
}
