package io.spinestream.analysis.stream;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.analysis.core.AnalysisEvent;
import io.spinestream.analysis.core.PayloadMapper;
import io.spinestream.analysis.core.RecordingGenerator;
import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.analysis.testkit.Belts;
import io.spinestream.analysis.testkit.EventTopicReader;
import io.spinestream.analysis.testkit.TelemetrySender;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.Limits;
import io.spinestream.events.payload.SessionSummary;
import io.spinestream.events.payload.Severity;
import io.spinestream.events.payload.WearerProfile;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import io.spinestream.events.topic.Topics;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.MongoResource;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "streams-state", value = "true"))
@WithTestResource(MongoResource.class)
class LiveAnalysisTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final String CLINIC = "clinic-live";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    KafkaStreams streams;

    TelemetrySender sender;

    @BeforeEach
    void connect() {
        sender = new TelemetrySender(bootstrap);
    }

    @AfterEach
    void disconnect() {
        sender.close();
    }

    /** Deadlifts: a rounded rep, a clean one, a twisted one (the barrier), then standing. */
    static RecordingGenerator deadlifts(String beltId) {
        return RecordingGenerator.belt(beltId).rateHz(50).batchSize(25).startAt(Instant.now().minusSeconds(600))
                .activity("deadlift").hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .rep(Duration.ofSeconds(2), new Pose(26, 0, 0, 55)).hold(Duration.ofMillis(500))
                .rep(Duration.ofSeconds(2), Pose.hinge(55)).hold(Duration.ofMillis(500))
                .rep(Duration.ofSeconds(2), new Pose(0, 0, 18, 45)).hold(Duration.ofMillis(500))
                .activity("standing").hold(Duration.ofSeconds(1), Pose.NEUTRAL);
    }

    @Test
    void givenRoundedBackEpisode_whenBatchesStreamed_thenExactlyOneFormFaultCloudEventOnTheAlertsTopic() {
        String belt = Belts.unique("RB");
        List<IngestedBatch> batches = Belts.ingested(deadlifts(belt).batches(), CLINIC, "w-" + belt);
        List<AnalysisEvent> expected = Belts.expected(batches, null).stream().filter(e -> !e.isSummary()).toList();
        AnalysisEvent rounded = expected.stream().filter(e -> e.type().equals("ROUNDED_BACK")).findFirst().orElseThrow();

        sender.sendAll(batches);

        try (EventTopicReader alerts = new EventTopicReader(bootstrap, Topics.ALERTS.name(), belt)) {
            // The standing session's advisory comes last: everything the deadlifts raised is before it.
            List<EventTopicReader.Read> read = alerts.until(r -> r.size() >= expected.size(), WAIT);

            assertThat(read).extracting(r -> r.event().id()).containsExactlyElementsOf(
                    expected.stream().map(AnalysisEvent::id).toList());
            List<EventTopicReader.Read> faults = read.stream()
                    .filter(r -> r.event().dataAs(Alert.class).code().equals("ROUNDED_BACK")).toList();
            assertThat(faults).hasSize(1);
            EventTopicReader.Read fault = faults.get(0);
            Event<?> event = fault.event();
            assertThat(fault.key()).isEqualTo(belt);
            assertThat(fault.contentType()).isEqualTo("application/cloudevents+json");
            assertThat(event.id()).isEqualTo(EventIds.of(EventType.FORM_FAULT, belt, Long.toString(rounded.seq()),
                    Integer.toString(rounded.sampleIndex()), "ROUNDED_BACK"));
            assertThat(event.type()).isEqualTo(EventType.FORM_FAULT);
            assertThat(event.source()).isEqualTo(EventSources.FORM_ANALYSIS);
            assertThat(event.subject()).isEqualTo(belt);
            assertThat(event.clinicId()).isEqualTo(CLINIC);
            assertThat(event.time()).isEqualTo(rounded.at());
            Alert alert = event.dataAs(Alert.class);
            assertThat(alert).isEqualTo(PayloadMapper.toAlert(rounded));
            assertThat(alert.alertId()).isEqualTo(event.id());
            assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(alert.limit()).isEqualTo(20.0);
            assertThat(alert.unit()).isEqualTo("deg");
            assertThat(alert.value()).isGreaterThan(20.0);
            assertThat(alert.late()).isFalse();
            assertThat(alert.wearerId()).isEqualTo("w-" + belt);
            assertThat(alert.activity()).isEqualTo("deadlift");
            assertThat(alert.sessionId()).isEqualTo(EventIds.deterministic("session", belt,
                    Long.toString(batches.get(0).getBatch().getSeq())));
        }
    }

    @Test
    void givenActivityChange_whenBatchesStreamed_thenTheClosedSessionsSummaryIsOnItsTopic() {
        String belt = Belts.unique("SUM");
        List<IngestedBatch> batches = Belts.ingested(deadlifts(belt).batches(), CLINIC, "w-" + belt);
        AnalysisEvent summary = Belts.expected(batches, null).stream().filter(AnalysisEvent::isSummary)
                .findFirst().orElseThrow();

        sender.sendAll(batches);

        try (EventTopicReader summaries = new EventTopicReader(bootstrap, Topics.SESSION_SUMMARIES.name(), belt)) {
            List<EventTopicReader.Read> read = summaries.until(r -> !r.isEmpty(), WAIT);

            Event<?> event = read.get(0).event();
            assertThat(event.type()).isEqualTo(EventType.SESSION_SUMMARY);
            assertThat(event.id()).isEqualTo(EventIds.of(EventType.SESSION_SUMMARY, summary.sessionId()));
            assertThat(event.clinicId()).isEqualTo(CLINIC);
            SessionSummary data = event.dataAs(SessionSummary.class);
            assertThat(data).isEqualTo(PayloadMapper.toSessionSummary(summary));
            assertThat(data.activity()).isEqualTo("deadlift");
            assertThat(data.reps()).isEqualTo(3);
            assertThat(data.faults()).containsEntry("ROUNDED_BACK", 1).containsEntry("TWIST_UNDER_LOAD", 1);
        }
    }

    @Test
    void givenProfileOnTheProfilesTopic_whenNextBatchArrives_thenItsLimitApplies() {
        String belt = Belts.unique("PRO");
        String wearer = "w-" + belt;
        RecordingGenerator gen = RecordingGenerator.belt(belt).rateHz(50).batchSize(25)
                .startAt(Instant.now().minusSeconds(600))
                .activity("deadlift").hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .rep(Duration.ofSeconds(2), new Pose(26, 0, 0, 55)).hold(Duration.ofMillis(500))
                .rep(Duration.ofSeconds(2), new Pose(0, 0, 18, 45)).hold(Duration.ofMillis(500)).newBatch();
        Instant split = gen.now();
        gen.rep(Duration.ofSeconds(2), new Pose(26, 0, 0, 55)).hold(Duration.ofMillis(500))
                .rep(Duration.ofSeconds(2), new Pose(0, 0, 18, 45)).hold(Duration.ofMillis(500));
        List<TelemetryBatch> all = gen.batches();
        List<TelemetryBatch> before = all.stream().filter(b -> b.getStartedAtMs() < split.toEpochMilli()).toList();
        List<TelemetryBatch> after = all.subList(before.size(), all.size());

        sender.sendProfile(profile(wearer, 1, 30.0));
        awaitProfileVersion(wearer, 1);
        sender.sendAll(Belts.ingested(before, CLINIC, wearer));
        try (EventTopicReader alerts = new EventTopicReader(bootstrap, Topics.ALERTS.name(), belt)) {
            alerts.untilEvent(e -> e.dataAs(Alert.class).code().equals("TWIST_UNDER_LOAD"), WAIT);
            assertThat(codes(alerts)).doesNotContain("ROUNDED_BACK");

            sender.sendProfile(profile(wearer, 2, 24.0));
            awaitProfileVersion(wearer, 2);
            sender.sendAll(Belts.ingested(after, CLINIC, wearer));
            alerts.until(r -> r.stream().filter(x -> x.event().dataAs(Alert.class).code().equals("TWIST_UNDER_LOAD"))
                    .count() == 2, WAIT);

            List<Alert> rounded = alerts.events().stream().map(e -> e.dataAs(Alert.class))
                    .filter(a -> a.code().equals("ROUNDED_BACK")).toList();
            assertThat(rounded).hasSize(1);
            assertThat(rounded.get(0).limit()).isEqualTo(24.0);
            assertThat(rounded.get(0).at()).isAfterOrEqualTo(split);
        }
    }

    @Test
    void givenProfileOfAnotherClinic_whenBatchArrives_thenDefaultsApply() {
        String belt = Belts.unique("TEN");
        String wearer = "w-" + belt;
        sender.sendProfile(Event.of(EventType.WEARER_PROFILE, EventIds.of(EventType.WEARER_PROFILE, wearer, "1"),
                EventSources.JOURNAL, wearer, "clinic-other", new WearerProfile(wearer, "clinic-other", List.of(),
                        limits(40.0), null, 1, Instant.now())));
        awaitProfileVersion(wearer, 1);

        sender.sendAll(Belts.ingested(deadlifts(belt).batches(), CLINIC, wearer));

        try (EventTopicReader alerts = new EventTopicReader(bootstrap, Topics.ALERTS.name(), belt)) {
            alerts.untilEvent(e -> e.dataAs(Alert.class).code().equals("TWIST_UNDER_LOAD"), WAIT);
            Alert rounded = alerts.events().stream().map(e -> e.dataAs(Alert.class))
                    .filter(a -> a.code().equals("ROUNDED_BACK")).findFirst().orElseThrow();
            assertThat(rounded.limit()).isEqualTo(20.0);
        }
    }

    private static List<String> codes(EventTopicReader reader) {
        return reader.events().stream().map(e -> e.dataAs(Alert.class).code()).toList();
    }

    static Limits limits(double flexionDeg) {
        return new Limits(flexionDeg, null, null, null, null, null, null, null, null, null, null);
    }

    static Event<WearerProfile> profile(String wearer, long version, double flexionDeg) {
        return Event.of(EventType.WEARER_PROFILE, EventIds.of(EventType.WEARER_PROFILE, wearer, Long.toString(version)),
                EventSources.JOURNAL, wearer, CLINIC, new WearerProfile(wearer, CLINIC, List.of(),
                        limits(flexionDeg), null, version, Instant.now()));
    }

    private void awaitProfileVersion(String wearer, long version) {
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            ReadOnlyKeyValueStore<String, Event<WearerProfile>> store = streams.store(
                    StoreQueryParameters.fromNameAndType(AnalysisTopology.PROFILE_STORE,
                            QueryableStoreTypes.keyValueStore()));
            Event<WearerProfile> held = store.get(wearer);
            return held != null && held.data().version() == version;
        });
    }
}
