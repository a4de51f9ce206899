package io.spinestream.ingest;

import io.spinestream.events.topic.Topics;
import io.spinestream.testing.ServiceProperties;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The channels name the registry's topics, so a renamed topic cannot silently leave a channel behind. */
class ChannelTopicsTest {

    private static Properties applicationProperties() {
        return ServiceProperties.load();
    }

    @Test
    void givenApplicationProperties_whenChannelTopicsRead_thenEachIsTheRegistryTopicOfItsChannel() throws IOException {
        Properties properties = applicationProperties();
        Map<String, String> topics = ServiceProperties.topics(properties);

        assertThat(topics).isEqualTo(Map.of(
                "mp.messaging.outgoing.belt-status.topic", Topics.BELT_STATUS.name(),
                "mp.messaging.outgoing.fleet-alerts.topic", Topics.ALERTS.name(),
                "mp.messaging.incoming.belt-commands.topic", Topics.BELT_COMMANDS.name(),
                "mp.messaging.incoming.erasure-requests-in.topic", Topics.ERASURE_REQUESTS.name(),
                "mp.messaging.outgoing.erasure-receipts-out.topic", Topics.ERASURE_RECEIPTS.name(),
                "mp.messaging.outgoing.audit-out.topic", Topics.AUDIT.name()));
    }

    @Test
    void givenApplicationProperties_whenTheErasureConsumerIsRead_thenItIsAStableGroupReadingFromTheEarliest() throws IOException {
        Properties properties = applicationProperties();

        // A per-instance group (or one starting at the end) would skip the erasures made before it started.
        assertThat(properties.getProperty("mp.messaging.incoming.erasure-requests-in.group.id"))
                .isEqualTo("sensor-ingest-erasures");
        assertThat(properties.getProperty("mp.messaging.incoming.erasure-requests-in.auto.offset.reset"))
                .isEqualTo("earliest");
        assertThat(Topics.ERASURE_REQUESTS.consumers()).contains(Topics.SENSOR_INGEST);
    }
}
