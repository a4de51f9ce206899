package io.spinestream.analysis.erasure;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.spinestream.analysis.core.RecordingGenerator;
import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.analysis.session.AnalysisStoreConfig;
import io.spinestream.analysis.stream.AnalysisTopology;
import io.spinestream.analysis.testkit.Belts;
import io.spinestream.analysis.testkit.EventTopicReader;
import io.spinestream.analysis.testkit.TelemetrySender;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.erasure.ErasureEvents;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.ErasureCompleted;
import io.spinestream.events.payload.ErasureRequested;
import io.spinestream.events.payload.Limits;
import io.spinestream.events.payload.SessionSummary;
import io.spinestream.events.payload.WearerProfile;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import io.spinestream.events.topic.Topics;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.MongoResource;
import io.spinestream.testing.TestTokens;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "streams-state", value = "true"))
@WithTestResource(MongoResource.class)
class ErasureTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final String CLINIC = "clinic-erasure";

    /** The erasure's own record: ids, times and counts only, by design. */
    static final Set<String> KEEPS_THE_WEARER_ID = Set.of(ErasedWearers.COLLECTION);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MongoClient mongo;

    @Inject
    AnalysisStoreConfig config;

    @Inject
    KafkaStreams streams;

    private MongoDatabase db() {
        return mongo.getDatabase(config.database());
    }

    static String clinician() {
        return TestTokens.bearer(Roles.CLINICIAN, CLINIC);
    }

    /** Calibration (closed, CALIBRATED), a deadlift with reps (closed), then standing: left open. */
    static List<TelemetryBatch> workout(String belt, Instant start, long firstSeq) {
        return RecordingGenerator.belt(belt).rateHz(50).batchSize(25).startAt(start).firstSeq(firstSeq)
                .activity("calibration").hold(Duration.ofSeconds(4), Pose.NEUTRAL)
                .activity("deadlift").hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .rep(Duration.ofSeconds(2), new Pose(26, 0, 0, 55)).hold(Duration.ofMillis(500))
                .rep(Duration.ofSeconds(2), Pose.hinge(55)).hold(Duration.ofMillis(500))
                .activity("standing").hold(Duration.ofSeconds(1), Pose.NEUTRAL).batches();
    }

    /** Squats, then standing: the squat session closes, so its summary marks the belt's batches as analysed. */
    static List<TelemetryBatch> marker(String belt, Instant start, long firstSeq) {
        return RecordingGenerator.belt(belt).rateHz(50).batchSize(25).startAt(start).firstSeq(firstSeq)
                .activity("squat").hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .rep(Duration.ofSeconds(2), Pose.hinge(40)).hold(Duration.ofMillis(500))
                .activity("standing").hold(Duration.ofSeconds(1), Pose.NEUTRAL).batches();
    }

    static Event<ErasureRequested> request(String erasureId, String clinic, String wearer) {
        return ErasureEvents.requested(new ErasureRequested(erasureId, clinic, wearer,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }

    static String erasureId() {
        return "er-" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }

    private long count(String collection, String wearer) {
        return db().getCollection(collection).countDocuments(
                Filters.and(Filters.eq("clinicId", CLINIC), Filters.eq("wearerId", wearer)));
    }

    /** Every collection of the database, every document, every field (nested too): where the value occurs. */
    private List<String> whereFound(String value) {
        List<String> found = new ArrayList<>();
        for (String name : db().listCollectionNames()) {
            if (KEEPS_THE_WEARER_ID.contains(name)) {
                continue;
            }
            for (Document d : db().getCollection(name).find()) {
                if (contains(d, value)) {
                    found.add(name + "/" + d.get("_id"));
                }
            }
        }
        return found;
    }

    private static boolean contains(Object node, String value) {
        if (node instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(v -> contains(v, value));
        }
        if (node instanceof List<?> list) {
            return list.stream().anyMatch(v -> contains(v, value));
        }
        return node instanceof String s && s.contains(value);
    }

    private static Response sessions(String wearer) {
        return given().header("Authorization", clinician()).get("/v1/wearers/" + wearer + "/sessions");
    }

    private static Response calibrations(String wearer) {
        return given().header("Authorization", clinician()).get("/v1/wearers/" + wearer + "/calibrations");
    }

    private static Response recording(String belt, Instant from, Instant to) {
        return given().header("Authorization", clinician()).queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/v1/belts/" + belt + "/recording");
    }

    private static Response backtest(String wearer, Instant from, Instant to) {
        return given().header("Authorization", clinician()).contentType(ContentType.JSON)
                .body(Map.of("from", from.toString(), "to", to.toString(), "conditions", List.of(),
                        "limits", Map.of()))
                .post("/v1/wearers/" + wearer + "/backtest");
    }

    private static List<Event<?>> summariesOf(EventTopicReader reader, String wearer) {
        return reader.events().stream().filter(e -> e.type() == EventType.SESSION_SUMMARY)
                .filter(e -> wearer.equals(e.dataAs(SessionSummary.class).wearerId())).toList();
    }

    @Test
    void givenAWearerWithSessionsCalibrationsAndArchive_whenErased_thenAllIsGone_theReceiptCountsIt_andLateDataIsNotKept() {
        String belt = Belts.unique("ER");
        String lateBelt = Belts.unique("ERL");
        String otherBelt = Belts.unique("ERO");
        String erased = "w-" + belt;
        String other = "w-" + otherBelt;
        Instant start = Instant.now().minusSeconds(1200).truncatedTo(ChronoUnit.SECONDS);
        List<TelemetryBatch> workout = workout(belt, start, 1);
        List<TelemetryBatch> othersWorkout = workout(otherBelt, start, 1);
        String openSession = EventIds.deterministic("session", belt, Long.toString(
                workout.stream().filter(b -> b.getActivity().equals("standing")).findFirst().orElseThrow().getSeq()));

        // Given: both wearers' workouts analysed, recorded, calibrated and archived
        try (TelemetrySender sender = new TelemetrySender(bootstrap);
             EventTopicReader summaries = new EventTopicReader(bootstrap, Topics.SESSION_SUMMARIES.name(), belt)) {
            sender.sendAll(Belts.ingested(workout, CLINIC, erased));
            sender.sendAll(Belts.ingested(othersWorkout, CLINIC, other));
            for (String w : List.of(erased, other)) {
                await().atMost(WAIT).until(() -> count("sessions", w) == 2 && count("calibrations", w) == 1
                        && count("telemetry", w) == workout.size());
            }
            await().atMost(WAIT).until(() -> db().getCollection("session_traces")
                    .countDocuments(Filters.eq("sessionId", openSession)) > 0);
            summaries.until(read -> summariesOf(summaries, erased).size() == 2, WAIT);
            long traces = db().getCollection("session_traces").countDocuments(
                    Filters.and(Filters.eq("clinicId", CLINIC), Filters.eq("wearerId", erased)));
            Instant from = start.minusSeconds(60);
            Instant to = Instant.now().plusSeconds(60);
            String otherSessionsBefore = sessions(other).then().statusCode(200).extract().asString();

            // When: the journal asks for the erasure
            String erasureId = erasureId();
            Event<ErasureRequested> request = request(erasureId, CLINIC, erased);
            sender.sendEvent(Topics.ERASURE_REQUESTS.name(), erased, request);

            // Then: a receipt with what was removed, by kind
            Event<?> receipt;
            try (EventTopicReader receipts = new EventTopicReader(bootstrap, Topics.ERASURE_RECEIPTS.name(), erasureId)) {
                receipt = receipts.until(read -> !read.isEmpty(), WAIT).get(0).event();
            }
            ErasureCompleted completed = receipt.dataAs(ErasureCompleted.class);
            assertThat(receipt.id()).isEqualTo(ErasureEvents.completedId(erasureId, Topics.FORM_ANALYSIS));
            assertThat(completed.service()).isEqualTo(Topics.FORM_ANALYSIS);
            assertThat(completed.clinicId()).isEqualTo(CLINIC);
            assertThat(completed.removed()).isEqualTo(Map.of("sessions", 2L, "calibrations", 1L,
                    "session_traces", traces, "telemetry_batches", (long) workout.size()));

            // ... nothing of the wearer is left in any collection, the other wearer keeps everything
            assertThat(whereFound(erased)).isEmpty();
            assertThat(db().getCollection("session_traces").countDocuments(Filters.eq("sessionId", openSession))).isZero();
            assertThat(count("sessions", other)).isEqualTo(2);
            assertThat(count("calibrations", other)).isEqualTo(1);
            assertThat(count("telemetry", other)).isEqualTo(othersWorkout.size());
            assertThat(sessions(other).then().statusCode(200).extract().asString()).isEqualTo(otherSessionsBefore);

            // ... and every API answers as for a wearer (or belt) it never knew
            String unknown = "w-never-" + belt;
            String unknownBelt = Belts.unique("NEVER");
            assertThat(sessions(erased).then().extract().asString()).isEqualTo(sessions(unknown).then().extract().asString());
            assertThat(calibrations(erased).then().extract().asString())
                    .isEqualTo(calibrations(unknown).then().extract().asString());
            given().header("Authorization", clinician()).get("/v1/sessions/" + openSession).then().statusCode(404);
            Response erasedRecording = recording(belt, from, to);
            Response neverRecording = recording(unknownBelt, from, to);
            assertThat(erasedRecording.statusCode()).isEqualTo(neverRecording.statusCode());
            Response erasedBacktest = backtest(erased, from, to);
            assertThat(erasedBacktest.statusCode()).isEqualTo(200);
            assertThat(erasedBacktest.jsonPath().getInt("batches")).isZero();
            assertThat(erasedBacktest.jsonPath().getList("sessions")).isEmpty();

            // When: the request is read again
            sender.sendEvent(Topics.ERASURE_REQUESTS.name(), erased, request);
            // Then: the same receipt
            try (EventTopicReader receipts = new EventTopicReader(bootstrap, Topics.ERASURE_RECEIPTS.name(), erasureId)) {
                List<EventTopicReader.Read> both = receipts.until(read -> read.size() == 2, WAIT);
                assertThat(both.get(1).event().id()).isEqualTo(receipt.id());
                assertThat(both.get(1).event().dataAs(ErasureCompleted.class)).isEqualTo(completed);
            }

            // When: late telemetry of the erased wearer arrives (a calibration and a workout on another
            // belt), and the other wearer takes over the erased wearer's belt
            List<TelemetryBatch> late = workout(lateBelt, Instant.now().minusSeconds(300), 1);
            sender.sendAll(Belts.ingested(late, CLINIC, erased));
            long next = workout.get(workout.size() - 1).getSeq() + 1;
            sender.sendAll(Belts.ingested(marker(belt, Instant.now().minusSeconds(200), next), CLINIC, other));
            // a calibration of the other wearer: its CALIBRATED follows whatever the belt raised before
            List<TelemetryBatch> lateMarker = workout(lateBelt, Instant.now().minusSeconds(100),
                    late.get(late.size() - 1).getSeq() + 1);
            sender.sendAll(Belts.ingested(lateMarker, CLINIC, other));

            // Then: once the other wearer's batches after them are in, nothing of the erased wearer was
            // analysed, archived, recorded or calibrated, and their open session was never summarised
            try (EventTopicReader lateSummaries = new EventTopicReader(bootstrap, Topics.SESSION_SUMMARIES.name(), lateBelt);
                 EventTopicReader lateAlerts = new EventTopicReader(bootstrap, Topics.ALERTS.name(), lateBelt)) {
                lateSummaries.until(read -> !summariesOf(lateSummaries, other).isEmpty(), WAIT);
                summaries.until(read -> !summariesOf(summaries, other).isEmpty(), WAIT);
                assertThat(summariesOf(lateSummaries, erased)).isEmpty();
                lateAlerts.until(read -> read.stream().map(r -> r.event().dataAs(Alert.class))
                        .anyMatch(a -> other.equals(a.wearerId()) && "CALIBRATED".equals(a.code())), WAIT);
                assertThat(lateAlerts.events()).allSatisfy(e -> assertThat(e.dataAs(Alert.class).wearerId()).isEqualTo(other));
            }
            assertThat(summariesOf(summaries, erased)).hasSize(2)
                    .noneSatisfy(e -> assertThat(e.dataAs(SessionSummary.class).sessionId()).isEqualTo(openSession));
            await().atMost(WAIT).until(() -> count("telemetry", other) == othersWorkout.size()
                    + marker(belt, start, next).size() + lateMarker.size());
            await().atMost(WAIT).until(() -> count("sessions", other) == 2 + 1 + 2
                    && count("calibrations", other) == 2);
            assertThat(whereFound(erased)).isEmpty();
        }
    }

    @Test
    void givenAWearersProfileInTheAnalyzer_whenTheJournalTombstonesIt_thenTheProfileIsGone_andTheAnalyzerKeepsRunning() {
        String wearer = "w-" + Belts.unique("TOMB");
        Event<WearerProfile> profile = Event.of(EventType.WEARER_PROFILE,
                EventIds.of(EventType.WEARER_PROFILE, wearer, "1"), EventSources.JOURNAL, wearer, CLINIC,
                new WearerProfile(wearer, CLINIC, List.of(),
                        new Limits(25.0, null, null, null, null, null, null, null, null, null, null), null, 1,
                        Instant.now()));
        try (TelemetrySender sender = new TelemetrySender(bootstrap)) {
            // Given
            sender.sendProfile(profile);
            await().atMost(WAIT).ignoreExceptions().until(() -> profiles().get(wearer) != null);

            // When
            sender.sendProfileTombstone(wearer);

            // Then
            await().atMost(WAIT).ignoreExceptions().until(() -> profiles().get(wearer) == null);
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            // and telemetry is still analysed
            String belt = Belts.unique("TOMBB");
            try (EventTopicReader read = new EventTopicReader(bootstrap, Topics.SESSION_SUMMARIES.name(), belt)) {
                sender.sendAll(Belts.ingested(marker(belt, Instant.now().minusSeconds(60), 1), CLINIC, wearer));
                read.until(r -> !r.isEmpty(), WAIT);
            }
        }
    }

    @Test
    void givenARequestOfAnotherClinic_whenRead_thenNothingOfThisClinicsWearerIsErased() {
        String belt = Belts.unique("ERX");
        String wearer = "w-" + belt;
        List<TelemetryBatch> batches = marker(belt, Instant.now().minusSeconds(600), 1);
        try (TelemetrySender sender = new TelemetrySender(bootstrap)) {
            sender.sendAll(Belts.ingested(batches, CLINIC, wearer));
            await().atMost(WAIT).until(() -> count("sessions", wearer) == 1 && count("telemetry", wearer) == batches.size());

            String erasureId = erasureId();
            sender.sendEvent(Topics.ERASURE_REQUESTS.name(), wearer, request(erasureId, "clinic-elsewhere", wearer));

            try (EventTopicReader receipts = new EventTopicReader(bootstrap, Topics.ERASURE_RECEIPTS.name(), erasureId)) {
                ErasureCompleted completed = receipts.until(read -> !read.isEmpty(), WAIT).get(0).event()
                        .dataAs(ErasureCompleted.class);
                assertThat(completed.removed().values()).containsOnly(0L);
            }
            assertThat(count("sessions", wearer)).isEqualTo(1);
            assertThat(count("telemetry", wearer)).isEqualTo(batches.size());
        }
    }

    private ReadOnlyKeyValueStore<String, Event<WearerProfile>> profiles() {
        return streams.store(StoreQueryParameters.fromNameAndType(AnalysisTopology.PROFILE_STORE,
                QueryableStoreTypes.keyValueStore()));
    }
}
