package io.spinestream.ingest.downlink;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventDeserializer;
import io.spinestream.events.topic.Topics;
import io.spinestream.ingest.support.CommandTopic;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command consumer's positioning and readiness, on a consumer of its own against the real
 * broker (the application's consumer joined long ago): what "ready" waits for, and how far back an
 * assignment reads.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class CommandReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CLINIC = "clinic-replay";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    DownlinkConfig config;

    @Test
    void givenConsumerThatHasNotJoinedItsGroupYet_whenReadinessChecked_thenDownUntilItsPartitionsArePositionedAndAgainOnceItLeaves() {
        CommandReplay replay = new CommandReplay(config);
        CommandConsumerReadiness readiness = new CommandConsumerReadiness(replay);
        try (KafkaConsumer<String, Event<?>> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.BELT_COMMANDS.name()), delegatingTo(replay, consumer));

            // Subscribed but not yet polled, so certainly without partitions.
            assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

            long deadline = System.nanoTime() + WAIT.toNanos();
            while (readiness.call().getStatus() != HealthCheckResponse.Status.UP && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100));
            }
            HealthCheckResponse ready = readiness.call();
            assertThat(ready.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(ready.getData()).get().extracting(data -> data.get("partitions"))
                    .isEqualTo((long) Topics.BELT_COMMANDS.partitions());
        }
        assertThat(readiness.call().getStatus()).as("a closed consumer hands its partitions back")
                .isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void givenCommandsPublishedBeforeAndWithinTheReplayWindow_whenTheConsumerIsAssigned_thenItReadsFromTheFirstWithinTheWindow() {
        Instant now = Instant.now();
        Instant beforeWindow = now.minus(config.replayWindow()).minus(Duration.ofMinutes(1));
        Instant withinWindow = now.minus(config.replayWindow().dividedBy(2));
        try (CommandTopic commands = new CommandTopic(bootstrapServers)) {
            // One belt, so one partition, in this order.
            commands.publishAt(beforeWindow, CLINIC, CommandTopic.command("cmd-rp-before", "RP-WINDOW-1", CLINIC,
                    beforeWindow, beforeWindow.plusSeconds(5)));
            commands.publishAt(withinWindow, CLINIC, CommandTopic.command("cmd-rp-within", "RP-WINDOW-1", CLINIC,
                    withinWindow, withinWindow.plusSeconds(5)));
        }
        CommandReplay replay = new CommandReplay(config);

        List<String> read = new ArrayList<>();
        try (KafkaConsumer<String, Event<?>> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.BELT_COMMANDS.name()), delegatingTo(replay, consumer));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!read.contains("cmd-rp-within") && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Event<?>> record : consumer.poll(Duration.ofMillis(100))) {
                    if ("RP-WINDOW-1".equals(record.key()) && record.value() != null) {
                        read.add(record.value().id());
                    }
                }
            }
        }

        // The consumer starts at "latest" by itself: the command within the window is read only
        // because the assignment moved it back; the one before the window stays behind.
        assertThat(read).containsExactly("cmd-rp-within");
    }

    private KafkaConsumer<String, Event<?>> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "replay-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new EventDeserializer());
    }

    /** Calls the listener as the messaging connector does, with the consumer being assigned. */
    private static ConsumerRebalanceListener delegatingTo(CommandReplay replay, KafkaConsumer<?, ?> consumer) {
        return new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                replay.onPartitionsAssigned(consumer, partitions);
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                replay.onPartitionsRevoked(consumer, partitions);
            }
        };
    }
}
