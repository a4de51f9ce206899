package io.spinestream.analysis.stream;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.spinestream.analysis.core.AnalysisEvent;
import io.spinestream.analysis.core.PayloadMapper;
import io.spinestream.analysis.core.RecordingGenerator;
import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.analysis.testkit.Belts;
import io.spinestream.analysis.testkit.EventTopicReader;
import io.spinestream.analysis.testkit.TelemetrySender;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.SessionSummary;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import io.spinestream.events.topic.Topics;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.MongoResource;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A belt's session survives its task moving: to a second instance and back (rebalance), and a
 * restart of Kafka Streams on the same state directory. Runs in its own application (profile):
 * the restart test closes the application's own Kafka Streams instance.
 */
@QuarkusTest
@TestProfile(StreamContinuityTest.OwnApplication.class)
@WithTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "streams-state", value = "true"))
@WithTestResource(MongoResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamContinuityTest {

    public static class OwnApplication implements QuarkusTestProfile {
    }

    static final Duration WAIT = Duration.ofSeconds(120);
    static final String CLINIC = "clinic-continuity";
    static final int PARTITIONS = Topics.TELEMETRY.partitions();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    KafkaStreams streams;

    @Inject
    Instance<Topology> topologies;

    TelemetrySender sender;
    final List<KafkaStreams> started = new ArrayList<>();
    final List<Path> stateDirs = new ArrayList<>();

    @BeforeEach
    void connect() {
        sender = new TelemetrySender(bootstrap);
    }

    @AfterEach
    void disconnect() throws IOException {
        sender.close();
        for (KafkaStreams s : started) {
            s.close(Duration.ofSeconds(30));
        }
        for (Path dir : stateDirs) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A deadlift session in three parts, each with a rounded rep; the last ends with two activity changes. */
    static List<List<TelemetryBatch>> threeParts(String belt) {
        Duration rep = Duration.ofSeconds(2);
        RecordingGenerator gen = RecordingGenerator.belt(belt).rateHz(50).batchSize(25)
                .startAt(Instant.now().minusSeconds(600))
                .activity("deadlift").hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .rep(rep, new Pose(26, 0, 0, 55)).hold(Duration.ofMillis(500))
                .rep(rep, Pose.hinge(55)).hold(Duration.ofMillis(500)).newBatch();
        Instant second = gen.now();
        gen.rep(rep, new Pose(26, 0, 0, 55)).hold(Duration.ofMillis(500))
                .rep(rep, new Pose(0, 0, 18, 45)).hold(Duration.ofMillis(500)).newBatch();
        Instant third = gen.now();
        gen.rep(rep, new Pose(26, 0, 0, 55)).hold(Duration.ofMillis(500))
                .activity("standing").hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .activity("walking").hold(Duration.ofSeconds(1), Pose.NEUTRAL);
        List<TelemetryBatch> all = gen.batches();
        List<List<TelemetryBatch>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (TelemetryBatch b : all) {
            Instant at = Instant.ofEpochMilli(b.getStartedAtMs());
            parts.get(at.isBefore(second) ? 0 : at.isBefore(third) ? 1 : 2).add(b);
        }
        return parts;
    }

    @Test
    @Order(1)
    void givenSecondInstanceJoiningAndLeaving_whenSessionsContinue_thenEveryBeltsEventsAreAsIfNothingMoved()
            throws IOException {
        Map<String, List<List<IngestedBatch>>> belts = new LinkedHashMap<>();
        for (String belt : onePerPartition("MOVE")) {
            belts.put(belt, threeParts(belt).stream().map(p -> Belts.ingested(p, CLINIC, "w-" + belt)).toList());
        }
        Map<String, EventTopicReader> alerts = new LinkedHashMap<>();
        Map<String, EventTopicReader> summaries = new LinkedHashMap<>();
        try {
            belts.keySet().forEach(belt -> {
                alerts.put(belt, new EventTopicReader(bootstrap, Topics.ALERTS.name(), belt));
                summaries.put(belt, new EventTopicReader(bootstrap, Topics.SESSION_SUMMARIES.name(), belt));
            });
            belts.values().forEach(parts -> sender.sendAll(parts.get(0)));
            alerts.values().forEach(r -> r.until(read -> count(read, "ROUNDED_BACK") == 1, WAIT));

            KafkaStreams second = startInstance(newStateDir());
            await().atMost(WAIT).until(() -> second.state() == KafkaStreams.State.RUNNING
                    && streams.state() == KafkaStreams.State.RUNNING && activeTasks(second) > 0);
            belts.values().forEach(parts -> sender.sendAll(parts.get(1)));
            alerts.values().forEach(r -> r.until(read -> count(read, "TWIST_UNDER_LOAD") == 1, WAIT));

            second.close(Duration.ofSeconds(30));
            belts.values().forEach(parts -> sender.sendAll(parts.get(2)));

            for (Map.Entry<String, List<List<IngestedBatch>>> belt : belts.entrySet()) {
                List<IngestedBatch> all = belt.getValue().stream().flatMap(List::stream).toList();
                assertContinued(all, alerts.get(belt.getKey()), summaries.get(belt.getKey()));
            }
        } finally {
            alerts.values().forEach(EventTopicReader::close);
            summaries.values().forEach(EventTopicReader::close);
        }
    }

    @Test
    @Order(2)
    void givenKafkaStreamsRestartedMidSession_whenSessionContinues_thenNoFaultLostOrRepeatedAndOneSummary()
            throws IOException {
        String belt = Belts.unique("RESTART");
        List<List<IngestedBatch>> parts = threeParts(belt).stream()
                .map(p -> Belts.ingested(p, CLINIC, "w-" + belt)).toList();
        try (EventTopicReader alerts = new EventTopicReader(bootstrap, Topics.ALERTS.name(), belt);
             EventTopicReader summaries = new EventTopicReader(bootstrap, Topics.SESSION_SUMMARIES.name(), belt)) {
            sender.sendAll(parts.get(0));
            alerts.until(read -> count(read, "ROUNDED_BACK") == 1, WAIT);

            // The application's own instance stops (committing), and a new one takes over the same
            // application id and state directory, as after a redeploy.
            streams.close(Duration.ofSeconds(30));
            String stateDir = ConfigProvider.getConfig().getValue("kafka-streams.state.dir", String.class);
            startInstance(Path.of(stateDir));
            sender.sendAll(parts.get(1));
            sender.sendAll(parts.get(2));

            assertContinued(parts.stream().flatMap(List::stream).toList(), alerts, summaries);
        }
    }

    /**
     * Every alert of the whole recording exactly once, in order (ids included), and the deadlift
     * session summarised once with every rep and fault of its three parts.
     */
    private static void assertContinued(List<IngestedBatch> all, EventTopicReader alerts, EventTopicReader summaries) {
        List<AnalysisEvent> expected = Belts.expected(all, null);
        List<AnalysisEvent> expectedAlerts = expected.stream().filter(e -> !e.isSummary()).toList();
        List<AnalysisEvent> expectedSummaries = expected.stream().filter(AnalysisEvent::isSummary).toList();
        // The standing session's summary is the barrier: the deadlift one is before it on the partition.
        summaries.until(read -> read.size() >= expectedSummaries.size(), WAIT);
        alerts.until(read -> read.size() >= expectedAlerts.size(), WAIT);

        assertThat(alerts.events()).extracting(e -> e.id())
                .containsExactlyElementsOf(expectedAlerts.stream().map(AnalysisEvent::id).toList());
        assertThat(summaries.events()).extracting(e -> e.dataAs(SessionSummary.class))
                .containsExactlyElementsOf(expectedSummaries.stream().map(PayloadMapper::toSessionSummary).toList());
        SessionSummary deadlift = summaries.events().get(0).dataAs(SessionSummary.class);
        assertThat(deadlift.reps()).isEqualTo(5);
        assertThat(deadlift.faults()).containsEntry("ROUNDED_BACK", 3).containsEntry("TWIST_UNDER_LOAD", 1);
    }

    private static long count(List<EventTopicReader.Read> read, String code) {
        return read.stream().filter(r -> r.event().dataAs(Alert.class).code().equals(code)).count();
    }

    private static int activeTasks(KafkaStreams instance) {
        return instance.metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
    }

    /** Belt ids whose telemetry lands on every partition, so some of them surely move. */
    private static List<String> onePerPartition(String tag) {
        String[] byPartition = new String[PARTITIONS];
        int found = 0;
        while (found < PARTITIONS) {
            String belt = Belts.unique(tag);
            int partition = Utils.toPositive(Utils.murmur2(belt.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (byPartition[partition] == null) {
                byPartition[partition] = belt;
                found++;
            }
        }
        return List.of(byPartition);
    }

    private Path newStateDir() throws IOException {
        Path dir = Files.createTempDirectory("form-analysis-second-instance");
        stateDirs.add(dir);
        return dir;
    }

    /** Another Kafka Streams instance of this application: same topology, settings and application id. */
    private KafkaStreams startInstance(Path stateDir) {
        Config config = ConfigProvider.getConfig();
        Properties props = new Properties();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka-streams.")) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(v -> props.put(name.substring("kafka-streams.".length()), v));
            }
        }
        props.put(StreamsConfig.APPLICATION_ID_CONFIG,
                config.getValue("quarkus.kafka-streams.application-id", String.class));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        KafkaStreams instance = new KafkaStreams(topologies.get(), props);
        started.add(instance);
        instance.start();
        return instance;
    }
}
