package io.spinestream.events.telemetry;

import com.google.protobuf.InvalidProtocolBufferException;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer of telemetry topic values (Protobuf {@link IngestedBatch}). Decoding does
 * not re-validate: ingest only publishes batches that passed {@link TelemetryValidator}.
 */
public class IngestedBatchDeserializer implements Deserializer<IngestedBatch> {

    public IngestedBatchDeserializer() {
    }

    @Override
    public IngestedBatch deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return IngestedBatch.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            throw new SerializationException("Topic " + topic + ": not an IngestedBatch: " + e.getMessage(), e);
        }
    }
}
