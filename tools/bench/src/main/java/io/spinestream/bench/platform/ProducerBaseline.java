package io.spinestream.bench.platform;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

import io.spinestream.events.telemetry.IngestedBatchSerializer;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import io.spinestream.events.topic.Topics;

/**
 * The broker's limit here: Kafka's own producer, from this one process, writing the records ingest
 * writes for the same batches ({@code IngestedBatch}, keyed by belt id) with ingest's producer
 * settings (acks=all, idempotent, linger as configured) to a topic with as many partitions as the
 * telemetry topic, with as many records outstanding as the ingest run had belts. No HTTP, no ledger,
 * no parsing: what is left when everything of ingest but Kafka is free.
 */
public final class ProducerBaseline {

    /** Not a registry topic: nothing consumes it, so only the broker's work is measured. */
    static final String TOPIC = "spinestream-bench.raw-producer";

    public record Result(long batches, long samples, double seconds) {
        public double samplesPerSecond() {
            return samples / seconds;
        }
    }

    private ProducerBaseline() {
    }

    public static void createTopic(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, Topics.TELEMETRY.partitions(), (short) 1))).all()
                    .get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** Settings as sensor-ingest's {@code TelemetryPublisher} has them. */
    static Map<String, Object> producerSettings(String bootstrap, int lingerMs) {
        Map<String, Object> s = new HashMap<>();
        s.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        s.put(ProducerConfig.CLIENT_ID_CONFIG, "spinestream-bench-raw-producer");
        s.put(ProducerConfig.ACKS_CONFIG, "all");
        s.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        s.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        s.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        return s;
    }

    public static Result run(String bootstrap, List<IngestLoad.Belt> belts, BeltBodies bodies, String clinicId,
                             int lingerMs, Duration warmup, Duration measure, Runnable windowStart,
                             Runnable windowEnd) throws InterruptedException {
        Semaphore outstanding = new Semaphore(belts.size());
        LongAdder batches = new LongAdder();
        LongAdder samples = new LongAdder();
        try (KafkaProducer<String, IngestedBatch> producer = new KafkaProducer<>(producerSettings(bootstrap, lingerMs),
                new StringSerializer(), new IngestedBatchSerializer())) {
            long start = System.nanoTime();
            long windowFrom = start + warmup.toNanos();
            long windowTo = windowFrom + measure.toNanos();
            boolean inWindow = false;
            long t0 = 0;
            int i = 0;
            while (true) {
                long now = System.nanoTime();
                if (!inWindow && now >= windowFrom) {
                    windowStart.run();
                    t0 = System.nanoTime();
                    inWindow = true;
                }
                if (now >= windowTo) {
                    break;
                }
                if (!outstanding.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                IngestLoad.Belt b = belts.get(i++ % belts.size());
                TelemetryBatch batch = bodies.next(b);
                int n = batch.getChannels().getTrunkPitchCount();
                boolean counted = inWindow;
                producer.send(new ProducerRecord<>(TOPIC, b.account.beltId(),
                        BeltBodies.ingested(batch, clinicId, System.currentTimeMillis())), (md, failure) -> {
                    outstanding.release();
                    if (failure == null && counted) {
                        batches.increment();
                        samples.add(n);
                    }
                });
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            windowEnd.run();
            producer.flush();
            return new Result(batches.sum(), samples.sum(), seconds);
        }
    }
}
