package io.spinestream.analysis.stream;

import io.spinestream.events.topic.Topics;
import io.spinestream.testing.ServiceProperties;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * application.properties maps every channel and every topic of the topology to the registry's
 * topic explicitly, and the topology reads and writes exactly what is configured: a renamed topic
 * in the registry cannot silently leave this service on the old one, and no topic is named in code.
 */
class ChannelTopicsTest {

    private static Properties applicationProperties() {
        return ServiceProperties.load();
    }

    @Test
    void givenApplicationProperties_whenTopicsRead_thenEachChannelAndStreamTopicIsTheRegistryTopicOfItsRole()
            throws IOException {
        Properties properties = applicationProperties();
        Map<String, String> topics = ServiceProperties.topics(properties, "spinestream.analysis.stream.topics.");

        assertThat(topics).isEqualTo(Map.of(
                "mp.messaging.incoming.telemetry-archive.topic", Topics.TELEMETRY.name(),
                "mp.messaging.incoming.session-records.topic", Topics.SESSION_SUMMARIES.name(),
                "mp.messaging.incoming.calibration-records.topic", Topics.ALERTS.name(),
                "mp.messaging.incoming.erasure-requests-in.topic", Topics.ERASURE_REQUESTS.name(),
                "mp.messaging.outgoing.erasure-receipts-out.topic", Topics.ERASURE_RECEIPTS.name(),
                "mp.messaging.outgoing.audit-out.topic", Topics.AUDIT.name(),
                "spinestream.analysis.stream.topics.telemetry", Topics.TELEMETRY.name(),
                "spinestream.analysis.stream.topics.wearer-profiles", Topics.WEARER_PROFILES.name(),
                "spinestream.analysis.stream.topics.alerts", Topics.ALERTS.name(),
                "spinestream.analysis.stream.topics.session-summaries", Topics.SESSION_SUMMARIES.name()));
        // and this service is where the registry says it reads and writes them
        assertThat(Topics.TELEMETRY.consumers()).contains(Topics.FORM_ANALYSIS);
        assertThat(Topics.WEARER_PROFILES.consumers()).contains(Topics.FORM_ANALYSIS);
        assertThat(Topics.ALERTS.producer()).contains(Topics.FORM_ANALYSIS);
        assertThat(Topics.SESSION_SUMMARIES.producer()).contains(Topics.FORM_ANALYSIS);
        assertThat(Topics.ERASURE_REQUESTS.consumers()).contains(Topics.FORM_ANALYSIS);
        assertThat(Topics.erasureParticipants()).contains(Topics.FORM_ANALYSIS);
        assertThat(properties.getProperty("mp.messaging.incoming.erasure-requests-in.group.id"))
                .isEqualTo("form-analysis-erasures");
    }

    @Test
    void givenConfiguredTopicNames_whenTheTopologyIsBuilt_thenItReadsAndWritesExactlyThose() {
        AnalysisTopology builder = new AnalysisTopology();
        builder.config = new FixedConfig("t.telemetry", "t.profiles", "t.alerts", "t.summaries");

        Topology topology = builder.topology();

        TopologyDescription description = topology.describe();
        Set<String> sources = new HashSet<>();
        Set<String> sinks = new HashSet<>();
        description.globalStores().forEach(g -> sources.addAll(g.source().topicSet()));
        description.subtopologies().forEach(s -> s.nodes().forEach(node -> {
            if (node instanceof TopologyDescription.Source source) {
                sources.addAll(source.topicSet());
            } else if (node instanceof TopologyDescription.Sink sink) {
                sinks.add(sink.topic());
            }
        }));
        assertThat(sources).containsExactlyInAnyOrder("t.telemetry", "t.profiles");
        assertThat(sinks).containsExactlyInAnyOrder("t.alerts", "t.summaries");
    }

    private record FixedConfig(String telemetry, String profiles, String alerts, String summaries)
            implements StreamConfig {

        @Override
        public Duration idleTimeout() {
            return Duration.ofMinutes(2);
        }

        @Override
        public Duration idleCheckInterval() {
            return Duration.ofSeconds(10);
        }

        @Override
        public TopicNames topics() {
            return new TopicNames() {
                @Override
                public String telemetry() {
                    return telemetry;
                }

                @Override
                public String wearerProfiles() {
                    return profiles;
                }

                @Override
                public String alerts() {
                    return alerts;
                }

                @Override
                public String sessionSummaries() {
                    return summaries;
                }
            };
        }
    }
}
