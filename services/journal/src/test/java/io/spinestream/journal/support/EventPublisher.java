package io.spinestream.journal.support;

import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Publishes events as another service would: on the registry topic of their type, keyed by their subject
 * (the contract's record key), once Kafka acknowledged them.
 */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, Event<?>> producer;

    public EventPublisher() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new EventSerializer());
    }

    public void publish(Event<?> event) {
        publish(event, event.subject());
    }

    /** With another key than the contract's: a test's way to put a marker into the partition of that key. */
    public void publish(Event<?> event, String key) {
        try {
            producer.send(new ProducerRecord<>(event.type().topic().name(), key, event)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish " + event.type().type(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
