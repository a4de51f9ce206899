package io.spinestream.ingest.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.spinestream.events.topic.TopicProvisioner;
import io.spinestream.events.topic.Topics;
import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real in-JVM Kafka broker (KRaft, one combined node) that a test can stop and start again on
 * the same port with its data intact, for "the broker goes away and comes back" tests. Only the
 * broker role stops; the controller keeps the cluster metadata. (libs/testing's
 * {@code KafkaResource} can only stop its broker for good.) Always embedded: the test needs a
 * broker it owns, whatever infrastructure the other tests use.
 */
public class RestartableKafkaResource implements QuarkusTestResourceLifecycleManager {

    private KafkaClusterTestKit cluster;
    private Path dataDir;

    @Override
    public Map<String, String> start() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Kafka loads plug-ins through the context class loader; use the one that has our Kafka classes.
        thread.setContextClassLoader(RestartableKafkaResource.class.getClassLoader());
        try {
            dataDir = Files.createTempDirectory("spinestream-ingest-kafka-");
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
            TopicProvisioner.ensure(cluster.bootstrapServers(), Topics.all(), (short) 1, Duration.ofSeconds(60));
            return Map.of("kafka.bootstrap.servers", cluster.bootstrapServers());
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("could not start the restartable Kafka broker", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(new Control(),
                new TestInjector.AnnotatedAndMatchesType(BrokerControl.Inject.class, BrokerControl.class));
    }

    @Override
    public void stop() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the Kafka broker", e);
            } finally {
                cluster = null;
            }
        }
        if (dataDir != null) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dataDir = null;
        }
    }

    private final class Control implements BrokerControl {
        @Override
        public void stopBroker() {
            cluster.brokers().values().forEach(BrokerServer::shutdown);
        }

        @Override
        public void startBroker() {
            try {
                // The test kit re-binds a restarted broker's listener to the port it had.
                cluster.brokers().values().forEach(BrokerServer::startup);
                cluster.waitForReadyBrokers();
            } catch (Exception e) {
                throw new IllegalStateException("could not restart the Kafka broker", e);
            }
        }

        @Override
        public String bootstrapServers() {
            return cluster.bootstrapServers();
        }
    }
}
