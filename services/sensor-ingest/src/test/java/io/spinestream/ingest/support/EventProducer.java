package io.spinestream.ingest.support;

import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publishes CloudEvents as the other services do (structured JSON, keyed), waiting for the broker's acknowledgement. */
public final class EventProducer implements AutoCloseable {

    private final KafkaProducer<String, Event<?>> producer;

    public EventProducer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new EventSerializer());
    }

    /** Sends {@code event} keyed by {@code key}; {@code timestamp} null: the producer's clock. */
    public void send(String topic, String key, Event<?> event, Instant timestamp) {
        try {
            producer.send(new ProducerRecord<>(topic, null, timestamp == null ? null : timestamp.toEpochMilli(), key, event))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("event not published to " + topic, e);
        }
    }

    /** As {@link #send(String, String, Event, Instant)}, timed by the producer. */
    public void send(String topic, String key, Event<?> event) {
        send(topic, key, event, null);
    }

    @Override
    public void close() {
        producer.close();
    }
}
