package io.spinestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.spinestream.events.topic.Topics;

/** The real infrastructure of {@code spinestream up}, in a temporary directory on free ports. */
class LocalInfraTest {

    private static final String TOPIC = "launcher-test";

    @TempDir
    Path root;

    private InfraConfig config() throws IOException {
        int[] ports = freePorts(4);
        return new InfraConfig(Workspace.of(root, root.resolve(".spinestream")), "127.0.0.1",
                ports[0], ports[1], ports[2], ports[3]);
    }

    @Test
    void givenFreePorts_whenTheInfrastructureStarts_thenKafkaPostgresAndMongoServe_andAfterStopNothingIsLeft() throws Exception {
        InfraConfig config = config();
        LocalInfra infra = new LocalInfra(config);
        List<String> progress = new ArrayList<>();
        try {
            infra.start(progress::add);
            List<String> registry = infra.ensureTopics(Duration.ofSeconds(30));

            // Kafka: the registry's topics exist; a topic can be created, written and read
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap()))) {
                assertThat(admin.listTopics().names().get()).containsAll(registry);
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            }
            produce(config, "belt-1", "hello");
            assertThat(consumeOne(config)).isEqualTo("belt-1=hello");

            // PostgreSQL: the spinestream role owns the service databases
            try (Connection c = journal(config); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_user, current_database(), "
                         + "(SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database())")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("spinestream");
                assertThat(rs.getString(2)).isEqualTo("spinestream_journal");
                assertThat(rs.getString(3)).isEqualTo("spinestream");
            }

            // MongoDB wire server: the real driver gets an answer to ping
            try (MongoClient mongo = MongoClients.create(config.mongoUri())) {
                Document pong = mongo.getDatabase("admin").runCommand(new Document("ping", 1));
                assertThat(pong.get("ok", Number.class).intValue()).isEqualTo(1);
            }
        } finally {
            infra.stop();
        }

        assertThat(progress).anyMatch(l -> l.contains("Kafka")).anyMatch(l -> l.contains("PostgreSQL"));
        assertThat(registry()).isNotEmpty();
        assertPortsFree(config);
        assertThat(postgresProcessesOf(config)).isEmpty();
        assertThat(config.workspace().postmasterPidFile()).doesNotExist();
        assertThat(config.workspace().logFile("kafka")).exists();
    }

    @Test
    void givenDataWritten_whenTheInfrastructureRestartsOnTheSameDirectory_thenTheDataIsStillThere() throws Exception {
        InfraConfig config = config();
        String marker = UUID.randomUUID().toString();
        LocalInfra first = new LocalInfra(config);
        try {
            first.start(line -> { });
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            }
            produce(config, "belt-2", marker);
            try (Connection c = journal(config); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (marker text)");
                s.execute("INSERT INTO kept VALUES ('" + marker + "')");
            }
            try (MongoClient mongo = MongoClients.create(config.mongoUri())) {
                mongo.getDatabase("spinestream").getCollection("kept").insertOne(new Document("marker", marker));
            }
        } finally {
            first.stop();
        }

        LocalInfra second = new LocalInfra(config);
        try {
            second.start(line -> { });
            assertThat(consumeOne(config)).isEqualTo("belt-2=" + marker);
            try (Connection c = journal(config); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT marker FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(marker);
            }
            try (MongoClient mongo = MongoClients.create(config.mongoUri())) {
                Document kept = mongo.getDatabase("spinestream").getCollection("kept").find().first();
                assertThat(kept).isNotNull();
                assertThat(kept.getString("marker")).isEqualTo(marker);
            }
        } finally {
            second.stop();
        }
        assertPortsFree(config);
        assertThat(postgresProcessesOf(config)).isEmpty();
    }

    private static List<String> registry() {
        return Topics.all().stream().map(t -> t.name()).toList();
    }

    private static Connection journal(InfraConfig config) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + config.postgresPort() + "/spinestream_journal",
                "spinestream", "spinestream");
    }

    private static void produce(InfraConfig config, String key, String value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
        }
    }

    private static String consumeOne(InfraConfig config) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "launcher-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    return r.key() + "=" + r.value();
                }
            }
        }
        throw new AssertionError("no record on " + TOPIC + " within 30 s");
    }

    private static void assertPortsFree(InfraConfig config) {
        for (int port : new int[] {config.kafkaPort(), config.kafkaControllerPort(), config.postgresPort(), config.mongoPort()}) {
            assertThat(UpCommand.portFree("127.0.0.1", port)).as("port %d is free", port).isTrue();
            assertThat(HealthProbe.portOpen("127.0.0.1", port)).as("nothing answers on port %d", port).isFalse();
        }
    }

    private static List<ProcessHandle> postgresProcessesOf(InfraConfig config) {
        String dataDir = config.workspace().postgresDataDir().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> {
                    String cmd = Processes.commandLine(p);
                    return cmd.contains("postgres") && cmd.contains(dataDir);
                })
                .toList();
    }

    static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket();
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
