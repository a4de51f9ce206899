package io.spinestream.journal.support;

import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * A real Kafka consumer of one topic, reading it from the beginning (no consumer group), for
 * asserting what the journal published. Tests filter by their own wearer ids.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, Event<?>> consumer;
    private final List<ConsumerRecord<String, Event<?>>> records = new ArrayList<>();

    public TopicReader(String topic) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new EventDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads until {@code done} holds for the records of {@code key} (in topic order), and returns them. */
    public List<ConsumerRecord<String, Event<?>>> awaitFor(String key,
                                                           Predicate<List<ConsumerRecord<String, Event<?>>>> done) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return done.test(of(key));
        });
        return of(key);
    }

    private List<ConsumerRecord<String, Event<?>>> of(String key) {
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
