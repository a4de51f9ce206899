package io.spinestream.testing;

import io.spinestream.events.audit.AuditEvents;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventDeserializer;
import io.spinestream.events.payload.AccessRecorded;
import io.spinestream.events.topic.Topics;
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

/**
 * Reads the audit topic from its beginning (no consumer group) and keeps one clinic's records, for a service
 * test asserting what its API recorded: the records a service publishes, before any journal stores them.
 */
public final class AuditTopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, Event<?>> consumer;
    private final String clinicId;
    private final List<AccessRecorded> read = new ArrayList<>();

    /** On the test's broker ({@code kafka.bootstrap.servers}). */
    public AuditTopicProbe(String clinicId) {
        this(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), clinicId);
    }

    public AuditTopicProbe(String bootstrapServers, String clinicId) {
        this.clinicId = clinicId;
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new EventDeserializer());
        String topic = Topics.AUDIT.name();
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls until the clinic's records read so far satisfy {@code done} (30 s at most); answers them all. */
    public List<AccessRecorded> until(Predicate<List<AccessRecorded>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.test(read)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting on the audit topic for clinic " + clinicId + "; read: "
                        + read.stream().map(r -> r.operation() + " " + r.status()).toList());
            }
            for (ConsumerRecord<String, Event<?>> record : consumer.poll(Duration.ofMillis(100))) {
                if (clinicId.equals(record.key())) {
                    AuditEvents.record(record.value()).ifPresent(read::add);
                }
            }
        }
        return List.copyOf(read);
    }

    /** Polls until a record of {@code operation} answered with {@code status} is read; answers it. */
    public AccessRecorded await(String operation, int status) {
        Predicate<AccessRecorded> wanted = r -> r.operation().equals(operation) && r.status() == status;
        return until(records -> records.stream().anyMatch(wanted)).stream().filter(wanted).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
