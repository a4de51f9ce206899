package io.spinestream.analysis.session;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.spinestream.analysis.core.Neutral;
import io.spinestream.analysis.core.RecordingGenerator;
import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.analysis.testkit.Belts;
import io.spinestream.analysis.testkit.TelemetrySender;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.MongoResource;
import io.spinestream.testing.TestTokens;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "streams-state", value = "true"))
@WithTestResource(MongoResource.class)
class SessionRecordsTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final String CLINIC = "clinic-sessions";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MongoClient mongo;

    @Inject
    AnalysisStoreConfig config;

    static String clinician(String clinic) {
        return TestTokens.bearer(Roles.CLINICIAN, clinic);
    }

    static String wearer(String clinic, String wearerId) {
        return "Bearer " + TestTokens.forClinic(clinic).role(Roles.WEARER).subject(wearerId).sign();
    }

    @Test
    void givenLiveSessionEndedByActivityChange_whenRead_thenItHasItsRepsAndTheTraceOfItsBatches() {
        String belt = Belts.unique("REC");
        String wearerId = "w-" + belt;
        List<TelemetryBatch> all = RecordingGenerator.belt(belt).rateHz(50).batchSize(25)
                .startAt(Instant.now().minusSeconds(600))
                .activity("deadlift").hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .rep(Duration.ofSeconds(2), new Pose(26, 0, 0, 55)).hold(Duration.ofMillis(500))
                .rep(Duration.ofSeconds(2), Pose.hinge(55)).hold(Duration.ofMillis(500))
                .activity("standing").hold(Duration.ofSeconds(1), Pose.NEUTRAL).batches();
        List<TelemetryBatch> deadlift = all.stream().filter(b -> b.getActivity().equals("deadlift")).toList();
        String sessionId = EventIds.deterministic("session", belt, Long.toString(all.get(0).getSeq()));
        TraceChunk.Builder trace = new TraceChunk.Builder(100);
        deadlift.forEach(b -> trace.addAll(TraceChunk.of(b, Neutral.ZERO, 200)));
        TraceChunk expectedTrace = trace.build();

        try (TelemetrySender sender = new TelemetrySender(bootstrap)) {
            sender.sendAll(Belts.ingested(all, CLINIC, wearerId));
        }

        // The record comes from the summary topic and the trace from the analyzer: wait for both.
        JsonPath session = await().atMost(WAIT).until(() -> readSession(sessionId),
                json -> json != null && json.getList("trace.at").size() == expectedTrace.size());
        assertThat(session.getString("beltId")).isEqualTo(belt);
        assertThat(session.getString("wearerId")).isEqualTo(wearerId);
        assertThat(session.getString("activity")).isEqualTo("deadlift");
        assertThat(session.getInt("reps")).isEqualTo(2);
        assertThat(session.getInt("formScore")).isEqualTo(50);
        assertThat(session.getInt("faults.ROUNDED_BACK")).isEqualTo(1);
        assertThat(session.getList("repMetrics")).hasSize(2);
        assertThat(session.getList("repMetrics[0].faults", String.class)).containsExactly("ROUNDED_BACK");
        assertThat(session.getDouble("repMetrics[0].peakFlexionDeg")).isCloseTo(26.0, org.assertj.core.data.Offset.offset(0.5));
        assertThat(session.getDouble("repMetrics[0].durationSeconds")).isGreaterThan(1.0);
        assertThat(session.getList("repMetrics[1].faults")).isEmpty();
        assertThat(session.getBoolean("repMetricsTruncated")).isFalse();
        assertThat(session.getList("trace.at", String.class)).containsExactlyElementsOf(
                expectedTrace.at().stream().map(ms -> Instant.ofEpochMilli(ms).toString()).toList());
        assertThat(session.getList("trace.flexionDeg", Double.class)).containsExactlyElementsOf(expectedTrace.flexion());
        assertThat(session.getList("trace.hipHingeDeg", Double.class)).containsExactlyElementsOf(expectedTrace.hipHinge());
        assertThat(session.getList("trace.flexionDeg", Double.class)).anySatisfy(f -> assertThat(f).isGreaterThan(25.5));

        given().header("Authorization", wearer(CLINIC, wearerId)).get("/v1/sessions/" + sessionId)
                .then().statusCode(200).body("id", equalTo(sessionId));
        given().header("Authorization", wearer(CLINIC, "w-someone-else")).get("/v1/sessions/" + sessionId)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", clinician("clinic-elsewhere")).get("/v1/sessions/" + sessionId)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void givenALiveSessionWithMoreRepsThanItemised_whenRead_thenEveryRepIsCounted_theFirst128Listed_andItSaysSo() {
        String belt = Belts.unique("REPS");
        List<TelemetryBatch> all = RecordingGenerator.belt(belt).rateHz(20).batchSize(40)
                .startAt(Instant.now().minusSeconds(900))
                .activity("crunch").hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .reps(130, Duration.ofMillis(1000), Pose.flexed(30), Duration.ofMillis(200))
                .activity("standing").hold(Duration.ofSeconds(2), Pose.NEUTRAL).batches();
        String sessionId = EventIds.deterministic("session", belt, Long.toString(all.get(0).getSeq()));

        try (TelemetrySender sender = new TelemetrySender(bootstrap)) {
            sender.sendAll(Belts.ingested(all, CLINIC, "w-" + belt));
        }

        JsonPath session = await().atMost(WAIT).until(() -> readSession(sessionId), json -> json != null);
        assertThat(session.getInt("reps")).isEqualTo(130);
        assertThat(session.getInt("formScore")).isEqualTo(100);
        assertThat(session.getList("repMetrics.index", Integer.class))
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 128).boxed().toList());
        assertThat(session.getBoolean("repMetricsTruncated")).isTrue();
        Document record = mongo.getDatabase(config.database()).getCollection(SessionStore.COLLECTION)
                .find(Filters.eq("_id", sessionId)).first();
        assertThat(record).isNotNull();
        assertThat(record.getBoolean("repMetricsTruncated")).isTrue();
    }

    private static JsonPath readSession(String sessionId) {
        var response = given().header("Authorization", clinician(CLINIC)).get("/v1/sessions/" + sessionId);
        return response.statusCode() == 200 ? response.jsonPath() : null;
    }

    private void seedSession(String clinic, String wearerId, String id, Instant startedAt) {
        Document doc = new Document("_id", id).append(SessionStore.CLINIC, clinic).append("beltId", "SB-SEED")
                .append(SessionStore.WEARER, wearerId).append("activity", "squat")
                .append("startedAt", Date.from(startedAt)).append("endedAt", Date.from(startedAt.plusSeconds(60)))
                .append("reps", 10).append("formScore", 90).append("faults", new Document("ROUNDED_BACK", 1));
        mongo.getDatabase(config.database()).getCollection(SessionStore.COLLECTION)
                .replaceOne(Filters.eq("_id", id), doc, new ReplaceOptions().upsert(true));
    }

    @Test
    void givenWearersSessions_whenListedWithAPeriodAndCursor_thenPagesNewestFirstWithinTheClinic() {
        String wearerId = "w-" + Belts.unique("LIST");
        Instant t0 = Instant.parse("2026-10-01T08:00:00Z");
        for (int i = 0; i < 6; i++) {
            seedSession(CLINIC, wearerId, wearerId + "-s" + i, t0.plus(Duration.ofDays(i)));
        }
        seedSession(CLINIC, "w-other", wearerId + "-other-wearer", t0.plus(Duration.ofDays(2)));
        seedSession("clinic-elsewhere", wearerId, wearerId + "-other-clinic", t0.plus(Duration.ofDays(2)));
        String path = "/v1/wearers/" + wearerId + "/sessions";

        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().header("Authorization", clinician(CLINIC)).queryParam("limit", 2)
                    .queryParam("from", t0.plus(Duration.ofDays(1)).toString())
                    .queryParam("to", t0.plus(Duration.ofDays(5)).toString());
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(path).then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(ids).containsExactly(wearerId + "-s4", wearerId + "-s3", wearerId + "-s2", wearerId + "-s1");
        given().header("Authorization", clinician(CLINIC)).get(path)
                .then().statusCode(200).body("items[0].faults.ROUNDED_BACK", equalTo(1))
                .body("items.clinicId", hasItem(CLINIC));
        given().header("Authorization", wearer(CLINIC, wearerId)).get(path)
                .then().statusCode(200).body("items.size()", equalTo(6));
        given().header("Authorization", wearer(CLINIC, "w-other")).get(path)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", clinician("clinic-elsewhere")).get(path)
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.contains(wearerId + "-other-clinic"));
        given().get(path).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void givenMalformedQuery_whenSessionsListed_then400ProblemNamingTheParameter() {
        String path = "/v1/wearers/w-1/sessions";
        given().header("Authorization", clinician(CLINIC)).queryParam("from", "yesterday").get(path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("from"));
        given().header("Authorization", clinician(CLINIC)).queryParam("cursor", "!!").get(path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("cursor"));
        given().header("Authorization", clinician(CLINIC)).queryParam("limit", "0").get(path)
                .then().statusCode(400).body("violations[0].field", equalTo("limit"));
        given().header("Authorization", clinician(CLINIC))
                .queryParam("from", "2026-11-02T00:00:00Z").queryParam("to", "2026-11-01T00:00:00Z").get(path)
                .then().statusCode(400).body("violations[0].field", equalTo("to"));
    }
}
