package io.spinestream.ingest.erasure;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventDeserializer;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.erasure.ErasureEvents;
import io.spinestream.events.payload.ErasureCompleted;
import io.spinestream.events.payload.ErasureRequested;
import io.spinestream.events.telemetry.IngestedBatchDeserializer;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.topic.Topics;
import io.spinestream.ingest.fleet.SilentBeltCheck;
import io.spinestream.ingest.status.BeltStatusFlusher;
import io.spinestream.ingest.support.Batches;
import io.spinestream.ingest.support.CommandTopic;
import io.spinestream.ingest.support.Db;
import io.spinestream.ingest.support.EventProducer;
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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.spinestream.ingest.support.FleetApi.admin;
import static io.spinestream.ingest.support.FleetApi.as;
import static io.spinestream.ingest.support.FleetApi.asBelt;
import static io.spinestream.ingest.support.FleetApi.assign;
import static io.spinestream.ingest.support.FleetApi.provision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Right to erasure, sensor-ingest's part, on real PostgreSQL and Kafka: a request on the erasure-requests
 * topic (as the journal publishes it) removes everything the service holds of the wearer, and the receipt
 * with the counts appears on the erasure-receipts topic.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErasureTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    BeltStatusFlusher flusher;

    @Inject
    SilentBeltCheck silentCheck;

    Db db;
    EventProducer producer;
    CommandTopic commands;
    TopicProbe<Event<?>> receiptsTopic;
    TopicProbe<IngestedBatch> telemetryTopic;
    /** Receipts drained from the topic so far, by erasure id. */
    final Map<String, List<Event<?>>> receipts = new LinkedHashMap<>();

    @BeforeAll
    void connect() {
        producer = new EventProducer(bootstrapServers);
        commands = new CommandTopic(bootstrapServers);
        receiptsTopic = new TopicProbe<>(bootstrapServers, Topics.ERASURE_RECEIPTS.name(), new EventDeserializer());
        telemetryTopic = new TopicProbe<>(bootstrapServers, Topics.TELEMETRY.name(), new IngestedBatchDeserializer());
    }

    @AfterAll
    void disconnect() {
        producer.close();
        commands.close();
        receiptsTopic.close();
        telemetryTopic.close();
    }

    @BeforeEach
    void setUp() {
        db = new Db(dataSource);
    }

    // --- the wearer's data, made the way the service makes it -------------------------------------

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String beltId() {
        return unique("ER-").toUpperCase(Locale.ROOT);
    }

    /** The belt's assignment periods as the API answers them, newest first. */
    private static List<Map<String, Object>> history(String clinic, String belt) {
        return as(Roles.CLINICIAN, clinic).when().get("/v1/belts/" + belt + "/assignments")
                .then().statusCode(200).extract().jsonPath().getList("assignments");
    }

    /** An instant inside the belt's current (newest) period: its start, rounded up to the millisecond a batch carries. */
    private static Instant withinCurrentPeriod(String clinic, String belt) {
        Instant from = Instant.parse((String) history(clinic, belt).get(0).get("from"));
        return from.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
    }

    private static JsonPath upload(String credential, String belt, long seq, Instant startedAt, String battery) {
        return asBelt(credential).contentType("application/json")
                .body(Batches.json(belt, seq, Map.of("startedAt", "\"" + startedAt + "\"", "battery", battery)))
                .when().post("/v1/telemetry").then().statusCode(200).extract().jsonPath();
    }

    private void publishCommand(String commandId, String belt, String clinic) {
        commands.publishLive(commandId, belt, clinic);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM pending_command WHERE command_id = ?", commandId) == 1);
    }

    /** Until the wall clock is past the start of the belt's current period, so that a later period starts after it. */
    private static void afterCurrentPeriodStarted(String clinic, String belt) {
        Instant inside = withinCurrentPeriod(clinic, belt);
        await().atMost(WAIT).until(() -> Instant.now().isAfter(inside.plusMillis(1)));
    }

    private long count(String sql, Object... params) {
        return ((Number) db.value(sql, params)).longValue();
    }

    // --- the erasure topics -----------------------------------------------------------------------

    private static ErasureRequested request(String clinic, String wearer) {
        return new ErasureRequested(unique("er-"), clinic, wearer, Instant.parse("2026-12-01T09:30:00Z"));
    }

    /** Publishes the request as the journal does: keyed by the wearer. */
    private void publish(ErasureRequested request) {
        producer.send(Topics.ERASURE_REQUESTS.name(), request.wearerId(), ErasureEvents.requested(request));
    }

    /** Every receipt of the erasure read so far, once at least {@code n} arrived. */
    private List<Event<?>> awaitReceipts(String erasureId, int n) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            receiptsTopic.drain().forEach(record -> receipts.computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(record.value()));
            return receipts.getOrDefault(erasureId, List.of()).size() >= n;
        });
        return receipts.get(erasureId);
    }

    private ErasureCompleted erase(ErasureRequested request) {
        publish(request);
        return awaitReceipts(request.erasureId(), 1).get(0).dataAs(ErasureCompleted.class);
    }

    /** Every place in the database where the text appears: table.column of any text column of any row. */
    private List<String> occurrences(String text) {
        List<String> found = new ArrayList<>();
        for (Map<String, Object> column : db.rows("SELECT table_name, column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'jsonb', 'json')"
                + " AND table_name <> 'flyway_schema_history'")) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            long n = count("SELECT count(*) FROM " + table + " WHERE CAST(" + name + " AS text) LIKE ?", "%" + text + "%");
            if (n > 0) {
                found.add(table + "." + name);
            }
        }
        return found;
    }

    /** Rows of the clinic in each table, to tell that nothing else was touched. */
    private Map<String, Long> clinicRows(String clinic) {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("belt", count("SELECT count(*) FROM belt WHERE clinic_id = ?", clinic));
        rows.put("belt_assigned", count("SELECT count(*) FROM belt WHERE clinic_id = ? AND wearer_id IS NOT NULL", clinic));
        rows.put("belt_assignment", count("SELECT count(*) FROM belt_assignment a JOIN belt b ON b.id = a.belt_id"
                + " WHERE b.clinic_id = ?", clinic));
        rows.put("pending_command", count("SELECT count(*) FROM pending_command WHERE clinic_id = ?", clinic));
        rows.put("fleet_alert", count("SELECT count(*) FROM fleet_alert WHERE clinic_id = ?", clinic));
        rows.put("ingested_batch", count("SELECT count(*) FROM ingested_batch WHERE clinic_id = ?", clinic));
        rows.put("ingested_batch_attributed", count("SELECT count(*) FROM ingested_batch WHERE clinic_id = ?"
                + " AND wearer_id IS NOT NULL", clinic));
        return rows;
    }

    // --- the scenarios ----------------------------------------------------------------------------

    /** A clinic where the wearer wore two belts (one still), next to another wearer. */
    private record Fleet(String clinic, String wearer, String other, String movedBelt, String wornBelt,
                         String othersBelt, String wornCredential, Instant wornTime, Instant wornReceivedAt) {
    }

    private Fleet fleetWithTheWearer() {
        String clinic = unique("clinic-erasure-");
        String wearer = unique("w-");
        String other = unique("w-");
        String moved = beltId();
        String worn = beltId();
        String others = beltId();

        // A belt the wearer wore, then another wearer: a batch, a command, in each period.
        String movedCredential = provision(clinic, moved, wearer);
        upload(movedCredential, moved, 1, withinCurrentPeriod(clinic, moved), "0.80");
        publishCommand(unique("cmd-"), moved, clinic);
        afterCurrentPeriodStarted(clinic, moved);
        assign(clinic, moved, other);
        upload(movedCredential, moved, 2, withinCurrentPeriod(clinic, moved), "0.80");
        publishCommand(unique("cmd-others-"), moved, clinic);

        // A belt the wearer wears now, its battery low: a fleet alert names them.
        String wornCredential = provision(clinic, worn, wearer);
        Instant wornTime = withinCurrentPeriod(clinic, worn);
        Instant wornReceivedAt = Instant.parse(upload(wornCredential, worn, 1, wornTime, "0.10").getString("receivedAt"));
        publishCommand(unique("cmd-"), worn, clinic);

        // The other wearer's belt, its battery low too.
        String othersCredential = provision(clinic, others, other);
        upload(othersCredential, others, 1, withinCurrentPeriod(clinic, others), "0.10");
        flusher.flush().await().atMost(WAIT);

        assertThat(count("SELECT count(*) FROM fleet_alert WHERE belt_id IN (?, ?)", worn, others)).isEqualTo(2);
        assertThat(db.value("SELECT wearer_id FROM ingested_batch WHERE belt_id = ? AND seq = 1", moved)).isEqualTo(wearer);
        return new Fleet(clinic, wearer, other, moved, worn, others, wornCredential, wornTime, wornReceivedAt);
    }

    @Test
    void givenAWearerWithBeltsHistoryCommandsAlertsAndTelemetry_whenErased_thenNothingOfThemIsLeftAndTheReceiptCountsIt() {
        Fleet fleet = fleetWithTheWearer();
        String clinic = fleet.clinic();
        Map<String, Object> othersPeriod = history(clinic, fleet.movedBelt()).get(0);
        String othersCommand = (String) db.value("SELECT command_id FROM pending_command WHERE belt_id = ?"
                + " AND command_id LIKE 'cmd-others-%'", fleet.movedBelt());
        ErasureRequested request = request(clinic, fleet.wearer());

        publish(request);
        Event<?> receipt = awaitReceipts(request.erasureId(), 1).get(0);

        assertThat(receipt.type()).isEqualTo(EventType.ERASURE_COMPLETED);
        assertThat(receipt.id()).isEqualTo(ErasureEvents.completedId(request.erasureId(), Topics.SENSOR_INGEST));
        assertThat(receipt.source()).isEqualTo(EventSources.of(Topics.SENSOR_INGEST));
        assertThat(receipt.subject()).isEqualTo(request.erasureId());
        assertThat(receipt.clinicId()).isEqualTo(clinic);
        ErasureCompleted completed = receipt.dataAs(ErasureCompleted.class);
        assertThat(completed.service()).isEqualTo(Topics.SENSOR_INGEST);
        assertThat(completed.erasureId()).isEqualTo(request.erasureId());
        assertThat(completed.removed()).isEqualTo(Map.of(
                "assignments", 2L, "belt_commands", 2L, "fleet_alerts", 1L, "telemetry_attributions", 2L));

        // The API shows nothing of the wearer: the belt they wore stays in the fleet, unassigned.
        admin(clinic).when().get("/v1/belts/" + fleet.wornBelt()).then().statusCode(200)
                .body("state", equalTo("active")).body("wearerId", nullValue());
        assertThat(history(clinic, fleet.wornBelt())).isEmpty();
        assertThat(history(clinic, fleet.movedBelt())).containsExactly(othersPeriod);
        assertThat(admin(clinic).when().get("/v1/belts?unassigned=true").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class)).contains(fleet.wornBelt());
        for (String path : List.of("/v1/belts", "/v1/belts?unassigned=false", "/v1/belts/" + fleet.wornBelt(),
                "/v1/belts/" + fleet.movedBelt(), "/v1/belts/" + fleet.wornBelt() + "/assignments",
                "/v1/belts/" + fleet.movedBelt() + "/assignments")) {
            assertThat(admin(clinic).when().get(path).then().statusCode(200).extract().asString())
                    .as(path).doesNotContain(fleet.wearer());
        }
        // Nor does any table, but the erasure's own record (ids, counts and a time).
        assertThat(occurrences(fleet.wearer())).containsExactly("wearer_erasure.wearer_id");
        assertThat(db.rows("SELECT erasure_id, clinic_id FROM wearer_erasure WHERE wearer_id = ?", fleet.wearer()))
                .containsExactly(Map.of("erasure_id", request.erasureId(), "clinic_id", clinic));

        // The other wearer keeps everything: period, command, alert, attributed telemetry.
        assertThat(count("SELECT count(*) FROM pending_command WHERE clinic_id = ?", clinic)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pending_command WHERE command_id = ?", othersCommand)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM fleet_alert WHERE belt_id = ?", fleet.othersBelt())).isEqualTo(1);
        assertThat(db.value("SELECT wearer_id FROM ingested_batch WHERE belt_id = ? AND seq = 2", fleet.movedBelt()))
                .isEqualTo(fleet.other());
        admin(clinic).when().get("/v1/belts/" + fleet.othersBelt()).then().statusCode(200)
                .body("wearerId", equalTo(fleet.other()));
    }

    @Test
    void givenErasedWearer_whenTheirBatchIsSentAgainOrTheirBeltSendsMore_thenNothingIsPublishedAgainAndNewDataGoesToNobody() {
        Fleet fleet = fleetWithTheWearer();
        erase(request(fleet.clinic(), fleet.wearer()));
        telemetryTopic.drain();

        // The key stays, unlinked: a re-sent batch of the wearer's time is acknowledged, not published again.
        JsonPath again = upload(fleet.wornCredential(), fleet.wornBelt(), 1, fleet.wornTime(), "0.10");
        assertThat(Instant.parse(again.getString("receivedAt"))).isEqualTo(fleet.wornReceivedAt());
        assertThat(telemetryTopic.drain(fleet.wornBelt())).isEmpty();
        // A batch of the wearer's time that was never sent before, and a new one: nobody's.
        upload(fleet.wornCredential(), fleet.wornBelt(), 2, fleet.wornTime().plusMillis(1), "0.80");
        upload(fleet.wornCredential(), fleet.wornBelt(), 3, Instant.now(), "0.80");
        assertThat(telemetryTopic.drain(fleet.wornBelt())).extracting(IngestedBatch::getWearerId)
                .containsExactly("", "");
        assertThat(occurrences(fleet.wearer())).containsExactly("wearer_erasure.wearer_id");
    }

    @Test
    void givenErasedWearer_whenTheSameRequestIsReadAgain_thenTheSameReceiptIsSentAndNothingElseIsDeleted() {
        Fleet fleet = fleetWithTheWearer();
        ErasureRequested request = request(fleet.clinic(), fleet.wearer());
        publish(request);
        Event<?> first = awaitReceipts(request.erasureId(), 1).get(0);
        Map<String, Long> after = clinicRows(fleet.clinic());
        // The other wearer takes the erased wearer's belt meanwhile: not the erased wearer's, not deleted.
        assign(fleet.clinic(), fleet.wornBelt(), fleet.other());
        Map<String, Long> reassigned = clinicRows(fleet.clinic());
        assertThat(reassigned.get("belt_assignment")).isEqualTo(after.get("belt_assignment") + 1);

        publish(request);
        List<Event<?>> both = awaitReceipts(request.erasureId(), 2);

        Event<?> second = both.get(1);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.time()).isEqualTo(first.time());
        assertThat(second.dataAs(ErasureCompleted.class)).isEqualTo(first.dataAs(ErasureCompleted.class));
        assertThat(clinicRows(fleet.clinic())).isEqualTo(reassigned);
        assertThat(count("SELECT count(*) FROM wearer_erasure WHERE wearer_id = ?", fleet.wearer())).isEqualTo(1);
    }

    @Test
    void givenErasedWearer_whenABeltIsAssignedOrProvisionedForThem_then409NamingTheFieldAndNothingChanges() {
        Fleet fleet = fleetWithTheWearer();
        String clinic = fleet.clinic();
        String wearer = fleet.wearer();
        erase(request(clinic, wearer));

        admin(clinic).contentType(ContentType.JSON).body(Map.of("wearerId", wearer))
                .when().put("/v1/belts/" + fleet.wornBelt() + "/wearer")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("wearer " + wearer + " was erased at the clinic's request;"
                        + " no belt can be assigned to them"))
                .body("violations[0].field", equalTo("wearerId"))
                .body("violations[0].rule", equalTo("erased"));
        String single = beltId();
        admin(clinic).contentType(ContentType.JSON).body(Map.of("id", single, "model", "SB2", "wearerId", wearer))
                .when().post("/v1/belts")
                .then().statusCode(409).contentType("application/problem+json")
                .body("violations[0].field", equalTo("wearerId"))
                .body("violations[0].rule", equalTo("erased"));
        String first = beltId();
        String second = beltId();
        admin(clinic).contentType(ContentType.JSON)
                .body(Map.of("belts", List.of(Map.of("id", first, "wearerId", fleet.other()), Map.of("id", second, "wearerId", wearer))))
                .when().post("/v1/belts:bulk")
                .then().statusCode(409).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("belts[1].wearerId")))
                .body("violations.rule", equalTo(List.of("erased")));

        for (String belt : List.of(single, first, second)) {
            admin(clinic).when().get("/v1/belts/" + belt).then().statusCode(404);
        }
        admin(clinic).when().get("/v1/belts/" + fleet.wornBelt()).then().statusCode(200).body("wearerId", nullValue());
        assertThat(history(clinic, fleet.wornBelt())).isEmpty();
        assertThat(occurrences(wearer)).containsExactly("wearer_erasure.wearer_id");
        // Other wearers are assigned as ever.
        assign(clinic, fleet.wornBelt(), fleet.other());
    }

    @Test
    void givenWearerErasedInOneClinic_whenAnotherClinicAssignsTheSameId_thenItIsAssignedAndNothingTellsOfTheErasure() {
        Fleet fleet = fleetWithTheWearer();
        erase(request(fleet.clinic(), fleet.wearer()));
        String otherClinic = unique("clinic-erasure-");
        String belt = beltId();
        provision(otherClinic, belt);

        assign(otherClinic, belt, fleet.wearer());

        assertThat(history(otherClinic, belt)).extracting(period -> period.get("wearerId")).containsExactly(fleet.wearer());
    }

    @Test
    void givenRequestsOfAnotherClinicOrWithAMismatchedClinic_whenRead_thenTheWearersDataInThisClinicIsUntouched() {
        Fleet fleet = fleetWithTheWearer();
        Map<String, Long> before = clinicRows(fleet.clinic());
        double mismatchesBefore = metric("tenant_mismatch");
        String otherClinic = unique("clinic-erasure-");
        // The envelope says this clinic, the payload another: never acted upon.
        ErasureRequested mismatched = new ErasureRequested(unique("er-"), otherClinic, fleet.wearer(), Instant.now());
        Event<ErasureRequested> forged = Event.of(EventType.ERASURE_REQUESTED, ErasureEvents.requestedId(mismatched.erasureId()),
                EventSources.JOURNAL, fleet.wearer(), fleet.clinic(), mismatched.requestedAt(), mismatched);
        producer.send(Topics.ERASURE_REQUESTS.name(), fleet.wearer(), forged);
        // The same wearer id in another clinic, after it on the same partition (same key).
        ErasureRequested elsewhere = request(otherClinic, fleet.wearer());

        ErasureCompleted completed = erase(elsewhere);

        assertThat(completed.removed()).isEqualTo(Map.of(
                "assignments", 0L, "belt_commands", 0L, "fleet_alerts", 0L, "telemetry_attributions", 0L));
        assertThat(receipts).doesNotContainKey(mismatched.erasureId());
        assertThat(clinicRows(fleet.clinic())).isEqualTo(before);
        admin(fleet.clinic()).when().get("/v1/belts/" + fleet.wornBelt()).then().statusCode(200)
                .body("wearerId", equalTo(fleet.wearer()));
        assertThat(metric("tenant_mismatch")).isEqualTo(mismatchesBefore + 1);
    }

    @Test
    void givenABatchOfTheWearerBeingStoredAtThatMoment_whenErased_thenTheErasureWaitsForItAndUnlinksIt() throws Exception {
        String clinic = unique("clinic-erasure-");
        String wearer = unique("w-");
        String belt = beltId();
        provision(clinic, belt, wearer);
        ErasureRequested request = request(clinic, wearer);

        // As the telemetry claim does: the wearer's lock (shared), then the key, in one open transaction.
        try (Connection claim = dataSource.getConnection()) {
            claim.setAutoCommit(false);
            execute(claim, "SELECT wearer_recordable(?, ?)", clinic, wearer);
            execute(claim, "INSERT INTO ingested_batch (belt_id, seq, clinic_id, wearer_id, received_at, state,"
                    + " claim_token, claimed_at) VALUES (?, 7, ?, ?, now(), 'pending', gen_random_uuid(), now())",
                    belt, clinic, wearer);
            publish(request);
            awaitSomeoneWaitingForAWearerLock();
            claim.commit();
        }

        ErasureCompleted completed = awaitReceipts(request.erasureId(), 1).get(0).dataAs(ErasureCompleted.class);
        assertThat(completed.removed()).containsEntry("telemetry_attributions", 1L).containsEntry("assignments", 1L);
        assertThat(count("SELECT count(*) FROM ingested_batch WHERE belt_id = ? AND seq = 7 AND wearer_id IS NULL", belt))
                .isEqualTo(1);
    }

    @Test
    void givenAnErasureOfTheWearerInProgress_whenAssignedTheirBeltUploadsOrFallsSilentMeanwhile_thenAllWaitAndNoneRecordsThem() throws Exception {
        String clinic = unique("clinic-erasure-");
        String wearer = unique("w-");
        String worn = beltId();
        String silent = beltId();
        String spare = beltId();
        String credential = provision(clinic, worn, wearer);
        provision(clinic, silent, wearer);
        provision(clinic, spare);
        Instant wearersTime = withinCurrentPeriod(clinic, worn);
        db.update("UPDATE belt SET last_seen_at = now() - interval '20 minutes', last_seq = 3 WHERE id = ?", silent);
        telemetryTopic.drain();

        CompletableFuture<Integer> assigning;
        CompletableFuture<JsonPath> uploading;
        CompletableFuture<Integer> checking;
        // As an erasure does: the wearer's lock (exclusive) and its record, in one open transaction.
        try (Connection erasure = dataSource.getConnection()) {
            erasure.setAutoCommit(false);
            execute(erasure, "SELECT pg_advisory_xact_lock(wearer_lock_key(?, ?))", clinic, wearer);
            execute(erasure, "INSERT INTO wearer_erasure (erasure_id, clinic_id, wearer_id, removed, completed_at)"
                    + " VALUES (?, ?, ?, '{}', now())", unique("er-"), clinic, wearer);
            assigning = CompletableFuture.supplyAsync(() -> admin(clinic).contentType(ContentType.JSON)
                    .body(Map.of("wearerId", wearer)).when().put("/v1/belts/" + spare + "/wearer").then()
                    .extract().statusCode());
            uploading = CompletableFuture.supplyAsync(() -> upload(credential, worn, 1, wearersTime, "0.80"));
            checking = silentCheck.run().subscribeAsCompletionStage();
            await().atMost(WAIT).until(() -> waitingForAWearerLock() == 3);
            assertThat(assigning).isNotDone();
            assertThat(uploading).isNotDone();
            assertThat(checking).isNotDone();
            erasure.commit();
        }

        assertThat(assigning.get()).isEqualTo(409);
        uploading.get();
        checking.get();
        assertThat(history(clinic, spare)).isEmpty();
        // The silence of a belt still naming the wearer raised no alert (the eraser would have unassigned it).
        assertThat(count("SELECT count(*) FROM fleet_alert WHERE belt_id = ?", silent)).isZero();
        // The belt's period was not deleted here (that is the eraser's part): the batch still goes to nobody.
        assertThat(telemetryTopic.drain(worn)).extracting(IngestedBatch::getWearerId).containsExactly("");
        assertThat(db.value("SELECT wearer_id FROM ingested_batch WHERE belt_id = ? AND seq = 1", worn)).isNull();
    }

    @Test
    void givenTheSchema_whenLookingForTablesThatHoldAWearer_thenTheEraserCoversEveryOneAndEveryOtherTableIsKnownToHoldNone() {
        Set<String> naming = new HashSet<>();
        db.rows("SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND column_name LIKE '%wearer%'").forEach(row -> naming.add((String) row.get("table_name")));
        Set<String> tables = new HashSet<>();
        db.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                + " AND table_type = 'BASE TABLE'").forEach(row -> tables.add((String) row.get("table_name")));
        // The erasure's own record: ids, counts and a time, kept on purpose.
        naming.remove("wearer_erasure");
        tables.remove("wearer_erasure");
        // Tables that hold nothing of a wearer: credential hashes of the clinic's belts; the migrations.
        Set<String> holdingNone = Set.of("belt_credential", "flyway_schema_history");

        assertThat(naming).isNotEmpty();
        assertThat(WearerDataEraser.TABLES).containsAll(naming);
        // A new table must be decided on: erased, or known to hold nothing of a wearer.
        Set<String> undecided = new HashSet<>(tables);
        undecided.removeAll(WearerDataEraser.TABLES);
        undecided.removeAll(holdingNone);
        assertThat(undecided).isEmpty();
    }

    // --- helpers of the concurrency tests ---------------------------------------------------------

    private static void execute(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
        }
    }

    /** Sessions waiting for an advisory lock (the wearers' locks are the only ones the service takes). */
    private long waitingForAWearerLock() {
        return count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
    }

    private void awaitSomeoneWaitingForAWearerLock() {
        await().atMost(WAIT).until(() -> waitingForAWearerLock() > 0);
    }

    private static double metric(String outcome) {
        String metrics = RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^spinestream_ingest_erasure_requests_total\\{[^}]*outcome=\"" + outcome
                + "\"[^}]*} (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

}
