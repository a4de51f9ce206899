package io.spinestream.deployment.topics;

import io.spinestream.deployment.service.Repository;
import io.spinestream.events.topic.TopicSpec;
import io.spinestream.events.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * k8s/base/kafka-topics/create-topics.sh, which Compose and the Kubernetes Job run, creates exactly
 * the registry's topics: checked on its text, and by running it (with Kafka's own TopicCommand, as
 * kafka-topics.sh does) against a real KRaft broker.
 */
class TopicScriptTest {

    private static final Path SCRIPT = Repository.path("k8s/base/kafka-topics/create-topics.sh");

    private static KafkaClusterTestKit cluster;

    @TempDir
    static Path work;

    @BeforeAll
    static void startBroker() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBaseDirectory(Files.createDirectories(work.resolve("kafka"))).build();
        cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void givenTheScript_whenRead_thenItDeclaresExactlyTheRegistrysTopicsWithTheirPartitionsAndConfigs() throws IOException {
        String script = Files.readString(SCRIPT);

        assertThat(TopicScript.declared(script)).extracting(TopicScript.Declared::name)
                .containsExactlyElementsOf(Topics.all().stream().map(TopicSpec::name).toList());
        assertThat(TopicScript.problems(script)).isEmpty();
    }

    @Test
    void givenAScriptThatDisagreesWithTheRegistry_whenChecked_thenEachDifferenceIsReported() throws IOException {
        String script = Files.readString(SCRIPT)
                .replace("topic spinestream.alerts.v1 12 ", "topic spinestream.alerts.v1 6 ")
                .replace("topic spinestream.belt-status.v1 12 cleanup.policy=compact", "topic spinestream.belt-status.v1 12 cleanup.policy=delete")
                .replaceAll("(?m)^topic spinestream\\.alert-lifecycle\\.v1 .*$", "topic spinestream.alert-history.v1 6");

        assertThat(TopicScript.problems(script)).containsExactlyInAnyOrder(
                "create-topics.sh creates spinestream.alerts.v1 with 6 partitions, the registry says 12",
                "create-topics.sh creates spinestream.belt-status.v1 with {cleanup.policy=delete, segment.ms=86400000},"
                        + " the registry says {cleanup.policy=compact, segment.ms=86400000}",
                "create-topics.sh does not create spinestream.alert-lifecycle.v1",
                "create-topics.sh creates spinestream.alert-history.v1, which is not in the registry");
    }

    @Test
    void givenABrokerWhereOneTopicAlreadyExists_whenTheScriptRuns_thenTheMissingOnesAreCreatedAsDeclaredAndTheOtherIsLeftAlone()
            throws Exception {
        // An operator's own choice for a live topic: the script must neither fail on it nor change it.
        TopicSpec<?, ?> existing = Topics.ALERTS;
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(existing.name(), 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        Run run = run();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("all spinestream topics are present");
        Map<String, TopicDescription> topics = describe();
        assertThat(topics.get(existing.name()).partitions()).hasSize(3);
        try (Admin admin = admin()) {
            for (TopicSpec<?, ?> spec : Topics.all()) {
                if (spec == existing) {
                    continue;
                }
                TopicDescription topic = topics.get(spec.name());
                assertThat(topic.partitions()).as(spec.name()).hasSize(spec.partitions());
                assertThat(topic.partitions().get(0).replicas()).as(spec.name()).hasSize(1);
                Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, spec.name())))
                        .all().get(30, TimeUnit.SECONDS).values().iterator().next();
                for (Map.Entry<String, String> expected : spec.topicConfig().entrySet()) {
                    assertThat(config.get(expected.getKey()).value()).as(spec.name() + " " + expected.getKey())
                            .isEqualTo(expected.getValue());
                }
                // Set on the topic from TOPIC_MIN_INSYNC_REPLICAS, not the broker's default that happens to be equal.
                assertThat(config.get("min.insync.replicas").source()).as(spec.name())
                        .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
                assertThat(config.get("min.insync.replicas").value()).as(spec.name()).isEqualTo("1");
            }
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run() throws Exception {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path wrapper = bin.resolve("kafka-topics.sh");
        // kafka-topics.sh of the apache/kafka image runs this class with the Kafka jars.
        Files.writeString(wrapper, "#!/bin/sh\nexec \"" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "\" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp \"" + System.getProperty("java.class.path")
                + "\" org.apache.kafka.tools.TopicCommand \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = Files.createTempFile(work, "create-topics", ".log");
        ProcessBuilder pb = new ProcessBuilder("sh", SCRIPT.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("BOOTSTRAP_SERVERS", cluster.bootstrapServers());
        pb.environment().put("TOPIC_REPLICATION_FACTOR", "1");
        pb.environment().put("TOPIC_MIN_INSYNC_REPLICAS", "1");
        pb.environment().put("KAFKA_BIN", bin.toString());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("create-topics.sh did not finish: " + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static Map<String, TopicDescription> describe() throws Exception {
        try (Admin admin = admin()) {
            return admin.describeTopics(Topics.all().stream().map(TopicSpec::name).toList()).allTopicNames()
                    .get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }
}
