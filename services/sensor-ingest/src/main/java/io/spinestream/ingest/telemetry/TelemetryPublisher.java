package io.spinestream.ingest.telemetry;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.telemetry.IngestedBatchSerializer;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.topic.Topics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes accepted batches to the telemetry topic, one record per batch keyed by belt id, and
 * completes only when Kafka acknowledged it ({@code acks=all}, idempotent producer) or gave up
 * after the delivery timeout.
 *
 * <p>A plain Kafka producer rather than a messaging channel: the request must learn the fate of
 * exactly its own record within a bounded time, and a channel's own retry after the delivery
 * timeout would both stretch that bound and resend a record the broker may already hold.
 */
@ApplicationScoped
public class TelemetryPublisher {

    private final KafkaProducer<String, IngestedBatch> producer;
    private final String topic = Topics.TELEMETRY.name();
    // send() can block up to max.block.ms for metadata while the broker is away; never on an event loop.
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "telemetry-publisher");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public TelemetryPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                              TelemetryConfig config) {
        Map<String, Object> settings = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                settings.put(key, value);
            }
        });
        TelemetryConfig.Publish publish = config.publish();
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "sensor-ingest-telemetry");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis(publish.deliveryTimeout()));
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(publish.requestTimeout()));
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) millis(publish.maxBlock()));
        settings.put(ProducerConfig.LINGER_MS_CONFIG, millis(publish.linger()));
        this.producer = new KafkaProducer<>(settings, new StringSerializer(), new IngestedBatchSerializer());
    }

    /** Publishes the batch; the Uni fails if Kafka did not acknowledge it within the delivery timeout. */
    public Uni<RecordMetadata> publish(String beltId, IngestedBatch batch) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> sender.execute(() -> {
            try {
                producer.send(new ProducerRecord<>(topic, beltId, batch), (metadata, failure) -> {
                    // Back onto the caller's Vert.x context: the rest of the request runs there.
                    Runnable complete = failure == null ? () -> emitter.complete(metadata) : () -> emitter.fail(failure);
                    if (context != null) {
                        context.runOnContext(ignored -> complete.run());
                    } else {
                        complete.run();
                    }
                });
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        }));
    }

    @PreDestroy
    void close() {
        sender.shutdown();
        // Lets records already sent finish, so a graceful shutdown answers their requests.
        producer.close(Duration.ofSeconds(10));
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
