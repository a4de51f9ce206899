package io.spinestream.bench.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PlatformSettleTest {

    private static final TopicPartition T0 = new TopicPartition("spinestream.telemetry.v1", 0);
    private static final TopicPartition T1 = new TopicPartition("spinestream.telemetry.v1", 1);
    private static final TopicPartition A0 = new TopicPartition("spinestream.alerts.v1", 0);

    @Test
    void givenAGroupBehindOnSomePartitions_whenItsLagIsTaken_thenItIsTheUnreadRecordsSummedOverThem() {
        Map<TopicPartition, ListOffsetsResultInfo> ends = Map.of(T0, end(120), T1, end(40), A0, end(7));

        long lag = PlatformSettle.lag(Map.of(T0, new OffsetAndMetadata(100), T1, new OffsetAndMetadata(40)), ends);

        assertThat(lag).isEqualTo(20);
    }

    @Test
    void givenCommitsAtOrPastTheEndOrOnAnUnknownPartition_whenLagIsTaken_thenTheyCountAsCaughtUp() {
        Map<TopicPartition, ListOffsetsResultInfo> ends = Map.of(T0, end(50));

        long lag = PlatformSettle.lag(Map.of(T0, new OffsetAndMetadata(55), A0, new OffsetAndMetadata(3)), ends);

        assertThat(lag).isZero();
        assertThat(PlatformSettle.total(Map.of("form-analysis", 3L, "notification-alerts", 4L))).isEqualTo(7);
    }

    private static ListOffsetsResultInfo end(long offset) {
        return new ListOffsetsResultInfo(offset, -1L, Optional.empty());
    }
}
