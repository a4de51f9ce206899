package io.spinestream.analysis.recording;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.spinestream.analysis.core.AnalysisEvent;
import io.spinestream.analysis.core.BeltProfile;
import io.spinestream.analysis.core.OfflineAnalyzer;
import io.spinestream.analysis.core.PayloadMapper;
import io.spinestream.analysis.core.RecordingGenerator;
import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.analysis.testkit.Belts;
import io.spinestream.analysis.testkit.EventTopicReader;
import io.spinestream.analysis.testkit.TelemetrySender;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.Limits;
import io.spinestream.events.payload.SessionSummary;
import io.spinestream.events.telemetry.TelemetryJson;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import io.spinestream.events.topic.Topics;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.MongoResource;
import io.spinestream.testing.TestTokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
class RecordingExportTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final String CLINIC = "clinic-recording";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static String clinician(String clinic) {
        return TestTokens.bearer(Roles.CLINICIAN, clinic);
    }

    private static Response export(String token, String belt, Instant from, Instant to) {
        return given().header("Authorization", token).queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/v1/belts/" + belt + "/recording");
    }

    private static List<TelemetryBatch> lines(String ndjson) {
        List<TelemetryBatch> batches = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank()) {
                batches.add(TelemetryJson.parse(line).orElseThrow());
            }
        }
        return batches;
    }

    @Test
    void givenLiveSession_whenItsRecordingIsExportedAndAnalysedOffline_thenTheSameEventsAsLive() {
        String belt = Belts.unique("EXP");
        String wearer = "w-" + belt;
        Instant start = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<TelemetryBatch> recording = RecordingGenerator.belt(belt).rateHz(50).batchSize(25).startAt(start)
                .withStrain(true).noise(0.3).seed(7)
                .activity("standing").hold(Duration.ofSeconds(6), Pose.NEUTRAL)
                .activity("deadlift").hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .reps(2, Duration.ofSeconds(2), Pose.hinge(50), Duration.ofMillis(500))
                .rep(Duration.ofSeconds(2), new Pose(27, 0, 0, 50)).hold(Duration.ofMillis(500))
                .rep(Duration.ofSeconds(2), new Pose(0, -18, 0, 45)).hold(Duration.ofMillis(500))
                .activity("plank").hold(Duration.ofSeconds(2), Pose.NEUTRAL).hold(Duration.ofSeconds(1), Pose.flexed(-19))
                .activity("walking").hold(Duration.ofSeconds(2), Pose.NEUTRAL).batches();
        List<IngestedBatch> ingested = Belts.ingested(recording, CLINIC, wearer);

        try (TelemetrySender sender = new TelemetrySender(bootstrap)) {
            sender.sendAll(ingested);
        }
        Instant from = start.minusSeconds(1);
        Instant to = start.plus(Duration.ofMinutes(2));
        String ndjson = await().atMost(WAIT).until(() -> {
            Response r = export(clinician(CLINIC), belt, from, to);
            return r.statusCode() == 200 ? r.asString() : "";
        }, body -> lines(body).size() == recording.size());
        assertThat(lines(ndjson)).containsExactlyElementsOf(recording);

        List<AnalysisEvent> offline = new ArrayList<>();
        OfflineAnalyzer.analyze(lines(ndjson), Map.of(belt, new BeltProfile(wearer, List.of(), Limits.none())),
                offline::add);
        // The walking session is still open live; offline closes it at the end of the input.
        List<AnalysisEvent> offlineAlerts = offline.stream().filter(e -> !e.isSummary()).toList();
        List<AnalysisEvent> offlineSummaries = offline.stream().filter(AnalysisEvent::isSummary).toList();
        offlineSummaries = offlineSummaries.subList(0, offlineSummaries.size() - 1);
        try (EventTopicReader alerts = new EventTopicReader(bootstrap, Topics.ALERTS.name(), belt);
             EventTopicReader summaries = new EventTopicReader(bootstrap, Topics.SESSION_SUMMARIES.name(), belt)) {
            int alertCount = offlineAlerts.size();
            int summaryCount = offlineSummaries.size();
            alerts.until(r -> r.size() >= alertCount, WAIT);
            summaries.until(r -> r.size() >= summaryCount, WAIT);

            assertThat(offlineAlerts).extracting(AnalysisEvent::type)
                    .contains("ROUNDED_BACK", "SIDE_BEND_UNDER_LOAD", "EXCESSIVE_ARCH");
            assertThat(alerts.events()).extracting(e -> withoutTenant(e.dataAs(Alert.class)))
                    .containsExactlyElementsOf(offlineAlerts.stream().map(PayloadMapper::toAlert).toList());
            assertThat(summaries.events()).extracting(e -> withoutTenant(e.dataAs(SessionSummary.class)))
                    .containsExactlyElementsOf(offlineSummaries.stream().map(PayloadMapper::toSessionSummary).toList());
        }
    }

    /** Offline analysis has no tenant: compare everything else. */
    private static Alert withoutTenant(Alert a) {
        return new Alert(a.alertId(), a.code(), a.severity(), null, a.beltId(), a.wearerId(), a.activity(), a.at(),
                a.value(), a.limit(), a.unit(), a.late(), a.sessionId(), a.reason(), a.details());
    }

    private static SessionSummary withoutTenant(SessionSummary s) {
        return new SessionSummary(s.sessionId(), null, s.beltId(), s.wearerId(), s.activity(), s.startedAt(),
                s.endedAt(), s.reps(), s.holdSeconds(), s.timeUnderLoadSeconds(), s.impacts(), s.formScore(),
                s.faults(), s.repMetrics());
    }

    @Test
    void givenBeltOfAnotherClinicOrWearer_whenExported_then404LikeAnAbsentBelt() {
        String belt = Belts.unique("EXPISO");
        String wearer = "w-" + belt;
        Instant start = Instant.now().minus(Duration.ofMinutes(30));
        List<IngestedBatch> ingested = Belts.ingested(RecordingGenerator.belt(belt).rateHz(50).batchSize(50)
                .startAt(start).activity("walking").hold(Duration.ofSeconds(2), Pose.NEUTRAL).batches(), CLINIC, wearer);
        try (TelemetrySender sender = new TelemetrySender(bootstrap)) {
            sender.sendAll(ingested);
        }
        Instant from = start.minusSeconds(60);
        Instant to = start.plusSeconds(60);
        await().atMost(WAIT).until(() -> export(clinician(CLINIC), belt, from, to).statusCode() == 200);

        Response own = export(clinician(CLINIC), belt, from, to);
        assertThat(own.contentType()).startsWith(RecordingResource.NDJSON);
        assertThat(lines(own.asString())).hasSize(2);
        String ownWearer = "Bearer " + TestTokens.forClinic(CLINIC).role(Roles.WEARER).subject(wearer).sign();
        assertThat(lines(export(ownWearer, belt, from, to).then().statusCode(200).extract().asString())).hasSize(2);

        String foreign = export(clinician("clinic-elsewhere"), belt, from, to)
                .then().statusCode(404).contentType("application/problem+json").extract().path("detail");
        String absent = export(clinician(CLINIC), "SB-ABSENT-1", from, to)
                .then().statusCode(404).contentType("application/problem+json").extract().path("detail");
        assertThat(foreign.replace(belt, "X")).isEqualTo(absent.replace("SB-ABSENT-1", "X"));
        String otherWearer = "Bearer " + TestTokens.forClinic(CLINIC).role(Roles.WEARER).subject("w-other").sign();
        export(otherWearer, belt, from, to).then().statusCode(404).contentType("application/problem+json");
        given().queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/v1/belts/" + belt + "/recording").then().statusCode(401);
    }

    @Test
    void givenMissingOrInvalidRange_whenExported_then400ProblemNamingTheParameter() {
        String path = "/v1/belts/SB-1/recording";
        given().header("Authorization", clinician(CLINIC)).queryParam("to", "2026-11-20T10:00:00Z").get(path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("from"));
        given().header("Authorization", clinician(CLINIC)).queryParam("from", "2026-11-20T10:00:00Z")
                .queryParam("to", "2026-11-20T09:00:00Z").get(path)
                .then().statusCode(400).body("violations[0].field", equalTo("to"));
        given().header("Authorization", clinician(CLINIC)).queryParam("from", "2026-11-01T10:00:00Z")
                .queryParam("to", "2026-11-20T09:00:00Z").get(path)
                .then().statusCode(400).body("violations[0].rule", equalTo("range"));
    }
}
