package io.spinestream.analysis.stream;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spinestream.analysis.core.AnalysisEvent;
import io.spinestream.analysis.core.RecordingGenerator;
import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.analysis.testkit.Belts;
import io.spinestream.analysis.testkit.TelemetrySender;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.topic.Topics;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.MongoResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The haptic path's share of form-analysis, measured end to end on the real broker: from the
 * publish of the batch that completes a fault (as ingest publishes it) to its alert being readable
 * by a read_committed consumer (as notification reads it). Reported in the log, never asserted:
 * a shared 2-core machine says little about production figures, and timing asserts flake.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "streams-state", value = "true"))
@WithTestResource(MongoResource.class)
class HapticLatencyTest {

    private static final Logger LOG = Logger.getLogger(HapticLatencyTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int TRIALS = 40;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "kafka-streams.processing.guarantee")
    String guarantee;

    @Test
    void givenFaultCompletingInABatch_whenPublished_thenItsAlertIsReadableAndTheDelayIsReported() throws Exception {
        Map<String, Long> received = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread reader = new Thread(() -> readAlerts(received, running), "alert-reader");
        reader.setDaemon(true);
        reader.start();
        List<Long> micros = new ArrayList<>();
        try (TelemetrySender sender = new TelemetrySender(bootstrap)) {
            for (int i = 0; i < TRIALS + 5; i++) {
                String belt = Belts.unique("LAT");
                List<IngestedBatch> batches = Belts.ingested(RecordingGenerator.belt(belt).rateHz(50).batchSize(10)
                        .startAt(Instant.now().minusSeconds(60))
                        .activity("deadlift").hold(Duration.ofSeconds(1), Pose.hinge(40))
                        .hold(Duration.ofMillis(400), new Pose(30, 0, 0, 40)).batches(), "clinic-latency", null);
                AnalysisEvent fault = Belts.expected(batches, null).stream()
                        .filter(e -> e.type().equals("ROUNDED_BACK")).findFirst().orElseThrow();
                int trigger = (int) (fault.seq() - batches.get(0).getBatch().getSeq());
                sender.sendAll(batches.subList(0, trigger));
                await().atMost(Duration.ofSeconds(60)).until(() -> received.containsKey(advisoryOf(belt, batches)));

                long sent = System.nanoTime();
                sender.send(batches.get(trigger));
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1))
                        .until(() -> received.containsKey(fault.id()));
                if (i >= 5) {
                    micros.add((received.get(fault.id()) - sent) / 1000);
                }
            }
        } finally {
            running.set(false);
            reader.join();
        }
        assertThat(micros).hasSize(TRIALS);
        List<Long> sorted = micros.stream().sorted().toList();
        LOG.infof("haptic path in form-analysis (%s): batch published -> alert readable over %d faults:"
                        + " min %.1f ms, p50 %.1f ms, p90 %.1f ms, max %.1f ms", guarantee, TRIALS,
                sorted.get(0) / 1000.0, sorted.get(TRIALS / 2) / 1000.0, sorted.get(TRIALS * 9 / 10) / 1000.0,
                sorted.get(TRIALS - 1) / 1000.0);
    }

    /** The session's CALIBRATION_NEEDED advisory: once read, the belt's state is warm. */
    private static String advisoryOf(String belt, List<IngestedBatch> batches) {
        return Belts.expected(batches.subList(0, 1), null).get(0).id();
    }

    private void readAlerts(Map<String, Long> received, AtomicBoolean running) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(5))) {
                    long now = System.nanoTime();
                    try {
                        received.putIfAbsent(JSON.readTree(record.value()).get("id").asText(), now);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        }
    }
}
