package io.spinestream.events.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.topic.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class IngestedBatchSerdeTest {

    private final IngestedBatchSerde serde = new IngestedBatchSerde();
    private final String topic = Topics.TELEMETRY.name();

    @Test
    void givenIngestedBatch_whenSerializedAndDeserialized_thenEqual() {
        IngestedBatch batch = IngestedBatch.newBuilder()
                .setBatch(Batches.specExampleAsProtobuf())
                .setClinicId("clinic-7")
                .setWearerId("w-42")
                .setReceivedAtMs(Batches.SPEC_STARTED_AT_MS + 1500)
                .build();
        Headers headers = new RecordHeaders();

        IngestedBatch back = serde.deserializer().deserialize(topic, headers,
                serde.serializer().serialize(topic, headers, batch));

        assertThat(back).isEqualTo(batch);
        assertThat(back.getBatch().getChannels().getPelvisAccList()).containsExactly(1.01f, 0.99f);
        assertThat(new String(headers.lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/x-protobuf");
    }

    @Test
    void givenTombstone_whenSerializedOrDeserialized_thenNullBothWays() {
        assertThat(serde.serializer().serialize(topic, null)).isNull();
        assertThat(serde.deserializer().deserialize(topic, null)).isNull();
    }

    @Test
    void givenGarbage_whenDeserialized_thenSerializationExceptionNamingTheTopic() {
        byte[] garbage = {(byte) 0x0a, (byte) 0xff, 0x01};

        assertThatThrownBy(() -> serde.deserializer().deserialize(topic, garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(topic);
    }
}
