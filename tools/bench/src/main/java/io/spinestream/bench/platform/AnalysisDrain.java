package io.spinestream.bench.platform;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import io.spinestream.events.telemetry.IngestedBatchSerializer;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import io.spinestream.events.topic.Topics;

/**
 * What form-analysis does with a backlog: {@code count} batches of {@code belts} belts written to the
 * telemetry topic as ingest writes them (Kafka's producer, from this process, as fast as the broker
 * takes them), and the time until the analysis group has committed past all of them (its commit
 * interval is 1 s: the drain time is accurate to about a second, so backlogs are sized to take tens
 * of seconds). The analysers' CPU over the same time is read by the caller.
 */
public final class AnalysisDrain {

    /** The Kafka Streams application id of form-analysis (its consumer group). */
    static final String GROUP = "form-analysis";

    public record Result(int belts, long batches, long samples, double seconds, boolean drained) {
        public double samplesPerSecond() {
            return samples / seconds;
        }
    }

    private AnalysisDrain() {
    }

    public static Result run(String bootstrap, String beltPrefix, int belts, long count, BeltBodies bodies,
                             Duration timeout, Runnable windowStart, Runnable windowEnd) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            awaitDrained(admin, Duration.ofSeconds(60)); // whatever came before
            long samples = 0;
            long epochMs = System.currentTimeMillis() - Duration.ofHours(3).toMillis();
            long seq0 = System.currentTimeMillis();
            windowStart.run();
            long t0 = System.nanoTime();
            try (KafkaProducer<String, IngestedBatch> producer = new KafkaProducer<>(
                    ProducerBaseline.producerSettings(bootstrap, 5), new StringSerializer(), new IngestedBatchSerializer())) {
                for (long i = 0; i < count; i++) {
                    int b = (int) (i % belts);
                    long k = i / belts;
                    String beltId = String.format("%s-%05d", beltPrefix, b + 1);
                    TelemetryBatch batch = bodies.batch(b, beltId, k, seq0 + k, epochMs + k * 1000L * bodies.batchSize()
                            / BeltBodies.RATE_HZ);
                    samples += batch.getChannels().getTrunkPitchCount();
                    producer.send(new ProducerRecord<>(Topics.TELEMETRY.name(), beltId,
                            BeltBodies.ingested(batch, "bench-analysis", System.currentTimeMillis())));
                }
                producer.flush();
            }
            boolean drained = awaitDrained(admin, timeout);
            double seconds = (System.nanoTime() - t0) / 1e9;
            windowEnd.run();
            return new Result(belts, count, samples, seconds, drained);
        }
    }

    /** Waits until the group's committed offsets reach the end of every telemetry partition. */
    static boolean awaitDrained(Admin admin, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (lag(admin) == 0) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    static long lag(Admin admin) throws Exception {
        List<TopicPartition> parts = admin.describeTopics(List.of(Topics.TELEMETRY.name())).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(Topics.TELEMETRY.name()).partitions().stream()
                .map(p -> new TopicPartition(Topics.TELEMETRY.name(), p.partition())).toList();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin
                .listOffsets(parts.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (TopicPartition p : parts) {
            OffsetAndMetadata c = committed.get(p);
            lag += ends.get(p).offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }
}
