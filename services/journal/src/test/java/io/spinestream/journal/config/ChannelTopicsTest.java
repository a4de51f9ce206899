package io.spinestream.journal.config;

import io.spinestream.events.topic.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The channels of application.properties name exactly the registry's topics. */
class ChannelTopicsTest {

    @Test
    void givenApplicationProperties_whenChannelsRead_thenEachMapsToItsRegistryTopic() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        assertThat(properties.getProperty("mp.messaging.outgoing.wearer-profiles-out.topic"))
                .isEqualTo(Topics.WEARER_PROFILES.name());
        assertThat(properties.getProperty("mp.messaging.outgoing.alerts-out.topic")).isEqualTo(Topics.ALERTS.name());
        assertThat(properties.getProperty("mp.messaging.incoming.session-summaries-in.topic"))
                .isEqualTo(Topics.SESSION_SUMMARIES.name());
        assertThat(properties.getProperty("mp.messaging.outgoing.erasure-requests-out.topic"))
                .isEqualTo(Topics.ERASURE_REQUESTS.name());
        assertThat(properties.getProperty("mp.messaging.incoming.erasure-requests-in.topic"))
                .isEqualTo(Topics.ERASURE_REQUESTS.name());
        assertThat(properties.getProperty("mp.messaging.outgoing.erasure-receipts-out.topic"))
                .isEqualTo(Topics.ERASURE_RECEIPTS.name());
        assertThat(properties.getProperty("mp.messaging.incoming.erasure-receipts-in.topic"))
                .isEqualTo(Topics.ERASURE_RECEIPTS.name());
        assertThat(properties.getProperty("mp.messaging.outgoing.audit-out.topic")).isEqualTo(Topics.AUDIT.name());
        assertThat(properties.getProperty("mp.messaging.incoming.audit-in.topic")).isEqualTo(Topics.AUDIT.name());
        assertThat(properties.stringPropertyNames().stream().filter(k -> k.endsWith(".topic")))
                .allSatisfy(key -> assertThat(Topics.byName(properties.getProperty(key))).as(key).isPresent());
    }
}
