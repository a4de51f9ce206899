package io.spinestream.analysis.calibration;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.spinestream.analysis.core.AnalysisEvent;
import io.spinestream.analysis.core.BatchContext;
import io.spinestream.analysis.core.BeltAnalyzer;
import io.spinestream.analysis.core.Neutral;
import io.spinestream.analysis.core.RecordingGenerator;
import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.analysis.testkit.Belts;
import io.spinestream.analysis.testkit.EventTopicReader;
import io.spinestream.analysis.testkit.TelemetrySender;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.topic.Topics;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.MongoResource;
import io.spinestream.testing.TestTokens;
import org.assertj.core.data.Offset;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "streams-state", value = "true"))
@WithTestResource(MongoResource.class)
class StoredCalibrationTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final String CLINIC = "clinic-calibration";
    static final Pose RAW_NEUTRAL = new Pose(10, 1, -3, 6);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void givenWearerCalibratedOnOneBelt_whenTheyUseAnotherBelt_thenItsAnalysisStartsFromTheStoredNeutral() {
        String wearerId = "w-" + Belts.unique("CAL");
        String beltA = Belts.unique("CALA");
        String beltB = Belts.unique("CALB");
        List<IngestedBatch> calibration = Belts.ingested(RecordingGenerator.belt(beltA).rateHz(50).batchSize(50)
                .startAt(Instant.now().minusSeconds(900)).rawNeutral(RAW_NEUTRAL)
                .activity("standing").hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .calibrate(Duration.ofSeconds(4), 8)
                .activity("standing").hold(Duration.ofSeconds(1), Pose.NEUTRAL).batches(), CLINIC, wearerId);
        // 14° of flexion from the wearer's neutral is fine (limit 20°); 24° raw would not be.
        List<IngestedBatch> deadlifts = Belts.ingested(RecordingGenerator.belt(beltB).rateHz(50).batchSize(25)
                .startAt(Instant.now().minusSeconds(300)).rawNeutral(RAW_NEUTRAL)
                .activity("deadlift").hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .rep(Duration.ofSeconds(2), new Pose(14, 0, 0, 55)).hold(Duration.ofMillis(500))
                .rep(Duration.ofSeconds(2), new Pose(0, 0, 18, 45)).hold(Duration.ofMillis(500)).batches(),
                CLINIC, wearerId);

        try (TelemetrySender sender = new TelemetrySender(bootstrap)) {
            sender.sendAll(calibration);
            JsonPath history = await().atMost(WAIT).until(() -> given()
                    .header("Authorization", TestTokens.bearer(Roles.CLINICIAN, CLINIC))
                    .get("/v1/wearers/" + wearerId + "/calibrations").then().extract().jsonPath(),
                    json -> json.getList("items").size() == 1);
            assertThat(history.getString("items[0].beltId")).isEqualTo(beltA);
            assertThat(history.getDouble("items[0].flexionDeg")).isCloseTo(10.0, Offset.offset(0.2));
            assertThat(history.getDouble("items[0].sideBendDeg")).isCloseTo(1.0, Offset.offset(0.2));
            assertThat(history.getDouble("items[0].rotationDeg")).isCloseTo(-3.0, Offset.offset(0.2));
            assertThat(history.getDouble("items[0].hipHingeDeg")).isCloseTo(6.0, Offset.offset(0.2));

            given().header("Authorization", TestTokens.bearer(Roles.CLINICIAN, "clinic-elsewhere"))
                    .get("/v1/wearers/" + wearerId + "/calibrations").then().statusCode(200)
                    .body("items.size()", equalTo(0));
            given().header("Authorization", "Bearer " + TestTokens.forClinic(CLINIC).role(Roles.WEARER)
                            .subject(wearerId).sign())
                    .get("/v1/wearers/" + wearerId + "/calibrations").then().statusCode(200)
                    .body("items.size()", equalTo(1));

            sender.sendAll(deadlifts);
            Neutral stored = new Neutral((float) history.getDouble("items[0].flexionDeg"),
                    (float) history.getDouble("items[0].sideBendDeg"), (float) history.getDouble("items[0].rotationDeg"),
                    (float) history.getDouble("items[0].hipHingeDeg"), Neutral.Source.CALIBRATION,
                    Instant.parse(history.getString("items[0].at")));
            List<AnalysisEvent> expected = new ArrayList<>();
            BeltAnalyzer analyzer = new BeltAnalyzer(beltB);
            deadlifts.forEach(b -> analyzer.analyze(b.getBatch(),
                    BatchContext.of(CLINIC, wearerId, null).withCalibration(stored), expected::add));

            try (EventTopicReader alerts = new EventTopicReader(bootstrap, Topics.ALERTS.name(), beltB)) {
                alerts.untilEvent(e -> e.dataAs(Alert.class).code().equals("TWIST_UNDER_LOAD"), WAIT);
                assertThat(alerts.events()).extracting(e -> e.dataAs(Alert.class).code())
                        .containsExactly("TWIST_UNDER_LOAD");
                assertThat(alerts.events()).extracting(e -> e.id())
                        .containsExactlyElementsOf(expected.stream().map(AnalysisEvent::id).toList());
            }
        }
    }

    @Test
    void givenCalibrationHistory_whenReadAcrossClinicsOrWearers_thenOnlyOwnIsShown() {
        String path = "/v1/wearers/w-nobody-" + Belts.unique("X") + "/calibrations";
        given().header("Authorization", TestTokens.bearer(Roles.CLINICIAN, CLINIC)).get(path)
                .then().statusCode(200).body("items.size()", equalTo(0));
        given().header("Authorization", "Bearer " + TestTokens.forClinic(CLINIC).role(Roles.WEARER)
                        .subject("w-someone").sign()).get(path)
                .then().statusCode(404).contentType("application/problem+json");
        given().get(path).then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer(Roles.CLINICIAN, CLINIC)).queryParam("before", "soon")
                .get(path).then().statusCode(400).body("violations[0].field", equalTo("before"));
    }
}
