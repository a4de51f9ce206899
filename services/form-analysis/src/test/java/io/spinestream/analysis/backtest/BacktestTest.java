package io.spinestream.analysis.backtest;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.spinestream.analysis.core.AnalysisEvent;
import io.spinestream.analysis.core.BatchContext;
import io.spinestream.analysis.core.BeltAnalyzer;
import io.spinestream.analysis.core.RecordingGenerator;
import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.analysis.testkit.Belts;
import io.spinestream.analysis.testkit.TelemetrySender;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.payload.Limits;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.MongoResource;
import io.spinestream.testing.TestTokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "streams-state", value = "true"))
@WithTestResource(MongoResource.class)
class BacktestTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final String CLINIC = "clinic-backtest";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    String wearer;
    String belt;
    List<TelemetryBatch> recording;
    Instant from;
    Instant to;

    static String clinician(String clinic) {
        return TestTokens.bearer(Roles.CLINICIAN, clinic);
    }

    /**
     * Four deadlifts peaking at 26°, 22°, 17° and 12° of flexion, then standing: live (default 20°
     * limit) rounds twice. Streamed and recorded before each test.
     */
    @BeforeEach
    void recordDeadlifts() {
        belt = Belts.unique("BT");
        wearer = "w-" + belt;
        Instant start = Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        recording = RecordingGenerator.belt(belt).rateHz(50).batchSize(25).startAt(start)
                .activity("deadlift").hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .rep(Duration.ofSeconds(2), new Pose(26, 0, 0, 55)).hold(Duration.ofMillis(500))
                .rep(Duration.ofSeconds(2), new Pose(22, 0, 0, 55)).hold(Duration.ofMillis(500))
                .rep(Duration.ofSeconds(2), new Pose(17, 0, 0, 55)).hold(Duration.ofMillis(500))
                .rep(Duration.ofSeconds(2), new Pose(12, 0, 0, 55)).hold(Duration.ofMillis(500))
                .activity("standing").hold(Duration.ofSeconds(1), Pose.NEUTRAL).batches();
        from = start.minusSeconds(60);
        to = start.plus(Duration.ofMinutes(10));
        try (TelemetrySender sender = new TelemetrySender(bootstrap)) {
            sender.sendAll(Belts.ingested(recording, CLINIC, wearer));
        }
        String sessionId = EventIds.deterministic("session", belt, Long.toString(recording.get(0).getSeq()));
        // Live has run once the session is recorded and every batch is archived.
        await().atMost(WAIT).until(() -> given().header("Authorization", clinician(CLINIC))
                .get("/v1/sessions/" + sessionId).statusCode() == 200);
        await().atMost(WAIT).until(() -> backtest(Map.of()).getInt("batches") == recording.size());
    }

    private JsonPath backtest(Map<String, Object> limits) {
        return given().header("Authorization", clinician(CLINIC)).contentType(ContentType.JSON)
                .body(Map.of("from", from.toString(), "to", to.toString(), "conditions", List.of(), "limits", limits))
                .post("/v1/wearers/" + wearer + "/backtest").then().statusCode(200).extract().jsonPath();
    }

    /** The replay's deadlift summary faults, by the core directly: what the report must say. */
    private Map<String, Integer> coreFaults(double flexionDeg) {
        List<AnalysisEvent> events = new ArrayList<>();
        BeltAnalyzer analyzer = new BeltAnalyzer(belt);
        Limits limits = new Limits(flexionDeg, null, null, null, null, null, null, null, null, null, null);
        for (TelemetryBatch b : recording) {
            analyzer.analyze(b, BatchContext.of(CLINIC, wearer, List.of(), limits), events::add);
        }
        return events.stream().filter(AnalysisEvent::isSummary).findFirst().orElseThrow().faults();
    }

    @Test
    void givenLooserFlexionLimit_whenBacktested_thenFewerRoundedBacksThanLive() {
        JsonPath report = backtest(Map.of("flexionDeg", 24.0));

        assertThat(report.getDouble("effectiveLimits.flexionDeg")).isEqualTo(24.0);
        assertThat(report.getInt("faults.find { it.code == 'ROUNDED_BACK' }.actual")).isEqualTo(2);
        assertThat(report.getInt("faults.find { it.code == 'ROUNDED_BACK' }.proposed")).isEqualTo(1);
        assertThat(report.getInt("faults.find { it.code == 'ROUNDED_BACK' }.difference")).isEqualTo(-1);
        assertThat(report.getMap("sessions[0].actual")).isEqualTo(Map.of("ROUNDED_BACK", 2));
        assertThat(report.getMap("sessions[0].proposed")).isEqualTo(Map.copyOf(coreFaults(24.0)));
        assertThat(report.getString("sessions[0].activity")).isEqualTo("deadlift");
        // The standing session is still open live: only the replay closed it.
        assertThat(report.getString("sessions[1].activity")).isEqualTo("standing");
        assertThat(report.getMap("sessions[1].actual")).isNull();
        assertThat(report.getMap("sessions[1].proposed")).isEmpty();
    }

    @Test
    void givenTighterFlexionLimit_whenBacktested_thenMoreRoundedBacksThanLive() {
        JsonPath report = backtest(Map.of("flexionDeg", 15.0));

        assertThat(report.getInt("faults.find { it.code == 'ROUNDED_BACK' }.actual")).isEqualTo(2);
        assertThat(report.getInt("faults.find { it.code == 'ROUNDED_BACK' }.proposed")).isEqualTo(3);
        assertThat(report.getInt("faults.find { it.code == 'ROUNDED_BACK' }.difference")).isEqualTo(1);
        assertThat(report.getMap("sessions[0].proposed")).isEqualTo(Map.copyOf(coreFaults(15.0)));
    }

    @Test
    void givenDefaultsProposed_whenBacktested_thenTheReplayMatchesLive() {
        JsonPath report = backtest(Map.of());

        assertThat(report.getDouble("effectiveLimits.flexionDeg")).isEqualTo(20.0);
        assertThat(report.getInt("faults.find { it.code == 'ROUNDED_BACK' }.difference")).isZero();
        assertThat(report.getMap("sessions[0].proposed")).isEqualTo(report.getMap("sessions[0].actual"));
    }

    @Test
    void givenAnotherClinicOrAWearer_whenBacktesting_thenNothingOfThisWearerIsSeen() {
        Map<String, Object> body = Map.of("from", from.toString(), "to", to.toString());
        given().header("Authorization", clinician("clinic-elsewhere")).contentType(ContentType.JSON).body(body)
                .post("/v1/wearers/" + wearer + "/backtest").then().statusCode(200)
                .body("batches", equalTo(0)).body("sessions.size()", equalTo(0));
        given().header("Authorization", "Bearer " + TestTokens.forClinic(CLINIC).role(Roles.WEARER).subject(wearer)
                        .sign()).contentType(ContentType.JSON).body(body)
                .post("/v1/wearers/" + wearer + "/backtest").then().statusCode(403)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(body).post("/v1/wearers/" + wearer + "/backtest")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void givenInvalidProposal_whenBacktesting_then400ProblemNamingEachField() {
        String path = "/v1/wearers/" + wearer + "/backtest";
        given().header("Authorization", clinician(CLINIC)).contentType(ContentType.JSON)
                .body(Map.of("from", to.toString(), "to", from.toString(), "conditions", List.of("bad_back")))
                .post(path).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.containsInAnyOrder("to", "conditions[0]"));
        given().header("Authorization", clinician(CLINIC)).contentType(ContentType.JSON)
                .body(Map.of("from", from.toString(), "to", to.toString(), "limits", Map.of("flexionDeg", -3)))
                .post(path).then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("limits.flexionDeg"));
        given().header("Authorization", clinician(CLINIC)).contentType(ContentType.JSON)
                .body(Map.of("to", to.toString()))
                .post(path).then().statusCode(400).body("violations[0].field", equalTo("from"));
        given().header("Authorization", clinician(CLINIC)).contentType(ContentType.JSON)
                .body(Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-06-01T00:00:00Z"))
                .post(path).then().statusCode(400).body("violations[0].rule", equalTo("range"));
    }
}
