package io.spinestream.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.spinestream.events.topic.TopicProvisioner;
import io.spinestream.events.topic.Topics;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.testcontainers.kafka.KafkaContainer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real Kafka broker for a Quarkus test: in the test JVM (KRaft, one combined node), an external
 * one ({@value InfrastructureMode#KAFKA_ENV}), or a Testcontainers image. Every topic of the
 * registry is created before the application starts, as the launcher and deployments do.
 *
 * <p>Init arg {@code streams-state}: set to {@code true} for Kafka Streams services, so each run
 * gets its own state directory (a reused one would hold state of an older broker).
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

    private KafkaClusterTestKit cluster;
    private KafkaContainer container;
    private Path dataDir;
    private Path streamsStateDir;
    private String bootstrapServers;
    private boolean streamsState;

    @Override
    public void init(Map<String, String> initArgs) {
        streamsState = Boolean.parseBoolean(initArgs.getOrDefault("streams-state", "false"));
    }

    @Override
    public Map<String, String> start() {
        // Kafka loads plug-in classes (metrics reporters, serdes) through the context class loader; on
        // a Quarkus test restart that is the application's loader, whose Kafka classes are not ours.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaResource.class.getClassLoader());
        try {
            return startWithOwnClassLoader();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private Map<String, String> startWithOwnClassLoader() {
        var external = InfrastructureMode.external(InfrastructureMode.KAFKA_ENV);
        if (external.isPresent()) {
            bootstrapServers = external.get();
        } else if (InfrastructureMode.current() == InfrastructureMode.CONTAINERS) {
            container = new KafkaContainer(KAFKA_IMAGE);
            container.start();
            bootstrapServers = container.getBootstrapServers();
        } else {
            bootstrapServers = startEmbedded();
        }
        TopicProvisioner.ensure(bootstrapServers, Topics.all(), (short) 1, Duration.ofSeconds(60));

        var config = new java.util.HashMap<String, String>();
        config.put("kafka.bootstrap.servers", bootstrapServers);
        config.put("quarkus.kafka-streams.bootstrap-servers", bootstrapServers);
        if (streamsState) {
            streamsStateDir = TempDirs.create("streams-state");
            config.put("kafka-streams.state.dir", streamsStateDir.toString());
        }
        return config;
    }

    private String startEmbedded() {
        dataDir = TempDirs.create("kafka");
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(dataDir)
                    .build();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "4")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return cluster.bootstrapServers();
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("could not start the in-JVM Kafka broker", e);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(new Broker(),
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaBroker.class, KafkaBroker.class));
    }

    @Override
    public void stop() {
        stopBroker();
        TempDirs.delete(streamsStateDir);
    }

    /** Stops only the broker: the application under test keeps its streams state directory. */
    private void stopBroker() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the in-JVM Kafka broker", e);
            } finally {
                cluster = null;
                TempDirs.delete(dataDir);
            }
        }
        if (container != null) {
            container.stop();
            container = null;
        }
    }

    private final class Broker implements KafkaBroker {
        @Override
        public String bootstrapServers() {
            return bootstrapServers;
        }

        @Override
        public boolean controllable() {
            return cluster != null || container != null;
        }

        @Override
        public void stop() {
            stopBroker();
        }

        @Override
        public void pauseBroker() {
            embedded().brokers().values().forEach(kafka.server.BrokerServer::shutdown);
        }

        @Override
        public void resumeBroker() {
            try {
                // The test kit re-binds a restarted broker's listener to the port it had.
                embedded().brokers().values().forEach(kafka.server.BrokerServer::startup);
                embedded().waitForReadyBrokers();
            } catch (Exception e) {
                throw new IllegalStateException("could not restart the in-JVM Kafka broker", e);
            }
        }

        private KafkaClusterTestKit embedded() {
            if (cluster == null) {
                throw new IllegalStateException("pausing needs the in-JVM broker (not "
                        + InfrastructureMode.KAFKA_ENV + " or Testcontainers)");
            }
            return cluster;
        }
    }
}
