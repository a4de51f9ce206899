package io.spinestream.events.telemetry;

import io.spinestream.events.telemetry.proto.IngestedBatch;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde of the telemetry topic's values (Protobuf {@link IngestedBatch}). */
public class IngestedBatchSerde implements Serde<IngestedBatch> {

    private final IngestedBatchSerializer serializer = new IngestedBatchSerializer();
    private final IngestedBatchDeserializer deserializer = new IngestedBatchDeserializer();

    public IngestedBatchSerde() {
    }

    @Override
    public Serializer<IngestedBatch> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<IngestedBatch> deserializer() {
        return deserializer;
    }
}
