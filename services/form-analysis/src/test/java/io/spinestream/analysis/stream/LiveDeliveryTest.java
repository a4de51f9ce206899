package io.spinestream.analysis.stream;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.analysis.core.AnalysisEvent;
import io.spinestream.analysis.core.RecordingGenerator;
import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.analysis.testkit.Belts;
import io.spinestream.analysis.testkit.EventTopicReader;
import io.spinestream.analysis.testkit.TelemetrySender;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.SessionSummary;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.topic.Topics;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.MongoResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Late and repeated batches on the live path (telemetry.md: once per (beltId, seq), late = no haptics). */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "streams-state", value = "true"))
@WithTestResource(MongoResource.class)
class LiveDeliveryTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final String CLINIC = "clinic-delivery";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    TelemetrySender sender;

    @BeforeEach
    void connect() {
        sender = new TelemetrySender(bootstrap);
    }

    @AfterEach
    void disconnect() {
        sender.close();
    }

    /**
     * One-second batches: [0] neutral, [1] a rounded rep wholly inside it, [2] and [3] neutral,
     * [4] a twisted rep (the barrier: its alert comes after anything the earlier batches raise).
     */
    static List<IngestedBatch> batches(String belt) {
        RecordingGenerator gen = RecordingGenerator.belt(belt).rateHz(50).batchSize(50)
                .startAt(Instant.now().minusSeconds(600))
                .activity("deadlift").hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .rep(Duration.ofMillis(800), new Pose(26, 0, 0, 55)).hold(Duration.ofMillis(200))
                .hold(Duration.ofSeconds(2))
                .rep(Duration.ofMillis(800), new Pose(0, 0, 18, 45)).hold(Duration.ofMillis(200));
        List<IngestedBatch> batches = Belts.ingested(gen.batches(), CLINIC, "w-" + belt);
        assertThat(batches).hasSize(5);
        return batches;
    }

    @Test
    void givenBatchArrivingAfterNewerOnes_whenAnalysed_thenItsAlertIsFlaggedLate() {
        String belt = Belts.unique("LATE");
        List<IngestedBatch> b = batches(belt);
        List<IngestedBatch> arrival = List.of(b.get(0), b.get(2), b.get(3), b.get(1), b.get(4));
        List<AnalysisEvent> expected = Belts.expected(arrival, null);

        sender.sendAll(arrival);

        try (EventTopicReader alerts = new EventTopicReader(bootstrap, Topics.ALERTS.name(), belt)) {
            alerts.untilEvent(e -> e.dataAs(Alert.class).code().equals("TWIST_UNDER_LOAD"), WAIT);
            assertThat(alerts.events()).extracting(e -> e.id())
                    .containsExactlyElementsOf(expected.stream().map(AnalysisEvent::id).toList());
            List<Alert> rounded = alerts.events().stream().map(e -> e.dataAs(Alert.class))
                    .filter(a -> a.code().equals("ROUNDED_BACK")).toList();
            assertThat(rounded).hasSize(1);
            assertThat(rounded.get(0).late()).isTrue();
            assertThat(rounded.get(0).sessionId()).isNotNull();
            Alert twist = alerts.events().get(alerts.events().size() - 1).dataAs(Alert.class);
            assertThat(twist.late()).isFalse();
            assertThat(twist.sessionId()).isEqualTo(rounded.get(0).sessionId());
        }
    }

    @Test
    void givenSameBatchTwice_whenAnalysed_thenNoSecondAlert() {
        String belt = Belts.unique("DUP");
        List<IngestedBatch> b = batches(belt);
        List<IngestedBatch> arrival = new ArrayList<>(b);
        arrival.add(2, b.get(1));

        sender.sendAll(arrival);

        try (EventTopicReader alerts = new EventTopicReader(bootstrap, Topics.ALERTS.name(), belt)) {
            alerts.untilEvent(e -> e.dataAs(Alert.class).code().equals("TWIST_UNDER_LOAD"), WAIT);
            assertThat(alerts.events()).extracting(e -> e.id())
                    .containsExactlyElementsOf(Belts.expected(b, null).stream().map(AnalysisEvent::id).toList())
                    .doesNotHaveDuplicates();
            assertThat(alerts.events()).filteredOn(e -> e.dataAs(Alert.class).code().equals("ROUNDED_BACK"))
                    .hasSize(1);
        }
    }

    @Test
    void givenABatchFromInsideAnAlertedEpisodeArrivingLate_whenAnalysed_thenNoSecondAlert_andOneEpisodeInTheSummary() {
        // one-second batches: [0] neutral, [1]-[3] rounded (one episode, alerted in [1]), [4] neutral,
        // then standing (ends the session); [2] arrives after [3]
        String belt = Belts.unique("LATEEP");
        RecordingGenerator gen = RecordingGenerator.belt(belt).rateHz(50).batchSize(50)
                .startAt(Instant.now().minusSeconds(600))
                .activity("deadlift").hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .hold(Duration.ofSeconds(3), Pose.flexed(25)).hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .activity("standing").hold(Duration.ofSeconds(1), Pose.NEUTRAL);
        List<IngestedBatch> b = Belts.ingested(gen.batches(), CLINIC, "w-" + belt);
        assertThat(b).hasSize(6);
        List<IngestedBatch> arrival = List.of(b.get(0), b.get(1), b.get(3), b.get(2), b.get(4), b.get(5));

        sender.sendAll(arrival);

        try (EventTopicReader summaries = new EventTopicReader(bootstrap, Topics.SESSION_SUMMARIES.name(), belt);
             EventTopicReader alerts = new EventTopicReader(bootstrap, Topics.ALERTS.name(), belt)) {
            SessionSummary deadlift = summaries.untilEvent(e -> true, WAIT).get(0).event().dataAs(SessionSummary.class);
            assertThat(deadlift.activity()).isEqualTo("deadlift");
            assertThat(deadlift.faults()).containsExactlyEntriesOf(java.util.Map.of("ROUNDED_BACK", 1));
            // the standing session's CALIBRATION_NEEDED comes after everything the deadlift raised
            alerts.untilEvent(e -> e.dataAs(Alert.class).activity().equals("standing"), WAIT);
            List<Alert> rounded = alerts.events().stream().map(e -> e.dataAs(Alert.class))
                    .filter(a -> a.code().equals("ROUNDED_BACK")).toList();
            assertThat(rounded).singleElement().satisfies(a -> assertThat(a.late()).isFalse());
        }
    }
}
