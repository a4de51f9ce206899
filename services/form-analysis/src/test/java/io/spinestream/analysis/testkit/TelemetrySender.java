package io.spinestream.analysis.testkit;

import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventSerializer;
import io.spinestream.events.telemetry.IngestedBatchSerializer;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Publishes telemetry and wearer profiles as sensor-ingest and the journal do, waiting for each ack. */
public final class TelemetrySender implements AutoCloseable {

    private final KafkaProducer<String, IngestedBatch> telemetry;
    private final KafkaProducer<String, Event<?>> events;

    public TelemetrySender(String bootstrapServers) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.ACKS_CONFIG, "all");
        telemetry = new KafkaProducer<>(config, new StringSerializer(), new IngestedBatchSerializer());
        events = new KafkaProducer<>(config, new StringSerializer(), new EventSerializer());
    }

    /** One batch, keyed by its belt. */
    public void send(IngestedBatch batch) {
        await(telemetry.send(new ProducerRecord<>(Topics.TELEMETRY.name(), batch.getBatch().getBeltId(), batch)));
    }

    public void sendAll(List<IngestedBatch> batches) {
        batches.forEach(this::send);
    }

    /** A wearer profile event on the compacted profiles topic, keyed by wearer. */
    public void sendProfile(Event<?> profile) {
        await(events.send(new ProducerRecord<>(Topics.WEARER_PROFILES.name(), profile.subject(), profile)));
    }

    /** A tombstone (null value) for the wearer on the profiles topic, as the journal publishes on erasure. */
    public void sendProfileTombstone(String wearerId) {
        await(events.send(new ProducerRecord<>(Topics.WEARER_PROFILES.name(), wearerId, null)));
    }

    /** An event on any registry topic, keyed as given (an erasure request: by wearer). */
    public void sendEvent(String topic, String key, Event<?> event) {
        await(events.send(new ProducerRecord<>(topic, key, event)));
    }

    private static void await(java.util.concurrent.Future<?> ack) {
        try {
            ack.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("send failed", e.getCause());
        }
    }

    @Override
    public void close() {
        telemetry.close();
        events.close();
    }
}
