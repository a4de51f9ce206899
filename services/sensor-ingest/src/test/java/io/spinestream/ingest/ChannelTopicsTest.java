package io.spinestream.ingest;

import io.spinestream.events.topic.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The channels name the registry's topics, so a renamed topic cannot silently leave a channel behind. */
class ChannelTopicsTest {

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ChannelTopicsTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void givenApplicationProperties_whenChannelTopicsRead_thenEachIsTheRegistryTopicOfItsChannel() throws IOException {
        Properties properties = applicationProperties();
        Map<String, String> topics = new TreeMap<>();
        properties.stringPropertyNames().stream()
                .filter(key -> key.startsWith("mp.messaging.") && key.endsWith(".topic"))
                .forEach(key -> topics.put(key, properties.getProperty(key)));

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
