package io.spinestream.ingest.downlink;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.spinestream.events.cloudevents.EventJson;
import io.spinestream.events.payload.BeltCommand;
import io.spinestream.ingest.support.Batches;
import io.spinestream.ingest.support.CommandTopic;
import io.spinestream.ingest.support.Db;
import io.spinestream.ingest.support.SseClient;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.TestTokens;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static io.spinestream.ingest.support.FleetApi.asBelt;
import static io.spinestream.ingest.support.FleetApi.provision;
import static io.spinestream.ingest.support.FleetApi.retire;
import static io.spinestream.ingest.support.FleetApi.rotate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DownlinkTest {

    private static final String CLINIC = "clinic-downlink";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CommandStreams streams;

    @Inject
    CommandReplay replay;

    @Inject
    KafkaClientService kafka;

    Db db;
    CommandTopic commands;
    final AtomicLong seq = new AtomicLong();

    @BeforeAll
    void openProducer() {
        commands = new CommandTopic(bootstrapServers);
    }

    @AfterAll
    void closeProducer() {
        commands.close();
    }

    @BeforeEach
    void setUp() {
        db = new Db(dataSource);
    }

    @Test
    void givenOpenStream_whenCommandsArePublished_thenEachArrivesOnTheStreamOnceAndNotWithTheNextUpload() {
        String credential = provision(CLINIC, "DL-SSE-1");
        try (SseClient stream = openStream("DL-SSE-1", credential)) {
            commands.publishLive("cmd-sse-1", "DL-SSE-1", CLINIC);

            SseClient.SseEvent event = stream.nextEvent(WAIT);
            assertThat(event.id()).isEqualTo("cmd-sse-1");
            assertThat(event.name()).isEqualTo("command");
            JsonPath data = JsonPath.from(event.data());
            assertThat(data.getString("commandId")).isEqualTo("cmd-sse-1");
            assertThat(data.getString("pattern")).isEqualTo("two_short");
            assertThat(data.getInt("intensityPercent")).isEqualTo(100);
            assertThat(data.getList("pulses.onMs", Integer.class)).containsExactly(150, 150);
            assertThat(data.getString("code")).isEqualTo("ROUNDED_BACK");
            assertThat(data.getString("expiresAt")).isNotNull();

            assertThat(upload(credential, "DL-SSE-1").getList("commands")).isEmpty();
            commands.publishLive("cmd-sse-2", "DL-SSE-1", CLINIC);
            assertThat(stream.nextEvent(WAIT).id()).as("the next event is the next command, not a repeat")
                    .isEqualTo("cmd-sse-2");
        }
        assertThat(db.value("SELECT delivered_via FROM pending_command WHERE command_id = 'cmd-sse-1'")).isEqualTo("stream");
    }

    @Test
    void givenBeltThatOnlyPolls_whenACommandWaits_thenItsNextUploadCarriesItAndTheOneAfterDoesNot() {
        String credential = provision(CLINIC, "DL-POLL-1");
        commands.publishLive("cmd-poll-1", "DL-POLL-1", CLINIC);
        awaitStored("cmd-poll-1");

        JsonPath first = upload(credential, "DL-POLL-1");
        JsonPath second = upload(credential, "DL-POLL-1");

        assertThat(first.getList("commands.commandId", String.class)).containsExactly("cmd-poll-1");
        assertThat(first.getString("commands[0].pattern")).isEqualTo("two_short");
        assertThat(second.getList("commands")).isEmpty();
        String metrics = given().when().get("/q/metrics").then().extract().asString();
        assertThat(metrics).contains("spinestream_ingest_commands_total{outcome=\"delivered_poll\"}");
    }

    @Test
    void givenCommandAlreadyExpired_whenPublished_thenItIsDroppedAndTheNextLiveOneArrives() {
        String credential = provision(CLINIC, "DL-EXP-1");
        try (SseClient stream = openStream("DL-EXP-1", credential)) {
            Instant past = Instant.now().minusSeconds(10);
            commands.publish(CLINIC, CommandTopic.command("cmd-exp-late", "DL-EXP-1", CLINIC, past.minusSeconds(5), past));
            commands.publishLive("cmd-exp-live", "DL-EXP-1", CLINIC);

            assertThat(stream.nextEvent(WAIT).id()).isEqualTo("cmd-exp-live");
        }
        assertThat(db.value("SELECT count(*) FROM pending_command WHERE command_id = 'cmd-exp-late'")).isEqualTo(0L);
        assertThat(upload(credential, "DL-EXP-1").getList("commands")).isEmpty();
    }

    @Test
    void givenCommandIssuedSecondsAgo_whenTheConsumerReadsIt_thenItsAgeOnArrivalIsRecorded() {
        provision(CLINIC, "DL-AGE-1");
        double countBefore = ageOnArrival("count");
        double sumBefore = ageOnArrival("sum");
        Instant issued = Instant.now().minusSeconds(3);
        commands.publish(CLINIC, CommandTopic.command("cmd-age-1", "DL-AGE-1", CLINIC, issued, issued.plusSeconds(60)));
        awaitStored("cmd-age-1");

        assertThat(ageOnArrival("count") - countBefore).isGreaterThanOrEqualTo(1);
        assertThat(ageOnArrival("sum") - sumBefore).as("seconds between issue and arrival").isGreaterThanOrEqualTo(3.0);
        assertThat(given().when().get("/q/metrics").asString())
                .as("a histogram, so that the share over the expiry can be read")
                .contains("spinestream_downlink_command_age_on_arrival_seconds_bucket{le=");
    }

    @Test
    void givenWaitingCommandThatExpires_whenTheBeltUploads_thenItIsNotDelivered() {
        String credential = provision(CLINIC, "DL-EXP-2");
        commands.publishLive("cmd-exp-2", "DL-EXP-2", CLINIC);
        awaitStored("cmd-exp-2");
        db.update("UPDATE pending_command SET expires_at = ? WHERE command_id = 'cmd-exp-2'",
                OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1));

        assertThat(upload(credential, "DL-EXP-2").getList("commands")).isEmpty();
        assertThat(db.value("SELECT delivered_at FROM pending_command WHERE command_id = 'cmd-exp-2'")).isNull();
    }

    @Test
    void givenCommandWithoutExpiry_whenStored_thenItExpiresFiveSecondsAfterItWasIssued() {
        provision(CLINIC, "DL-EXP-3");
        // Issued ahead, so that a slow consumer start cannot let it expire before it is stored.
        Instant issued = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        commands.publish(CLINIC, CommandTopic.command("cmd-exp-3", "DL-EXP-3", CLINIC, issued, null));
        awaitStored("cmd-exp-3");

        java.sql.Timestamp expires = (java.sql.Timestamp) db.value(
                "SELECT expires_at FROM pending_command WHERE command_id = 'cmd-exp-3'");
        assertThat(expires.toInstant()).isEqualTo(issued.plusSeconds(5));
    }

    @Test
    void givenTwoUploadsRacing_whenACommandWaits_thenExactlyOneOfThemCarriesIt() {
        String credential = provision(CLINIC, "DL-RACE-1");
        commands.publishLive("cmd-race-1", "DL-RACE-1", CLINIC);
        awaitStored("cmd-race-1");

        CompletableFuture<JsonPath> a = CompletableFuture.supplyAsync(() -> upload(credential, "DL-RACE-1"));
        CompletableFuture<JsonPath> b = CompletableFuture.supplyAsync(() -> upload(credential, "DL-RACE-1"));

        List<String> delivered = new ArrayList<>(a.join().getList("commands.commandId", String.class));
        delivered.addAll(b.join().getList("commands.commandId", String.class));
        assertThat(delivered).containsExactly("cmd-race-1");
    }

    @Test
    void givenOpenStream_whenCommandsArePublishedWhileTheConsumerIsReassigned_thenTheLiveOneArrivesOnceAndTheExpiredOneNever() {
        String credential = provision(CLINIC, "DL-REB-1");
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer("belt-commands");
        try (SseClient stream = openStream("DL-REB-1", credential)) {
            // Given a consumer that fetches nothing more until its partitions were taken away and given back
            consumer.pause().await().atMost(WAIT);
            try {
                Instant past = Instant.now().minusSeconds(10);
                commands.publish(CLINIC, CommandTopic.command("cmd-reb-expired", "DL-REB-1", CLINIC,
                        past.minusSeconds(5), past));
                commands.publishLive("cmd-reb-1", "DL-REB-1", CLINIC);
                rebalance(consumer);
            } finally {
                consumer.resume().await().atMost(WAIT);
            }
            assertThat(stream.nextEvent(WAIT).id()).isEqualTo("cmd-reb-1");

            // When it reads the same records again
            rebalance(consumer);
            commands.publishLive("cmd-reb-marker", "DL-REB-1", CLINIC);

            // Then the next command on the stream is the one published after the re-read, not a repeat
            assertThat(stream.nextEvent(WAIT).id()).isEqualTo("cmd-reb-marker");
        }
        assertThat(upload(credential, "DL-REB-1").getList("commands")).isEmpty();
        assertThat(db.value("SELECT delivered_via FROM pending_command WHERE command_id = 'cmd-reb-1'")).isEqualTo("stream");
        assertThat(db.value("SELECT count(*) FROM pending_command WHERE command_id = 'cmd-reb-expired'")).isEqualTo(0L);
    }

    @Test
    void givenPolledCommand_whenTheConsumerReadsItAgain_thenNeitherTheNextUploadNorANewStreamGetsItAgain() {
        String credential = provision(CLINIC, "DL-REB-2");
        commands.publishLive("cmd-reb-2", "DL-REB-2", CLINIC);
        awaitStored("cmd-reb-2");
        assertThat(upload(credential, "DL-REB-2").getList("commands.commandId", String.class))
                .containsExactly("cmd-reb-2");

        rebalance(kafka.getConsumer("belt-commands"));

        try (SseClient stream = openStream("DL-REB-2", credential)) {
            commands.publishLive("cmd-reb-2-marker", "DL-REB-2", CLINIC);
            assertThat(stream.nextEvent(WAIT).id()).isEqualTo("cmd-reb-2-marker");
        }
        assertThat(upload(credential, "DL-REB-2").getList("commands")).isEmpty();
    }

    @Test
    void givenDatabaseRefusingToStoreCommands_whenACommandArrives_thenItIsTriedAgainAndReachesTheStreamOnceTheDatabaseAccepts() {
        String credential = provision(CLINIC, "DL-RETRY-1");
        try (SseClient stream = openStream("DL-RETRY-1", credential)) {
            double retriedBefore = commandCount("retried");
            // The error a server gives while it is starting up (the test's user is a superuser, so no REVOKE).
            db.update("""
                    CREATE FUNCTION refuse_commands() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'the database is starting up' USING ERRCODE = '57P03'; END $$""");
            db.update("CREATE TRIGGER refuse_commands BEFORE INSERT ON pending_command "
                    + "FOR EACH ROW EXECUTE FUNCTION refuse_commands()");
            try {
                commands.publishLive("cmd-retry-1", "DL-RETRY-1", CLINIC);
                // Waits until storing it has failed and is being tried again.
                await().atMost(WAIT).until(() -> commandCount("retried") > retriedBefore);
            } finally {
                db.update("DROP TRIGGER refuse_commands ON pending_command");
                db.update("DROP FUNCTION refuse_commands()");
            }

            assertThat(stream.nextEvent(WAIT).id()).isEqualTo("cmd-retry-1");
        }
        assertThat(db.value("SELECT delivered_via FROM pending_command WHERE command_id = 'cmd-retry-1'")).isEqualTo("stream");
    }

    @Test
    void givenCommandStoredByAnotherInstance_whenTheBeltConnectsHere_thenItArrivesOnTheNewStream() throws Exception {
        String credential = provision(CLINIC, "DL-OTHER-1");
        Instant now = Instant.now();
        BeltCommand command = CommandTopic.command("cmd-other-1", "DL-OTHER-1", CLINIC, now, now.plusSeconds(60));
        db.update("INSERT INTO pending_command (command_id, belt_id, clinic_id, command, expires_at, received_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", "cmd-other-1", "DL-OTHER-1", CLINIC,
                EventJson.mapper().writeValueAsString(command), now.plusSeconds(60).atOffset(ZoneOffset.UTC),
                now.atOffset(ZoneOffset.UTC));

        try (SseClient stream = openStream("DL-OTHER-1", credential)) {
            assertThat(stream.nextEvent(WAIT).id()).isEqualTo("cmd-other-1");
        }
    }

    @Test
    void givenCommandUnderAnotherClinic_whenPublishedForABeltOfThisClinic_thenItIsNeverDelivered() {
        String credential = provision(CLINIC, "DL-ISO-1");
        Instant now = Instant.now();
        commands.publish("clinic-intruder",
                CommandTopic.command("cmd-iso-foreign", "DL-ISO-1", "clinic-intruder", now, now.plusSeconds(60)));
        commands.publishLive("cmd-iso-own", "DL-ISO-1", CLINIC);
        awaitStored("cmd-iso-own");

        assertThat(upload(credential, "DL-ISO-1").getList("commands.commandId", String.class))
                .containsExactly("cmd-iso-own");
        assertThat(db.value("SELECT count(*) FROM pending_command WHERE command_id = 'cmd-iso-foreign'")).isEqualTo(0L);
    }

    @Test
    void givenCallerThatIsNotTheBelt_whenOpeningItsStream_then401Or403Problem() {
        String other = provision(CLINIC, "DL-AUTH-1");
        provision(CLINIC, "DL-AUTH-2");
        String retired = provision(CLINIC, "DL-AUTH-3");
        retire(CLINIC, "DL-AUTH-3");

        assertRefused(SseClient.open("/v1/belts/DL-AUTH-2/commands", "Bearer " + other), 403);
        assertRefused(SseClient.open("/v1/belts/DL-AUTH-2/commands", TestTokens.bearer(Roles.CLINIC_ADMIN, CLINIC)), 403);
        assertRefused(SseClient.open("/v1/belts/DL-AUTH-2/commands", null), 401);
        assertRefused(SseClient.open("/v1/belts/DL-AUTH-3/commands", "Bearer " + retired), 401);
    }

    @Test
    void givenOpenStream_whenItsCredentialIsRotatedHere_thenTheStreamEndsAndOnlyTheNewCredentialOpensIt() {
        String old = provision(CLINIC, "DL-ROT-1");
        SseClient stream = openStream("DL-ROT-1", old);

        String fresh = rotate(CLINIC, "DL-ROT-1");

        stream.awaitEnd(WAIT);
        assertRefused(SseClient.open("/v1/belts/DL-ROT-1/commands", "Bearer " + old), 401);
        try (SseClient reopened = openStream("DL-ROT-1", fresh)) {
            commands.publishLive("cmd-rot-1", "DL-ROT-1", CLINIC);
            assertThat(reopened.nextEvent(WAIT).id()).isEqualTo("cmd-rot-1");
        }
    }

    @Test
    void givenOpenStream_whenItsCredentialIsRevokedByAnotherInstance_thenTheNextHeartbeatEndsItAndNothingIsDelivered() {
        String credential = provision(CLINIC, "DL-ROT-2");
        SseClient stream = openStream("DL-ROT-2", credential);
        db.update("UPDATE belt_credential SET revoked_at = now() WHERE belt_id = 'DL-ROT-2'");
        commands.publishLive("cmd-rot-2", "DL-ROT-2", CLINIC);
        awaitStored("cmd-rot-2");

        streams.heartbeat().await().atMost(WAIT);

        assertThat(stream.untilEnd(WAIT)).as("only comments, no command, until the stream ends")
                .allMatch(event -> event.comment() != null);
        assertThat(db.value("SELECT delivered_at FROM pending_command WHERE command_id = 'cmd-rot-2'")).isNull();
    }

    private SseClient openStream(String beltId, String credential) {
        SseClient stream = SseClient.open("/v1/belts/" + beltId + "/commands", "Bearer " + credential);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("text/event-stream");
        // The first comment says the stream is registered: commands from now on are pushed.
        assertThat(stream.next(WAIT).comment()).isEqualTo("connected");
        return stream;
    }

    private static void assertRefused(SseClient stream, int status) {
        assertThat(stream.status()).isEqualTo(status);
        assertThat(stream.contentType()).startsWith("application/problem+json");
        stream.close();
    }

    private JsonPath upload(String credential, String beltId) {
        return asBelt(credential).contentType("application/json").body(Batches.json(beltId, seq.incrementAndGet()))
                .when().post("/v1/telemetry")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Takes the command consumer's partitions away and gives them back (as a rebalance or a restart does). */
    private void rebalance(KafkaConsumer<Object, Object> consumer) {
        long before = replay.assignments();
        consumer.runOnPollingThread(c -> {
            c.enforceRebalance();
        }).await().atMost(WAIT);
        await().atMost(WAIT).until(() -> replay.assignments() > before);
    }

    private static double ageOnArrival(String part) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("^spinestream_downlink_command_age_on_arrival_seconds_" + part
                + "(?:\\{\\})? (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    private static double commandCount(String outcome) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher count = Pattern.compile("^spinestream_ingest_commands_total\\{outcome=\"" + outcome + "\",?\\} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        return count.find() ? Double.parseDouble(count.group(1)) : 0;
    }

    private void awaitStored(String commandId) {
        // The consumer reads the topic asynchronously; this waits for it, it does not time it.
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                db.value("SELECT count(*) FROM pending_command WHERE command_id = ?", commandId)).isEqualTo(1L));
    }
}
