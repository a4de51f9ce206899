package io.spinestream.notification.haptics;

import io.smallrye.common.annotation.Identifier;
import io.spinestream.events.cloudevents.CloudEventCodec;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.payload.BeltCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the belt commands issued recently, by any instance, from the belt-commands topic: the
 * durable record of what vibrated, from which the haptic throttle and duplicate memory are rebuilt
 * after a restart or a rebalance.
 */
@ApplicationScoped
public class CommandLog {

    private static final Logger LOG = Logger.getLogger(CommandLog.class);
    private static final Duration POLL = Duration.ofMillis(100);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "mp.messaging.outgoing.belt-commands.topic")
    String topic;

    /**
     * Commands caused by alerts, published at or after {@code from}: what could be read within
     * {@code timeout}. Never fails: with the broker unreachable it returns what it has, and the
     * router starts with less memory rather than not at all.
     */
    public List<BeltCommand> since(Instant from, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<BeltCommand> commands = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
            var infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return commands;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, timeout);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            List<TopicPartition> pending = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp start = starts.get(partition);
                long end = ends.get(partition);
                if (start != null && start.offset() < end) {
                    consumer.seek(partition, start.offset());
                    pending.add(partition);
                } else {
                    consumer.seek(partition, end);
                }
            }
            while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    BeltCommand command = decode(record.value());
                    if (command != null && command.alertId() != null) {
                        commands.add(command);
                    }
                }
                pending.removeIf(p -> consumer.position(p) >= ends.get(p));
            }
            if (!pending.isEmpty()) {
                LOG.warnf("read recent belt commands only partly within %s; throttling may let a command through", timeout);
            }
        } catch (KafkaException e) {
            LOG.warnf("could not read recent belt commands (%s); throttling may let a command through", e.getMessage());
        }
        return commands;
    }

    private static BeltCommand decode(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            Event<?> event = CloudEventCodec.decode(value);
            return event.data() instanceof BeltCommand command ? command : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "notification-command-log");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config;
    }
}
