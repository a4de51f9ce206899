package io.spinestream.analysis.testkit;

import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a CloudEvents topic from its beginning with a real consumer (no group), keeping the
 * events of one subject (a belt) in the order of its partition, as a downstream service sees them.
 */
public final class EventTopicReader implements AutoCloseable {

    /** An event as read, with its record's key, timestamp and content-type header. */
    public record Read(String key, long timestamp, String contentType, Event<?> event) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final EventDeserializer deserializer = new EventDeserializer();
    private final String topic;
    private final String subject;
    private final List<Read> read = new ArrayList<>();

    public EventTopicReader(String bootstrapServers, String topic, String subject, String isolationLevel) {
        this.topic = topic;
        this.subject = subject;
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    public EventTopicReader(String bootstrapServers, String topic, String subject) {
        this(bootstrapServers, topic, subject, "read_committed");
    }

    /** Polls until the events read so far satisfy {@code done}; fails after {@code timeout}. */
    public List<Read> until(Predicate<List<Read>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(read)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting on " + topic + " for " + subject + "; read: "
                        + read.stream().map(r -> r.event().type() + " " + r.event().id()).toList());
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (subject.equals(record.key())) {
                    var header = record.headers().lastHeader("content-type");
                    read.add(new Read(record.key(), record.timestamp(),
                            header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8),
                            deserializer.deserialize(topic, record.headers(), record.value())));
                }
            }
        }
        return List.copyOf(read);
    }

    /** Polls until an event satisfying {@code last} has been read; returns everything read so far. */
    public List<Read> untilEvent(Predicate<Event<?>> last, Duration timeout) {
        return until(events -> events.stream().anyMatch(r -> last.test(r.event())), timeout);
    }

    /** The events read so far. */
    public List<Event<?>> events() {
        return read.stream().map(Read::event).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
