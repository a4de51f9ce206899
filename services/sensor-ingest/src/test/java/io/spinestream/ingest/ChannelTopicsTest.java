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

    @Test
    void givenApplicationProperties_whenChannelTopicsRead_thenEachIsTheRegistryTopicOfItsChannel() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ChannelTopicsTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        Map<String, String> topics = new TreeMap<>();
        properties.stringPropertyNames().stream()
                .filter(key -> key.startsWith("mp.messaging.") && key.endsWith(".topic"))
                .forEach(key -> topics.put(key, properties.getProperty(key)));

        assertThat(topics).isEqualTo(Map.of(
                "mp.messaging.outgoing.belt-status.topic", Topics.BELT_STATUS.name(),
                "mp.messaging.outgoing.fleet-alerts.topic", Topics.ALERTS.name(),
                "mp.messaging.incoming.belt-commands.topic", Topics.BELT_COMMANDS.name()));
    }
}
