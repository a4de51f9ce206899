package io.spinestream.events.telemetry;

import io.spinestream.events.telemetry.proto.IngestedBatch;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer of telemetry topic values (Protobuf {@link IngestedBatch}). */
public class IngestedBatchSerializer implements Serializer<IngestedBatch> {

    /** Media type written to the {@code content-type} header, for tools that inspect records. */
    public static final String CONTENT_TYPE = "application/x-protobuf";

    private static final byte[] CONTENT_TYPE_VALUE = CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

    public IngestedBatchSerializer() {
    }

    @Override
    public byte[] serialize(String topic, IngestedBatch batch) {
        return batch == null ? null : batch.toByteArray();
    }

    @Override
    public byte[] serialize(String topic, Headers headers, IngestedBatch batch) {
        if (batch != null && headers != null) {
            headers.remove("content-type");
            headers.add("content-type", CONTENT_TYPE_VALUE);
        }
        return serialize(topic, batch);
    }
}
