package io.spinestream.notification.testkit;

import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventDeserializer;
import io.spinestream.events.cloudevents.EventSerializer;
import io.spinestream.events.topic.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** Publishes to and reads from the test broker the application under test uses; topics from the registry. */
public final class KafkaTestClient implements AutoCloseable {

    private final String bootstrap;
    private final KafkaProducer<String, Event<?>> events;
    private final KafkaProducer<String, byte[]> raw;

    public KafkaTestClient() {
        bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        events = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new EventSerializer());
        raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes and waits for the broker's acknowledgement; answers where the record went. */
    public RecordMetadata publish(TopicSpec<String, ?> topic, String key, Event<?> event) {
        return await(events.send(new ProducerRecord<>(topic.name(), key, event)));
    }

    /** Waits until consumer group {@code group} committed past {@code record}: the service handled it. */
    public void awaitConsumed(String group, RecordMetadata record, Duration timeout) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS).get(partition);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }

    /** Publishes bytes that need not be an event (a poison record). */
    public void publishRaw(TopicSpec<String, ?> topic, String key, byte[] value) {
        await(raw.send(new ProducerRecord<>(topic.name(), key, value)));
    }

    /**
     * Every event on {@code topic} matching {@code filter}, read from the beginning, once at least
     * {@code atLeast} were found or the timeout passed.
     */
    public List<Event<?>> read(TopicSpec<String, ?> topic, Predicate<Event<?>> filter, int atLeast, Duration timeout) {
        List<Event<?>> found = new ArrayList<>();
        try (KafkaConsumer<String, Event<?>> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new EventDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < atLeast && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Event<?>> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null && filter.test(record.value())) {
                        found.add(record.value());
                    }
                }
            }
            // Read to the end of what is there now, so that "exactly n" checks see any extra record.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline + Duration.ofSeconds(10).toNanos()) {
                for (ConsumerRecord<String, Event<?>> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null && filter.test(record.value())) {
                        found.add(record.value());
                    }
                }
            }
        }
        return found;
    }

    private static <T> T await(java.util.concurrent.Future<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("broker did not acknowledge", e);
        }
    }

    @Override
    public void close() {
        events.close(Duration.ofSeconds(5));
        raw.close(Duration.ofSeconds(5));
    }
}
