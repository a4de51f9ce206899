package io.spinestream.ingest.telemetry;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.spinestream.events.telemetry.IngestedBatchDeserializer;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.topic.Topics;
import io.spinestream.ingest.support.Batches;
import io.spinestream.ingest.support.Db;
import io.spinestream.ingest.support.TopicProbe;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static io.spinestream.ingest.support.FleetApi.as;
import static io.spinestream.ingest.support.FleetApi.asBelt;
import static io.spinestream.ingest.support.FleetApi.provision;
import static io.spinestream.ingest.support.FleetApi.retire;
import static io.spinestream.ingest.support.FleetApi.rotate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelemetryIngestTest {

    private static final String CLINIC = "clinic-telemetry";
    private static final String PROTOBUF = "application/x-protobuf";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    AgroalDataSource dataSource;

    Db db;
    TopicProbe<IngestedBatch> telemetry;
    final Map<String, String> credentials = new HashMap<>();

    @BeforeAll
    void openProbe() {
        telemetry = new TopicProbe<>(bootstrapServers, Topics.TELEMETRY.name(), new IngestedBatchDeserializer());
    }

    @AfterAll
    void closeProbe() {
        telemetry.close();
    }

    @BeforeEach
    void setUp() {
        db = new Db(dataSource);
    }

    /** Provisions the belt once per run and returns its credential. */
    String belt(String beltId) {
        return credentials.computeIfAbsent(beltId, id -> provision(CLINIC, id));
    }

    static Stream<Arguments> invalidBatches() {
        String belt = "TEL-INVALID";
        return Stream.of(
                Arguments.of("not JSON", Batches.json(belt, 1).substring(0, 40), "$", "syntax"),
                Arguments.of("not an object", "[1, 2, 3]", "$", "type"),
                Arguments.of("seq missing", Batches.json(belt, 1, nullOf("seq")), "seq", "required"),
                Arguments.of("seq a string", Batches.json(belt, 1, Map.of("seq", "\"1\"")), "seq", "type"),
                Arguments.of("seq negative", Batches.json(belt, -1), "seq", "range"),
                Arguments.of("beltId pattern", Batches.json("tel-invalid", 1), "beltId", "pattern"),
                Arguments.of("startedAt not a date", Batches.json(belt, 1, Map.of("startedAt", "\"yesterday\"")),
                        "startedAt", "format"),
                Arguments.of("startedAt not UTC", Batches.json(belt, 1,
                        Map.of("startedAt", "\"2026-11-20T10:15:30.120+01:00\"")), "startedAt", "utc"),
                Arguments.of("rateHz zero", Batches.json(belt, 1, Map.of("rateHz", "0")), "rateHz", "range"),
                Arguments.of("rateHz above 400", Batches.json(belt, 1, Map.of("rateHz", "401")), "rateHz", "range"),
                Arguments.of("activity unknown", Batches.json(belt, 1, Map.of("activity", "\"flying\"")),
                        "activity", "enum"),
                Arguments.of("firmware too long", Batches.json(belt, 1, Map.of("firmware", "\"" + "9".repeat(33) + "\"")),
                        "firmware", "length"),
                Arguments.of("battery above 1", Batches.json(belt, 1, Map.of("battery", "1.5")), "battery", "range"),
                Arguments.of("battery not finite", Batches.json(belt, 1, Map.of("battery", "1e999")), "battery", "finite"),
                Arguments.of("channels missing", Batches.json(belt, 1, nullOf("channels")), "channels", "required"),
                Arguments.of("required channel missing", Batches.json(belt, 1,
                        Map.of("channels", Batches.CHANNELS.replace("\"trunkYaw\":[31.0,31.2],", ""))),
                        "channels.trunkYaw", "required"),
                Arguments.of("more than 2000 samples", Batches.json(belt, 1, Map.of("channels", Batches.channelsOf(2001, "1.0"))),
                        "channels", "range"),
                Arguments.of("empty channel", Batches.json(belt, 1,
                        Map.of("channels", Batches.CHANNELS.replace("[0.42,0.43]", "[]"))), "channels.strain", "range"),
                Arguments.of("channels of unequal length", Batches.json(belt, 1,
                        Map.of("channels", Batches.CHANNELS.replace("[1.01,0.99]", "[1.01,0.99,1.0]"))),
                        "channels.pelvisAcc", "equal-length"),
                Arguments.of("sample not finite", Batches.json(belt, 1,
                        Map.of("channels", Batches.CHANNELS.replace("[12.1,12.4]", "[1e999,12.4]"))),
                        "channels.trunkPitch[0]", "finite"),
                Arguments.of("angle out of range", Batches.json(belt, 1,
                        Map.of("channels", Batches.CHANNELS.replace("[12.1,12.4]", "[12.1,361.0]"))),
                        "channels.trunkPitch[1]", "range"),
                Arguments.of("negative acceleration", Batches.json(belt, 1,
                        Map.of("channels", Batches.CHANNELS.replace("[1.01,0.99]", "[1.01,-0.5]"))),
                        "channels.pelvisAcc[1]", "range"),
                Arguments.of("strain above 1", Batches.json(belt, 1,
                        Map.of("channels", Batches.CHANNELS.replace("[0.42,0.43]", "[0.42,1.43]"))),
                        "channels.strain[1]", "range"),
                Arguments.of("sample not a number", Batches.json(belt, 1,
                        Map.of("channels", Batches.CHANNELS.replace("[8.0,8.1]", "[8.0,\"x\"]"))),
                        "channels.pelvisPitch[1]", "type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBatches")
    void givenBatchBreakingOneRule_whenUploaded_then400NamingFieldAndRuleAndNothingPublished(
            String rule, String body, String field, String code) {
        String credential = belt("TEL-INVALID");
        telemetry.drain();

        asBelt(credential).contentType("application/json").body(body)
                .when().post("/v1/telemetry")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(field))
                .body("violations.find { it.field == '" + field + "' }.rule", equalTo(code));

        assertThat(telemetry.drain()).noneMatch(r -> "TEL-INVALID".equals(r.key()));
    }

    static Stream<Arguments> invalidProtobufBatches() {
        String belt = "TEL-INVALID";
        return Stream.of(
                Arguments.of("not Protobuf", "not protobuf at all".getBytes(StandardCharsets.UTF_8), "$", "syntax"),
                Arguments.of("beltId absent", Batches.proto(belt, 1).clearBeltId().build().toByteArray(),
                        "beltId", "required"),
                Arguments.of("rateHz absent", Batches.proto(belt, 1).clearRateHz().build().toByteArray(),
                        "rateHz", "range"),
                Arguments.of("startedAt absent", Batches.proto(belt, 1).clearStartedAtMs().build().toByteArray(),
                        "startedAt", "required"),
                Arguments.of("channels absent", Batches.proto(belt, 1).clearChannels().build().toByteArray(),
                        "channels", "required"),
                Arguments.of("battery NaN", Batches.proto(belt, 1).setBattery(Float.NaN).build().toByteArray(),
                        "battery", "finite"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidProtobufBatches")
    void givenProtobufBatchBreakingOneRule_whenUploaded_then400NamingFieldAndRuleAndNothingPublished(
            String rule, byte[] body, String field, String code) {
        String credential = belt("TEL-INVALID");
        telemetry.drain();

        asBelt(credential).contentType(PROTOBUF).body(body)
                .when().post("/v1/telemetry")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.find { it.field == '" + field + "' }.rule", equalTo(code));

        assertThat(telemetry.drain()).noneMatch(r -> "TEL-INVALID".equals(r.key()));
    }

    @Test
    void givenBatchWithThousandsOfBadSamples_whenUploaded_thenTheProblemListsTheFirstTwentyAndCountsAll() {
        String credential = belt("TEL-INVALID");

        asBelt(credential).contentType("application/json")
                .body(Batches.json("TEL-INVALID", 1, Map.of("channels", Batches.channelsOf(500, "999.0"))))
                .when().post("/v1/telemetry")
                .then().statusCode(400)
                .body("violations.size()", equalTo(20))
                .body("detail", containsString("2000 rules"));
    }

    @Test
    void givenSameBatchAsJsonAndAsProtobuf_whenUploaded_thenTheTwoRecordsAreIdenticalApartFromSeqAndReceipt() {
        String credential = belt("TEL-EQ-1");
        telemetry.drain();

        asBelt(credential).contentType("application/json").body(Batches.json("TEL-EQ-1", 1))
                .when().post("/v1/telemetry").then().statusCode(200);
        asBelt(credential).contentType(PROTOBUF).body(Batches.proto("TEL-EQ-1", 2).build().toByteArray())
                .when().post("/v1/telemetry").then().statusCode(200);

        List<IngestedBatch> records = telemetry.drain("TEL-EQ-1");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).getBatch().getSeq()).isEqualTo(1);
        assertThat(records.get(1).getBatch().getSeq()).isEqualTo(2);
        assertThat(normalized(records.get(0))).isEqualTo(normalized(records.get(1)));
        assertThat(normalized(records.get(0)).toByteArray()).isEqualTo(normalized(records.get(1)).toByteArray());
        assertThat(records.get(0).getClinicId()).isEqualTo(CLINIC);
    }

    @Test
    void givenAcceptedBatch_whenSentAgainAsJsonAndAsProtobuf_thenSameAcknowledgementAndPublishedOnce() {
        String credential = belt("TEL-DUP-1");
        telemetry.drain();

        Response first = asBelt(credential).contentType("application/json").body(Batches.json("TEL-DUP-1", 7))
                .when().post("/v1/telemetry");
        Response again = asBelt(credential).contentType("application/json").body(Batches.json("TEL-DUP-1", 7))
                .when().post("/v1/telemetry");
        Response asProtobuf = asBelt(credential).contentType(PROTOBUF)
                .body(Batches.proto("TEL-DUP-1", 7).build().toByteArray()).when().post("/v1/telemetry");

        first.then().statusCode(200).body("beltId", equalTo("TEL-DUP-1")).body("seq", equalTo(7))
                .body("receivedAt", notNullValue());
        again.then().statusCode(200);
        asProtobuf.then().statusCode(200);
        assertThat(again.asString()).isEqualTo(first.asString());
        assertThat(asProtobuf.asString()).isEqualTo(first.asString());
        List<IngestedBatch> records = telemetry.drain("TEL-DUP-1");
        assertThat(records).hasSize(1);
        assertThat(Instant.ofEpochMilli(records.get(0).getReceivedAtMs()))
                .isEqualTo(Instant.parse(first.path("receivedAt")));
    }

    @Test
    void givenBatchOfAnotherBelt_whenUploadedWithOwnCredential_then403AndNothingPublished() {
        String credential = belt("TEL-SELF-1");
        belt("TEL-SELF-2");
        telemetry.drain();

        asBelt(credential).contentType("application/json").body(Batches.json("TEL-SELF-2", 1))
                .when().post("/v1/telemetry")
                .then().statusCode(403).contentType("application/problem+json");

        assertThat(telemetry.drain()).noneMatch(r -> r.key().startsWith("TEL-SELF"));
    }

    @Test
    void givenMissingUnknownRotatedOrRetiredCredential_whenUploading_then401AndNothingPublished() {
        String rotated = belt("TEL-AUTH-1");
        String current = rotate(CLINIC, "TEL-AUTH-1");
        String retired = provision(CLINIC, "TEL-AUTH-2");
        retire(CLINIC, "TEL-AUTH-2");
        String unknown = "ssb_" + "A".repeat(16) + "." + "B".repeat(43);
        telemetry.drain();

        given().contentType("application/json").body(Batches.json("TEL-AUTH-1", 1))
                .when().post("/v1/telemetry").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        for (String refused : List.of(unknown, "ssb_malformed", rotated)) {
            asBelt(refused).contentType("application/json").body(Batches.json("TEL-AUTH-1", 1))
                    .when().post("/v1/telemetry").then().statusCode(401).contentType("application/problem+json");
        }
        asBelt(retired).contentType("application/json").body(Batches.json("TEL-AUTH-2", 1))
                .when().post("/v1/telemetry").then().statusCode(401);
        assertThat(telemetry.drain()).noneMatch(r -> r.key().startsWith("TEL-AUTH"));

        asBelt(current).contentType("application/json").body(Batches.json("TEL-AUTH-1", 1))
                .when().post("/v1/telemetry").then().statusCode(200);
        assertThat(telemetry.drain("TEL-AUTH-1")).hasSize(1);
    }

    @Test
    void givenCredentialJustUsed_whenRotatedOrRetiredHere_thenItsVeryNextUploadIsRefused() {
        String old = provision(CLINIC, "TEL-AUTH-3");
        String retiring = provision(CLINIC, "TEL-AUTH-4");
        asBelt(old).contentType("application/json").body(Batches.json("TEL-AUTH-3", 1))
                .when().post("/v1/telemetry").then().statusCode(200);
        asBelt(retiring).contentType("application/json").body(Batches.json("TEL-AUTH-4", 1))
                .when().post("/v1/telemetry").then().statusCode(200);

        String current = rotate(CLINIC, "TEL-AUTH-3");
        retire(CLINIC, "TEL-AUTH-4");

        asBelt(old).contentType("application/json").body(Batches.json("TEL-AUTH-3", 2))
                .when().post("/v1/telemetry").then().statusCode(401).contentType("application/problem+json");
        asBelt(retiring).contentType("application/json").body(Batches.json("TEL-AUTH-4", 2))
                .when().post("/v1/telemetry").then().statusCode(401).contentType("application/problem+json");
        asBelt(current).contentType("application/json").body(Batches.json("TEL-AUTH-3", 2))
                .when().post("/v1/telemetry").then().statusCode(200);
        assertThat(telemetry.drain("TEL-AUTH-4")).extracting(b -> b.getBatch().getSeq()).containsExactly(1L);
    }

    @Test
    void givenCredentialJustUsed_whenRevokedThroughAnotherInstance_thenItIsRefusedOnceItsTrustRunsOut() {
        String credential = provision(CLINIC, "TEL-AUTH-5");
        asBelt(credential).contentType("application/json").body(Batches.json("TEL-AUTH-5", 1))
                .when().post("/v1/telemetry").then().statusCode(200);

        // Another instance rotating writes only the database; this one learns it when its trust expires.
        db.update("UPDATE belt_credential SET revoked_at = now() WHERE belt_id = 'TEL-AUTH-5'");

        long[] seq = {1};
        await().atMost(Duration.ofSeconds(30)).until(() -> asBelt(credential).contentType("application/json")
                .body(Batches.json("TEL-AUTH-5", ++seq[0])).when().post("/v1/telemetry").statusCode() == 401);
    }

    @Test
    void givenPersonToken_whenUploadingTelemetry_then403() {
        as(Roles.ADMIN, CLINIC).contentType("application/json").body(Batches.json("TEL-X-1", 1))
                .when().post("/v1/telemetry").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void givenBodyOverTheLimit_whenUploaded_then413AndNothingPublished() {
        String credential = belt("TEL-BIG-1");
        telemetry.drain();
        String padding = " ".repeat(1024 * 1024);

        asBelt(credential).contentType("application/json").body(Batches.json("TEL-BIG-1", 1) + padding)
                .when().post("/v1/telemetry")
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413));

        assertThat(telemetry.drain("TEL-BIG-1")).isEmpty();
    }

    @Test
    void givenBeltOverItsRateLimit_whenUploading_then429WithRetryAfterWhileOtherBeltsAreServed() {
        String credential = belt("TEL-RATE-1");
        String other = belt("TEL-RATE-2");

        Response limited = null;
        for (int i = 0; i < 500 && limited == null; i++) {
            Response response = asBelt(credential).contentType("application/json").body("{}").when().post("/v1/telemetry");
            if (response.statusCode() == 429) {
                limited = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(400);
            }
        }

        assertThat(limited).as("a 429 within 500 uploads").isNotNull();
        limited.then().contentType("application/problem+json").header("Retry-After", notNullValue());
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
        asBelt(other).contentType("application/json").body(Batches.json("TEL-RATE-2", 1))
                .when().post("/v1/telemetry").then().statusCode(200);
    }

    @Test
    void givenUnsupportedContentType_whenUploaded_then415Problem() {
        asBelt(belt("TEL-TYPE-1")).contentType("text/plain").body("hello")
                .when().post("/v1/telemetry").then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void givenBeltThatChangedWearers_whenBatchesOfEachPeriodArrive_thenEachIsAttributedToTheWearerOfItsTime() {
        String credential = belt("TEL-WHO-1");
        db.update("INSERT INTO belt_assignment (belt_id, wearer_id, assigned_at, unassigned_at) VALUES (?, ?, ?, ?)",
                "TEL-WHO-1", "w-early", utc("2026-01-01T00:00:00Z"), utc("2026-06-01T00:00:00Z"));
        db.update("INSERT INTO belt_assignment (belt_id, wearer_id, assigned_at) VALUES (?, ?, ?)",
                "TEL-WHO-1", "w-late", utc("2026-06-01T00:00:00Z"));
        telemetry.drain();

        upload(credential, "TEL-WHO-1", 1, "2026-03-01T08:00:00.000Z");
        upload(credential, "TEL-WHO-1", 2, "2026-06-01T00:00:00.000Z");
        upload(credential, "TEL-WHO-1", 3, "2025-12-31T23:59:59.999Z");

        assertThat(telemetry.drain("TEL-WHO-1")).extracting(IngestedBatch::getWearerId)
                .containsExactly("w-early", "w-late", "");
    }

    @Test
    void givenBatchHeldByALiveRequestElsewhere_whenSentAgain_then409WithRetryAfterAndNothingPublished() {
        String credential = belt("TEL-FLIGHT-1");
        claimAsAnotherInstance("TEL-FLIGHT-1", 1, OffsetDateTime.now(ZoneOffset.UTC));
        telemetry.drain();

        asBelt(credential).contentType("application/json").body(Batches.json("TEL-FLIGHT-1", 1))
                .when().post("/v1/telemetry")
                .then().statusCode(409).contentType("application/problem+json").header("Retry-After", "1");

        assertThat(telemetry.drain("TEL-FLIGHT-1")).isEmpty();
    }

    @Test
    void givenBatchClaimedByAnInstanceThatDied_whenTheBeltRetries_thenPublishedOnceWithTheOriginalReceipt() {
        String credential = belt("TEL-DIED-1");
        OffsetDateTime claimedLongAgo = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).truncatedTo(ChronoUnit.MILLIS);
        claimAsAnotherInstance("TEL-DIED-1", 1, claimedLongAgo);
        telemetry.drain();

        asBelt(credential).contentType("application/json").body(Batches.json("TEL-DIED-1", 1))
                .when().post("/v1/telemetry")
                .then().statusCode(200)
                .body("receivedAt", equalTo(claimedLongAgo.toInstant().toString()));
        asBelt(credential).contentType("application/json").body(Batches.json("TEL-DIED-1", 1))
                .when().post("/v1/telemetry").then().statusCode(200);

        List<IngestedBatch> records = telemetry.drain("TEL-DIED-1");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getReceivedAtMs()).isEqualTo(claimedLongAgo.toInstant().toEpochMilli());
    }

    @Test
    void givenBatchPublishedBeforeARestart_whenSentAgain_thenAcknowledgedWithItsReceiptAndNotPublished() {
        String credential = belt("TEL-RESTART-1");
        OffsetDateTime receivedBefore = OffsetDateTime.parse("2026-11-19T08:00:00.123Z");
        db.update("INSERT INTO ingested_batch (belt_id, seq, clinic_id, received_at, state, claim_token, claimed_at) "
                        + "VALUES (?, ?, ?, ?, 'published', ?, ?)",
                "TEL-RESTART-1", 42L, CLINIC, receivedBefore, UUID.randomUUID(), receivedBefore);
        telemetry.drain();

        asBelt(credential).contentType("application/json").body(Batches.json("TEL-RESTART-1", 42))
                .when().post("/v1/telemetry")
                .then().statusCode(200)
                .body("receivedAt", equalTo("2026-11-19T08:00:00.123Z"));

        assertThat(telemetry.drain("TEL-RESTART-1")).isEmpty();
    }

    @Test
    void givenTraffic_whenMetricsScraped_thenAcceptedRejectedAndPublishLatencyAreExported() {
        String credential = belt("TEL-METRICS-1");
        upload(credential, "TEL-METRICS-1", 1, Batches.STARTED_AT);
        asBelt(credential).contentType("application/json").body("{}").when().post("/v1/telemetry");

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics)
                .contains("spinestream_ingest_batches_total{encoding=\"json\",outcome=\"accepted\",reason=\"none\"}")
                .contains("spinestream_ingest_batches_total{encoding=\"json\",outcome=\"rejected\",reason=\"invalid\"}")
                .contains("spinestream_ingest_publish_seconds_count{result=\"acknowledged\"}");
    }

    private void upload(String credential, String beltId, long seq, String startedAt) {
        asBelt(credential).contentType("application/json")
                .body(Batches.json(beltId, seq, Map.of("startedAt", "\"" + startedAt + "\"")))
                .when().post("/v1/telemetry").then().statusCode(200);
    }

    private void claimAsAnotherInstance(String beltId, long seq, OffsetDateTime at) {
        db.update("INSERT INTO ingested_batch (belt_id, seq, clinic_id, received_at, state, claim_token, claimed_at) "
                + "VALUES (?, ?, ?, ?, 'pending', ?, ?)", beltId, seq, CLINIC, at, UUID.randomUUID(), at);
    }

    private static IngestedBatch normalized(IngestedBatch record) {
        return record.toBuilder().setReceivedAtMs(0).setBatch(record.getBatch().toBuilder().setSeq(0)).build();
    }

    private static OffsetDateTime utc(String instant) {
        return Instant.parse(instant).atOffset(ZoneOffset.UTC);
    }

    private static Map<String, String> nullOf(String field) {
        return Collections.singletonMap(field, null);
    }
}
