package io.spinestream.ingest.telemetry;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.spinestream.events.telemetry.IngestedBatchDeserializer;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.topic.Topics;
import io.spinestream.ingest.support.Batches;
import io.spinestream.ingest.support.Db;
import io.spinestream.ingest.support.TopicProbe;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.spinestream.ingest.support.FleetApi.provision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Claims of concurrent uploads share one ledger statement. To have uploads arrive while a claim
 * statement is in flight without relying on timing, a trigger holds the claim of a "gate" belt's
 * batch on an advisory lock this test owns; the uploads sent meanwhile queue up behind it, and the
 * test releases the gate once they all wait.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerClaimGroupTest {

    private static final String CLINIC = "clinic-claim-groups";
    private static final String GATE_BELT = "GRP-GATE";
    private static final String FAILING_BELT = "GRP-DOWN-X";
    private static final long GATE_LOCK = 735_009_117L;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/v1/telemetry")
    URI telemetryUri;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    Db db;
    TopicProbe<IngestedBatch> telemetry;
    final HttpClient http = HttpClient.newHttpClient();
    final Map<String, String> credentials = new HashMap<>();
    long gateSeq;

    @BeforeAll
    void setUpGate() {
        telemetry = new TopicProbe<>(bootstrapServers, Topics.TELEMETRY.name(), new IngestedBatchDeserializer());
        db = new Db(dataSource);
        // The error a server gives while it is starting up, for one belt's rows only.
        db.update("""
                CREATE FUNCTION claim_gate() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.belt_id = '%s' THEN PERFORM pg_advisory_xact_lock_shared(%d); END IF;
                  IF NEW.belt_id = '%s' THEN
                    RAISE EXCEPTION 'the database is starting up' USING ERRCODE = '57P03';
                  END IF;
                  RETURN NEW;
                END $$""".formatted(GATE_BELT, GATE_LOCK, FAILING_BELT));
        db.update("CREATE TRIGGER claim_gate BEFORE INSERT ON ingested_batch FOR EACH ROW EXECUTE FUNCTION claim_gate()");
    }

    @AfterAll
    void tearDownGate() {
        db.update("DROP TRIGGER claim_gate ON ingested_batch");
        db.update("DROP FUNCTION claim_gate()");
        telemetry.close();
    }

    @BeforeEach
    void setUp() {
        db = new Db(dataSource);
    }

    @Test
    void givenUploadsArrivingWhileAClaimIsInFlight_whenItEnds_thenOneStatementClaimsThemAllAndEachIsPublishedOnce() {
        List<String> belts = List.of("GRP-MANY-1", "GRP-MANY-2", "GRP-MANY-3", "GRP-MANY-4");
        List<Upload> uploads = new ArrayList<>();
        for (String belt : belts) {
            for (long seq = 1; seq <= 6; seq++) {
                uploads.add(new Upload(belt, seq));
            }
        }
        telemetry.drain();

        Group group = sendAsOneGroup(uploads);

        group.responses.forEach(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
        assertThat(group.statements).as("claim statements for the 24 queued uploads").isEqualTo(1);
        assertThat(group.claimed).isEqualTo(24);
        assertThat(group.lookups).as("every key was new: nothing to look up").isZero();
        Map<String, List<Long>> published = publishedSeqs();
        for (String belt : belts) {
            assertThat(published.get(belt)).as(belt).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
        }
        assertThat(db.value("SELECT count(*) FROM ingested_batch WHERE belt_id LIKE 'GRP-MANY-%' AND state = 'published'"))
                .isEqualTo(24L);
    }

    @Test
    void givenOneGroupWithEveryKindOfKey_whenClaimed_thenEachUploadGetsTheAnswerOfItsOwnClaim() {
        String belt = "GRP-MIX-1";
        OffsetDateTime publishedAt = OffsetDateTime.parse("2026-11-19T08:00:00.123Z");
        db.update("INSERT INTO ingested_batch (belt_id, seq, clinic_id, received_at, state, claim_token, claimed_at) "
                + "VALUES (?, 2, ?, ?, 'published', ?, ?)", belt, CLINIC, publishedAt, UUID.randomUUID(), publishedAt);
        OffsetDateTime diedAt = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).truncatedTo(ChronoUnit.MILLIS);
        db.update("INSERT INTO ingested_batch (belt_id, seq, clinic_id, received_at, state, claim_token, claimed_at) "
                + "VALUES (?, 3, ?, ?, 'pending', ?, ?)", belt, CLINIC, diedAt, UUID.randomUUID(), diedAt);
        OffsetDateTime liveAt = OffsetDateTime.now(ZoneOffset.UTC);
        db.update("INSERT INTO ingested_batch (belt_id, seq, clinic_id, received_at, state, claim_token, claimed_at) "
                + "VALUES (?, 4, ?, ?, 'pending', ?, ?)", belt, CLINIC, liveAt, UUID.randomUUID(), liveAt);
        telemetry.drain();

        Group group = sendAsOneGroup(List.of(new Upload(belt, 1), new Upload(belt, 1), new Upload(belt, 2),
                new Upload(belt, 3), new Upload(belt, 4), new Upload(belt, 5)));

        assertThat(group.statements).isEqualTo(1);
        assertThat(group.lookups).as("one read for the keys the claim left alone").isEqualTo(1);
        List<HttpResponse<String>> r = group.responses;
        assertThat(List.of(r.get(0).statusCode(), r.get(1).statusCode()))
                .as("the same batch twice in one group: one publishes it, the other is told it is in flight")
                .containsExactlyInAnyOrder(200, 409);
        assertThat(r.get(2).statusCode()).isEqualTo(200);
        assertThat(JsonPath.from(r.get(2).body()).getString("receivedAt")).as("published before: its original receipt")
                .isEqualTo("2026-11-19T08:00:00.123Z");
        assertThat(r.get(3).statusCode()).isEqualTo(200);
        assertThat(JsonPath.from(r.get(3).body()).getString("receivedAt")).as("taken over from a dead claim: its receipt")
                .isEqualTo(diedAt.toInstant().toString());
        assertThat(r.get(4).statusCode()).as("held by a live claim elsewhere").isEqualTo(409);
        assertThat(r.get(4).headers().firstValue("Retry-After")).hasValue("1");
        assertThat(r.get(5).statusCode()).isEqualTo(200);
        assertThat(publishedSeqs().get(belt)).containsExactlyInAnyOrder(1L, 3L, 5L);

        HttpResponse<String> retried = send(new Upload(belt, 1)).join();
        assertThat(retried.statusCode()).isEqualTo(200);
        HttpResponse<String> owner = r.get(0).statusCode() == 200 ? r.get(0) : r.get(1);
        assertThat(JsonPath.from(retried.body()).getString("receivedAt"))
                .isEqualTo(JsonPath.from(owner.body()).getString("receivedAt"));
        assertThat(publishedSeqs().get(belt)).as("the retry of the 409 is a duplicate").isNull();
    }

    @Test
    void givenDatabaseFailingTheGroupStatement_whenUploadsShareIt_thenEveryOneIs503AndNothingIsKeptOrPublished() {
        String belt = "GRP-DOWN-1";
        List<Upload> uploads = List.of(new Upload(belt, 1), new Upload(FAILING_BELT, 1), new Upload(belt, 2),
                new Upload(belt, 3));
        telemetry.drain();

        Group group = sendAsOneGroup(uploads);

        assertThat(group.statements).isEqualTo(1);
        group.responses.forEach(response -> {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
        });
        assertThat(db.value("SELECT count(*) FROM ingested_batch WHERE belt_id IN (?, ?)", belt, FAILING_BELT))
                .as("nothing of the group was written").isEqualTo(0L);
        assertThat(publishedSeqs().get(belt)).isNull();

        for (long seq = 1; seq <= 3; seq++) {
            assertThat(send(new Upload(belt, seq)).join().statusCode()).as("sent again in a group of its own").isEqualTo(200);
        }
        assertThat(publishedSeqs().get(belt)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void givenIdleService_whenOneBatchIsUploaded_thenItIsClaimedAtOnceInAStatementOfItsOwn() {
        credential("GRP-IDLE-1");
        double statements = statements();

        assertThat(send(new Upload("GRP-IDLE-1", 1)).join().statusCode()).isEqualTo(200);

        assertThat(statements() - statements).isEqualTo(1);
    }

    private record Upload(String beltId, long seq) {
    }

    private record Group(List<HttpResponse<String>> responses, long statements, long claimed, long lookups) {
    }

    /**
     * Sends the uploads while the gate's claim statement is held in the database, waits until all of
     * them queue behind it, then lets it go: they are claimed together.
     */
    private Group sendAsOneGroup(List<Upload> uploads) {
        uploads.forEach(u -> credential(u.beltId()));
        credential(GATE_BELT);
        try (Connection gate = dataSource.getConnection(); Statement sql = gate.createStatement()) {
            sql.execute("SELECT pg_advisory_lock(" + GATE_LOCK + ")");
            CompletableFuture<HttpResponse<String>> gated;
            double statementsBefore;
            double claimedBefore;
            double lookupsBefore;
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            try {
                gated = send(new Upload(GATE_BELT, ++gateSeq));
                await().atMost(WAIT).until(() -> (Long) db.value("SELECT count(*) FROM pg_locks WHERE locktype = "
                        + "'advisory' AND NOT granted AND classid = 0 AND objid::bigint = ?", GATE_LOCK) > 0);
                statementsBefore = statements();
                claimedBefore = registry.get("spinestream.ingest.ledger.claims").summary().totalAmount();
                lookupsBefore = lookups();
                uploads.forEach(u -> sent.add(send(u)));
                await().atMost(WAIT).until(() -> registry.get("spinestream.ingest.ledger.claims.waiting").gauge().value()
                        >= uploads.size());
            } finally {
                sql.execute("SELECT pg_advisory_unlock(" + GATE_LOCK + ")");
            }
            assertThat(gated.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> response : sent) {
                responses.add(response.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            return new Group(responses, (long) (statements() - statementsBefore),
                    (long) (registry.get("spinestream.ingest.ledger.claims").summary().totalAmount() - claimedBefore),
                    (long) (lookups() - lookupsBefore));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("uploads did not complete", e);
        }
    }

    private CompletableFuture<HttpResponse<String>> send(Upload upload) {
        HttpRequest request = HttpRequest.newBuilder(telemetryUri)
                .header("Authorization", "Bearer " + credential(upload.beltId()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Batches.json(upload.beltId(), upload.seq())))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Seqs published per belt since the last call, gate excluded. */
    private Map<String, List<Long>> publishedSeqs() {
        return telemetry.drain().stream()
                .filter(r -> !GATE_BELT.equals(r.key()))
                .collect(Collectors.groupingBy(ConsumerRecord::key,
                        Collectors.mapping(r -> r.value().getBatch().getSeq(), Collectors.toList())));
    }

    private String credential(String beltId) {
        return credentials.computeIfAbsent(beltId, id -> provision(CLINIC, id));
    }

    private double statements() {
        return registry.get("spinestream.ingest.ledger.claims").summary().count();
    }

    private double lookups() {
        return registry.get("spinestream.ingest.ledger.lookups").counter().count();
    }
}
