package io.spinestream.events.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsResult;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

class TopicProvisionerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Node BROKER = new Node(0, "localhost", 9092);

    @Test
    void givenEmptyCluster_whenEnsuringAllTopics_thenEachIsCreatedWithItsPartitionsAndConfig() throws Exception {
        try (MockAdminClient admin = new MockAdminClient(List.of(BROKER), BROKER)) {
            TopicProvisioner.ensure(admin, Topics.all(), (short) 1, TIMEOUT);

            assertThat(admin.listTopics().names().get(5, TimeUnit.SECONDS))
                    .containsExactlyInAnyOrderElementsOf(Topics.all().stream().map(TopicSpec::name).toList());
            Map<String, TopicDescription> described = admin.describeTopics(List.of(
                            Topics.TELEMETRY.name(), Topics.ALERT_LIFECYCLE.name()))
                    .allTopicNames().get(5, TimeUnit.SECONDS);
            assertThat(described.get(Topics.TELEMETRY.name()).partitions()).hasSize(12);
            assertThat(described.get(Topics.ALERT_LIFECYCLE.name()).partitions()).hasSize(6);

            ConfigResource profiles = new ConfigResource(ConfigResource.Type.TOPIC, Topics.WEARER_PROFILES.name());
            Config config = admin.describeConfigs(List.of(profiles)).all().get(5, TimeUnit.SECONDS).get(profiles);
            assertThat(config.get("cleanup.policy")).extracting(ConfigEntry::value).isEqualTo("compact");
        }
    }

    @Test
    void givenSomeTopicsExist_whenEnsuringAllTwice_thenMissingOnesAreAddedWithoutError() throws Exception {
        try (MockAdminClient admin = new MockAdminClient(List.of(BROKER), BROKER)) {
            TopicProvisioner.ensure(admin, List.of(Topics.ALERTS), (short) 1, TIMEOUT);

            assertThatCode(() -> TopicProvisioner.ensure(admin, Topics.all(), (short) 1, TIMEOUT))
                    .doesNotThrowAnyException();
            assertThatCode(() -> TopicProvisioner.ensure(admin, Topics.all(), (short) 1, TIMEOUT))
                    .doesNotThrowAnyException();

            assertThat(admin.listTopics().names().get(5, TimeUnit.SECONDS)).hasSize(Topics.all().size());
        }
    }

    @Test
    void givenAnotherServiceCreatesTheTopicConcurrently_whenEnsuring_thenTopicExistsIsTolerated() throws Exception {
        try (RacingAdmin admin = new RacingAdmin()) {
            TopicProvisioner.ensure(admin, List.of(Topics.ALERTS), (short) 1, TIMEOUT);

            // the topic exists but is not listed yet: creation fails with TopicExistsException
            assertThatCode(() -> TopicProvisioner.ensure(admin, List.of(Topics.ALERTS), (short) 1, TIMEOUT))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void givenClusterRefusesCreation_whenEnsuring_thenFailsNamingTheTopic() {
        try (MockAdminClient admin = new MockAdminClient(List.of(BROKER), BROKER)) {
            assertThatThrownBy(() -> TopicProvisioner.ensure(admin, List.of(Topics.ALERTS), (short) 3, TIMEOUT))
                    .isInstanceOf(KafkaException.class)
                    .hasMessageContaining(Topics.ALERTS.name());
        }
    }

    /** Sees topics only after listing is done, as when two services start at once. */
    private static final class RacingAdmin extends MockAdminClient {

        private final MockAdminClient emptyCluster = new MockAdminClient(List.of(BROKER), BROKER);

        RacingAdmin() {
            super(List.of(BROKER), BROKER);
        }

        @Override
        public synchronized ListTopicsResult listTopics(ListTopicsOptions options) {
            return emptyCluster.listTopics(options);
        }

        @Override
        public synchronized void close(Duration timeout) {
            emptyCluster.close(timeout);
            super.close(timeout);
        }
    }
}
