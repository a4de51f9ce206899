package io.spinestream.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A single combined broker + controller Kafka node (KRaft) running in this JVM. Its storage is
 * formatted once ({@code kafka-storage format --standalone}) and kept between runs.
 */
final class KafkaNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaNode.class);

    private final InfraConfig config;
    private final Path dir;
    private final Path dataDir;
    private KafkaRaftServer server;

    KafkaNode(InfraConfig config) {
        this.config = config;
        this.dir = config.workspace().kafkaDir();
        this.dataDir = dir.resolve("data");
    }

    Map<String, String> serverProperties() {
        String host = config.host();
        Map<String, String> p = new TreeMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", host + ":" + config.kafkaControllerPort());
        p.put("listeners", "PLAINTEXT://" + host + ":" + config.kafkaPort() + ",CONTROLLER://" + host + ":"
                + config.kafkaControllerPort());
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + config.kafkaPort());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "10");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // after an unclean stop (kill -9) the broker may register again only once its old session expired
        p.put("broker.heartbeat.interval.ms", "1000");
        p.put("broker.session.timeout.ms", "4000");
        return p;
    }

    void start() throws Exception {
        Files.createDirectories(dataDir);
        Properties props = new Properties();
        props.putAll(serverProperties());
        Path propsFile = dir.resolve("server.properties");
        try (Writer w = Files.newBufferedWriter(propsFile, StandardCharsets.UTF_8)) {
            props.store(w, "written by the spinestream launcher on every start; edit LocalPlatform/KafkaNode instead");
        }
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            format(propsFile);
        }
        KafkaConfig kafkaConfig = KafkaConfig.fromProps(props, false);
        server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
        server.startup();
        awaitBroker(Duration.ofSeconds(60));
    }

    private void format(Path propsFile) throws IOException {
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", propsFile.toString(),
                    "--standalone", "--ignore-formatted"}, out);
        }
        String output = buffer.toString(StandardCharsets.UTF_8).trim();
        LOG.info("kafka storage format (cluster id {}): {}", clusterId, output);
        if (rc != 0) {
            throw new IOException("formatting Kafka storage in " + dataDir + " failed (exit " + rc + "): " + output);
        }
    }

    private void awaitBroker(Duration timeout) throws Exception {
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(adminProps)) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                Thread.sleep(200);
            }
        }
        throw new IOException("Kafka did not answer on " + config.kafkaBootstrap() + " within " + timeout, last);
    }

    @Override
    public void close() {
        KafkaRaftServer s = server;
        server = null;
        if (s != null) {
            s.shutdown();
            s.awaitShutdown();
        }
    }
}
