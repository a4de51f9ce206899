package io.spinestream.notification.support;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.events.topic.Topics;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every messaging channel is mapped to its topic of the registry in libs/events, never to a name of its own. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class ChannelTopicsTest {

    @Test
    void givenTheChannelConfiguration_thenEachChannelReadsOrWritesTheRegistrysTopic() {
        assertThat(topic("incoming", "alerts")).isEqualTo(Topics.ALERTS.name());
        assertThat(topic("incoming", "haptic-alerts")).isEqualTo(Topics.ALERTS.name());
        assertThat(topic("outgoing", "belt-commands")).isEqualTo(Topics.BELT_COMMANDS.name());
        assertThat(topic("outgoing", "alert-lifecycle")).isEqualTo(Topics.ALERT_LIFECYCLE.name());
        assertThat(topic("incoming", "erasure-requests-in")).isEqualTo(Topics.ERASURE_REQUESTS.name());
        assertThat(topic("outgoing", "erasure-receipts-out")).isEqualTo(Topics.ERASURE_RECEIPTS.name());
        assertThat(topic("outgoing", "audit-out")).isEqualTo(Topics.AUDIT.name());
        for (String name : ConfigProvider.getConfig().getPropertyNames()) {
            if (name.startsWith("mp.messaging.") && name.endsWith(".topic")) {
                String topic = ConfigProvider.getConfig().getValue(name, String.class);
                assertThat(Topics.byName(topic)).as(name + " = " + topic).isPresent();
            }
        }
    }

    @Test
    void givenTheErasureRequestsConsumer_thenItIsAParticipantWithAStableGroupReadingFromTheBeginning() {
        String group = ConfigProvider.getConfig().getValue("mp.messaging.incoming.erasure-requests-in.group.id", String.class);
        String reset = ConfigProvider.getConfig().getValue("mp.messaging.incoming.erasure-requests-in.auto.offset.reset",
                String.class);

        // Shared by every instance and never per instance: an instance that was away carries out what it missed.
        assertThat(group).isEqualTo("notification-erasures");
        assertThat(reset).isEqualTo("earliest");
        assertThat(Topics.erasureParticipants()).contains(Topics.NOTIFICATION);
    }

    @Test
    void givenTheTwoConsumersOfTheAlertsTopic_thenEachHasItsOwnGroupSoTheHapticPathNeverWaitsForTheDatabase() {
        String recording = ConfigProvider.getConfig().getValue("mp.messaging.incoming.alerts.group.id", String.class);
        String haptics = ConfigProvider.getConfig().getValue("mp.messaging.incoming.haptic-alerts.group.id", String.class);

        assertThat(recording).isNotEqualTo(haptics);
    }

    private static String topic(String direction, String channel) {
        return ConfigProvider.getConfig().getValue("mp.messaging." + direction + "." + channel + ".topic", String.class);
    }
}
