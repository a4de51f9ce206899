package io.spinestream.journal.erasure;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.erasure.ErasureEvents;
import io.spinestream.events.payload.ErasureCompleted;
import io.spinestream.events.payload.ErasureRequested;
import io.spinestream.events.payload.SessionSummary;
import io.spinestream.events.topic.Topics;
import io.spinestream.journal.support.EventPublisher;
import io.spinestream.journal.support.Ids;
import io.spinestream.journal.support.SummaryPublisher;
import io.spinestream.journal.support.TopicReader;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.TestTokens;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static io.spinestream.journal.support.JournalApi.clinician;
import static io.spinestream.journal.support.JournalApi.createWearer;
import static io.spinestream.journal.support.JournalApi.get;
import static io.spinestream.journal.support.JournalApi.painEntry;
import static io.spinestream.journal.support.JournalApi.post;
import static io.spinestream.journal.support.JournalApi.postPain;
import static io.spinestream.journal.support.JournalApi.put;
import static io.spinestream.journal.support.JournalApi.wearerToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * Right to erasure, journal side, on real PostgreSQL and Kafka: a clinic admin erases a wearer; the journal's
 * data is gone from every API at once, the request and the profile tombstone are on their topics, and the
 * receipt stays pending until every other participant answered on the receipts topic.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class ErasureTest {

    @Inject
    AgroalDataSource dataSource;

    private static String clinicAdmin(String clinic) {
        return TestTokens.bearer(Roles.CLINIC_ADMIN, clinic);
    }

    private static io.restassured.response.ValidatableResponse erase(String token, String wearer) {
        return given().header("Authorization", token).when().delete("/v1/wearers/" + wearer).then();
    }

    /** A wearer with something in every part of the journal; answers the ids of one pain and one exercise entry. */
    private record Seeded(String wearer, String painEntryId, String beltSessionId, int redFlags) {
    }

    private Seeded seed(String clinic) {
        String wearer = createWearer(clinic, Map.of("timeZone", "UTC", "externalRef", Ids.unique("MRN"),
                "conditions", List.of("disc_herniation"), "limits", Map.of("flexionDeg", 18)));
        put(clinician(clinic), "/v1/wearers/" + wearer + "/profile", Map.of("conditions", List.of("spinal_stenosis"),
                "limits", Map.of("extensionDeg", 8), "reason", "MRI")).statusCode(200);
        put(clinician(clinic), "/v1/wearers/" + wearer + "/consent", Map.of("ehrExport", true)).statusCode(200);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String painEntryId = postPain(clinician(clinic), wearer, painEntry(now.minus(3, ChronoUnit.HOURS), Map.of(
                "symptoms", List.of("saddle_numbness"),
                "treatments", List.of(Map.of("kind", "medication", "name", "ibuprofen", "dose", "400 mg"),
                        Map.of("kind", "treatment", "name", "heat pack")))))
                .statusCode(201).extract().path("id");
        int redFlags = get(clinician(clinic), "/v1/wearers/" + wearer + "/pain-entries/" + painEntryId)
                .extract().jsonPath().getList("redFlags").size();
        postPain(clinician(clinic), wearer, painEntry(now.minus(2, ChronoUnit.HOURS), Map.of())).statusCode(201);
        post(clinician(clinic), "/v1/wearers/" + wearer + "/exercise-entries", Map.of("exercise", "walking",
                "startedAt", now.minus(6, ChronoUnit.HOURS).toString(), "durationMinutes", 30)).statusCode(201);
        var summary = SummaryPublisher.summary(clinic, wearer, belt(wearer), 10, "deadlift",
                now.minus(5, ChronoUnit.HOURS), Duration.ofMinutes(10), 4, 30, 75, Map.of("ROUNDED_BACK", 1));
        try (SummaryPublisher publisher = new SummaryPublisher()) {
            publisher.publish(summary);
        }
        String sessionId = summary.dataAs(SessionSummary.class).sessionId();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(clinician(clinic),
                "/v1/wearers/" + wearer + "/exercise-entries?source=belt").statusCode(200)
                .extract().jsonPath().getList("items.id", String.class)).contains(sessionId));
        return new Seeded(wearer, painEntryId, sessionId, redFlags);
    }

    private static String belt(String wearer) {
        return "SB-" + Integer.toHexString(wearer.hashCode()).toUpperCase(java.util.Locale.ROOT);
    }

    private long rows(String sql, String param) throws Exception {
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(sql)) {
            query.setString(1, param);
            try (var result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** Until the consumer group committed past {@code record}: the service handled it. */
    private static void awaitConsumed(String group, ConsumerRecord<String, ?> record) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS).get(partition);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }

    private static double metric(String name, String outcome) {
        String metrics = RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^" + name + "\\{[^}]*outcome=\"" + outcome + "\"[^}]*} (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static Event<ErasureCompleted> receipt(String clinic, String erasureId, String service,
                                                   Map<String, Long> removed, Instant at) {
        return ErasureEvents.completed(new ErasureCompleted(erasureId, clinic, service, removed, at));
    }

    @Test
    void givenWearerWithAJournal_whenClinicAdminErases_then202AndTheJournalAnswersAsIfTheWearerNeverExisted() throws Exception {
        String clinic = Ids.unique("clinic-erasure");
        Seeded seeded = seed(clinic);
        String wearer = seeded.wearer();
        String externalRef = get(clinician(clinic), "/v1/wearers/" + wearer).extract().path("externalRef");
        int alerts = get(clinician(clinic), "/v1/wearers/" + wearer + "/alerts").extract().jsonPath().getList("$").size();
        long outboxEvents = rows("SELECT count(*) FROM outbox_event WHERE record_key = ?", wearer);
        assertThat(seeded.redFlags()).isPositive();
        assertThat(alerts).isPositive();

        var response = erase(clinicAdmin(clinic), wearer).statusCode(202)
                .body("wearerId", equalTo(wearer))
                .body("status", equalTo("pending"))
                .body("completedAt", nullValue())
                .extract();
        JsonPath erasure = response.jsonPath();
        assertThat(response.header("Location")).endsWith("/v1/erasures/" + erasure.getString("id"));
        String erasureId = erasure.getString("id");
        assertThat(erasureId).matches(ErasureIds.PATTERN);
        assertThat(erasure.getMap("services").keySet()).containsExactlyInAnyOrderElementsOf(Topics.erasureParticipants());
        assertThat(erasure.getString("services.journal.status")).isEqualTo("completed");
        assertThat(erasure.getMap("services.journal.removed", String.class, Integer.class)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "wearers", 1, "profile_versions", 2, "pain_entries", 2, "treatments", 2, "red_flags", seeded.redFlags(),
                "alerts", alerts, "exercise_entries", 2, "outbox_events", (int) outboxEvents));
        for (String other : List.of(Topics.SENSOR_INGEST, Topics.FORM_ANALYSIS, Topics.NOTIFICATION)) {
            assertThat(erasure.getString("services.'" + other + "'.status")).as(other).isEqualTo("pending");
        }

        // Every API of the journal answers as for a wearer that never existed.
        String w = "/v1/wearers/" + wearer;
        for (String path : List.of(w, w + "/profile/history", w + "/pain-entries", w + "/pain-entries/" + seeded.painEntryId(),
                w + "/exercise-entries", w + "/exercise-entries/" + seeded.beltSessionId(), w + "/alerts", w + "/insights",
                w + "/report", w + "/fhir")) {
            get(clinician(clinic), path).statusCode(404).contentType("application/problem+json")
                    .body("detail", equalTo("wearer " + wearer + " not found"));
        }
        get(clinicAdmin(clinic), w).statusCode(404);
        get(wearerToken(clinic, wearer), w).statusCode(404);
        post(wearerToken(clinic, wearer), w + "/pain-entries", painEntry(Instant.now().minusSeconds(60), Map.of()))
                .statusCode(404);
        get(clinician(clinic), "/v1/wearers?externalRef=" + externalRef).statusCode(200).body("items", empty());
        get(clinician(clinic), "/v1/wearers").statusCode(200).body("items.id", not(org.hamcrest.Matchers.hasItem(wearer)));
        // Nothing of the wearer is left in any table: the erasure itself and the erasure's own events (ids
        // only, and the profile tombstone) are all that names the wearer.
        for (String table : WearerDataEraser.TABLES) {
            String column = switch (table) {
                case "wearer" -> "id";
                case "outbox_event" -> "record_key";
                default -> "wearer_id";
            };
            String condition = table.equals("outbox_event")
                    ? " AND payload IS NOT NULL AND event_type <> '" + EventType.ERASURE_REQUESTED.type() + "'" : "";
            assertThat(rows("SELECT count(*) FROM " + table + " WHERE " + column + " = ?" + condition, wearer))
                    .as(table).isZero();
        }
    }

    @Test
    void givenErasure_whenReadFromTheTopics_thenTheRequestTheProfileTombstoneAndTheJournalsReceiptArePublished() {
        String clinic = Ids.unique("clinic-erasure");
        String wearer = createWearer(clinic, Map.of("conditions", List.of("muscle_strain")));
        String erasureId = erase(clinicAdmin(clinic), wearer).statusCode(202).extract().path("id");

        try (TopicReader requests = new TopicReader(Topics.ERASURE_REQUESTS.name())) {
            var request = requests.awaitFor(wearer, found -> !found.isEmpty()).get(0).value();
            assertThat(request.type()).isEqualTo(EventType.ERASURE_REQUESTED);
            assertThat(request.id()).isEqualTo(ErasureEvents.requestedId(erasureId));
            assertThat(request.subject()).isEqualTo(wearer);
            assertThat(request.clinicId()).isEqualTo(clinic);
            assertThat(request.dataAs(ErasureRequested.class)).satisfies(data -> {
                assertThat(data.erasureId()).isEqualTo(erasureId);
                assertThat(data.wearerId()).isEqualTo(wearer);
                assertThat(data.clinicId()).isEqualTo(clinic);
            });
        }
        try (TopicReader profiles = new TopicReader(Topics.WEARER_PROFILES.name())) {
            List<ConsumerRecord<String, Event<?>>> records = profiles.awaitFor(wearer,
                    found -> found.stream().anyMatch(r -> r.value() == null));
            // The profile first, then its tombstone: compaction leaves nothing of the wearer.
            assertThat(records.get(0).value().type()).isEqualTo(EventType.WEARER_PROFILE);
            assertThat(records.get(records.size() - 1).value()).isNull();
        }
        try (TopicReader receipts = new TopicReader(Topics.ERASURE_RECEIPTS.name())) {
            var receipt = receipts.awaitFor(erasureId, found -> !found.isEmpty()).get(0).value();
            assertThat(receipt.id()).isEqualTo(ErasureEvents.completedId(erasureId, Topics.JOURNAL));
            assertThat(receipt.dataAs(ErasureCompleted.class).service()).isEqualTo(Topics.JOURNAL);
            assertThat(receipt.dataAs(ErasureCompleted.class).removed()).containsEntry("wearers", 1L)
                    .containsEntry("profile_versions", 1L);
        }
    }

    @Test
    void givenPendingErasure_whenTheOtherServicesReceiptsArrive_thenEachPartCompletesAndTheErasureWithTheLast() {
        String clinic = Ids.unique("clinic-erasure");
        String wearer = createWearer(clinic);
        JsonPath requested = erase(clinicAdmin(clinic), wearer).statusCode(202).extract().jsonPath();
        String erasureId = requested.getString("id");
        String receiptOf = "/v1/erasures/" + erasureId;
        Instant journalDone = Instant.parse(requested.getString("services.journal.completedAt"));
        Instant ingestDone = journalDone.plusSeconds(60);
        Instant analysisDone = journalDone.plusSeconds(300);
        Instant notificationDone = journalDone.plusSeconds(120).plusNanos(123_456_000);

        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publish(receipt(clinic, erasureId, Topics.SENSOR_INGEST, Map.of("assignments", 3L), ingestDone));
            publisher.publish(receipt(clinic, erasureId, Topics.FORM_ANALYSIS,
                    Map.of("sessions", 12L, "calibrations", 2L, "telemetry_batches", 840L), analysisDone));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(clinicAdmin(clinic), receiptOf).statusCode(200)
                    .body("services.'form-analysis'.status", equalTo("completed")));

            get(clinicAdmin(clinic), receiptOf).statusCode(200)
                    .body("status", equalTo("pending"))
                    .body("completedAt", nullValue())
                    .body("services.'sensor-ingest'.status", equalTo("completed"))
                    .body("services.'sensor-ingest'.removed.assignments", equalTo(3))
                    .body("services.'sensor-ingest'.completedAt", equalTo(ingestDone.toString()))
                    .body("services.'form-analysis'.removed.telemetry_batches", equalTo(840))
                    .body("services.notification.status", equalTo("pending"))
                    .body("services.notification.removed", nullValue());

            publisher.publish(receipt(clinic, erasureId, Topics.NOTIFICATION,
                    Map.of("alerts", 5L, "webhook_deliveries", 9L), notificationDone));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(clinicAdmin(clinic), receiptOf).statusCode(200)
                    .body("status", equalTo("completed")));
            get(clinicAdmin(clinic), receiptOf).statusCode(200)
                    .body("completedAt", equalTo(analysisDone.toString()))
                    .body("services.notification.removed.webhook_deliveries", equalTo(9))
                    .body("services.notification.completedAt", equalTo(notificationDone.toString()));

            // The same receipt again, even with other counts, changes nothing: the first one is kept.
            publisher.publish(receipt(clinic, erasureId, Topics.SENSOR_INGEST, Map.of("assignments", 0L),
                    ingestDone.plusSeconds(600)));
            // A marker in the same partition (the same key): once it is recorded, the duplicate before it was handled.
            String markerErasure = erase(clinicAdmin(clinic), createWearer(clinic)).statusCode(202).extract().path("id");
            publisher.publish(receipt(clinic, markerErasure, Topics.SENSOR_INGEST, Map.of(), ingestDone), erasureId);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(clinicAdmin(clinic), "/v1/erasures/" + markerErasure)
                    .body("services.'sensor-ingest'.status", equalTo("completed")));
        }
        get(clinicAdmin(clinic), receiptOf).statusCode(200)
                .body("services.'sensor-ingest'.removed.assignments", equalTo(3))
                .body("services.'sensor-ingest'.completedAt", equalTo(ingestDone.toString()));
    }

    @Test
    void givenErasedWearer_whenErasedAgain_then202WithTheSameErasureAndWhatWasRemovedTheFirstTime() {
        String clinic = Ids.unique("clinic-erasure");
        String wearer = createWearer(clinic);
        postPain(clinician(clinic), wearer, painEntry(Instant.now().minusSeconds(3600), Map.of())).statusCode(201);
        JsonPath first = erase(clinicAdmin(clinic), wearer).statusCode(202).extract().jsonPath();

        erase(clinicAdmin(clinic), wearer).statusCode(202)
                .header("Location", endsWith("/v1/erasures/" + first.getString("id")))
                .body("id", equalTo(first.getString("id")))
                .body("requestedAt", equalTo(first.getString("requestedAt")))
                .body("services.journal.removed.pain_entries", equalTo(1));

        // The journal reads its own request as every participant does, and answers what it recorded.
        try (TopicReader requests = new TopicReader(Topics.ERASURE_REQUESTS.name())) {
            awaitConsumed("journal-erasures", requests.awaitFor(wearer, found -> !found.isEmpty()).get(0));
        }
        get(clinicAdmin(clinic), "/v1/erasures/" + first.getString("id")).statusCode(200)
                .body("services.journal.removed", equalTo(first.getMap("services.journal.removed")))
                .body("services.journal.completedAt", equalTo(first.getString("services.journal.completedAt")));
    }

    @Test
    void givenRolesOtherThanClinicAdmin_whenErasing_then403AndTheWearerStays() {
        String clinic = Ids.unique("clinic-erasure");
        String wearer = createWearer(clinic);

        for (String role : List.of(Roles.CLINICIAN, Roles.ADMIN, Roles.INTEGRATOR)) {
            erase(TestTokens.bearer(role, clinic), wearer).statusCode(403).contentType("application/problem+json");
        }
        erase(wearerToken(clinic, wearer), wearer).statusCode(403);
        get(clinician(clinic), "/v1/wearers/" + wearer).statusCode(200);
    }

    @Test
    void givenWearerOfAnotherClinicOrNone_whenErasing_then404AsIfAbsentAndNothingIsErased() {
        String clinic = Ids.unique("clinic-erasure");
        String wearer = createWearer(clinic);

        erase(clinicAdmin(Ids.unique("clinic-other")), wearer).statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("wearer " + wearer + " not found"));
        erase(clinicAdmin(clinic), "w-" + "a".repeat(26)).statusCode(404)
                .body("detail", equalTo("wearer w-" + "a".repeat(26) + " not found"));
        get(clinician(clinic), "/v1/wearers/" + wearer).statusCode(200);
    }

    @Test
    void givenErasure_whenReadByAnotherClinicOrAnotherRole_then404Or403() {
        String clinic = Ids.unique("clinic-erasure");
        String erasureId = erase(clinicAdmin(clinic), createWearer(clinic)).statusCode(202).extract().path("id");

        get(clinicAdmin(clinic), "/v1/erasures/" + erasureId).statusCode(200).body("id", equalTo(erasureId));
        get(clinicAdmin(Ids.unique("clinic-other")), "/v1/erasures/" + erasureId).statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("erasure " + erasureId + " not found"));
        get(clinicAdmin(clinic), "/v1/erasures/" + ErasureIds.next()).statusCode(404);
        get(clinician(clinic), "/v1/erasures/" + erasureId).statusCode(403);
    }

    @Test
    void givenErasedWearer_whenASessionSummaryOfThemArrivesLate_thenItIsDroppedAndNothingOfThemIsStoredAgain() throws Exception {
        String clinic = Ids.unique("clinic-erasure");
        String erased = createWearer(clinic);
        String other = createWearer(clinic);
        erase(clinicAdmin(clinic), erased).statusCode(202);
        double droppedBefore = metric("journal_session_summaries_total", "erased_wearer");
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        // The belt was the erased wearer's, then another's: same belt, same partition, in this order.
        String belt = belt(erased);
        var late = SummaryPublisher.summary(clinic, erased, belt, 500, "squat", start, Duration.ofMinutes(5), 6, 40, 80, Map.of());
        var next = SummaryPublisher.summary(clinic, other, belt, 600, "squat", start.plusSeconds(900),
                Duration.ofMinutes(5), 6, 40, 80, Map.of());
        try (SummaryPublisher publisher = new SummaryPublisher()) {
            publisher.publish(late);
            publisher.publish(next);
        }
        String nextId = next.dataAs(SessionSummary.class).sessionId();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(clinician(clinic),
                "/v1/wearers/" + other + "/exercise-entries").statusCode(200)
                .extract().jsonPath().getList("items.id", String.class)).contains(nextId));

        assertThat(rows("SELECT count(*) FROM exercise_entry WHERE wearer_id = ?", erased)).isZero();
        assertThat(rows("SELECT count(*) FROM exercise_entry WHERE session_id = ?",
                late.dataAs(SessionSummary.class).sessionId())).isZero();
        assertThat(metric("journal_session_summaries_total", "erased_wearer")).isEqualTo(droppedBefore + 1);
        get(clinician(clinic), "/v1/wearers/" + erased).statusCode(404);
    }

    @Test
    void givenAnEventOfTheWearerBeingSentByAnotherInstance_whenErased_thenTheProfileTombstoneWaitsForItsLease() throws Exception {
        String clinic = Ids.unique("clinic-erasure");
        String wearer = createWearer(clinic);
        Instant leaseUntil = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
        try (var connection = dataSource.getConnection();
             var insert = connection.prepareStatement("INSERT INTO outbox_event (event_id, event_type, record_key,"
                     + " clinic_id, payload, created_at, lease_until) VALUES (?, ?, ?, ?, '{}', now(), ?)")) {
            insert.setString(1, Ids.unique("in-flight"));
            insert.setString(2, EventType.WEARER_PROFILE.type());
            insert.setString(3, wearer);
            insert.setString(4, clinic);
            insert.setTimestamp(5, Timestamp.from(leaseUntil));
            insert.executeUpdate();
        }

        erase(clinicAdmin(clinic), wearer).statusCode(202);

        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("SELECT event_type, payload, lease_until FROM outbox_event"
                     + " WHERE record_key = ?")) {
            query.setString(1, wearer);
            Set<String> types = new HashSet<>();
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    types.add(rows.getString(1));
                    if (rows.getString(2) == null) {
                        assertThat(rows.getString(1)).isEqualTo(EventType.WEARER_PROFILE.type());
                        assertThat(rows.getTimestamp(3).toInstant()).isEqualTo(leaseUntil);
                    }
                }
            }
            // The in-flight event and the wearer's profile event are gone; the request and the tombstone remain.
            assertThat(types).containsExactlyInAnyOrder(EventType.ERASURE_REQUESTED.type(), EventType.WEARER_PROFILE.type());
        }
        assertThat(rows("SELECT count(*) FROM outbox_event WHERE record_key = ? AND payload IS NULL", wearer)).isOne();
    }

    @Test
    void givenARequestOnTheTopicTheJournalDoesNotKnow_whenRead_thenItErasesTheWearerAndRemembersTheErasure() {
        // As after restoring a backup taken before the erasure: the wearer is back, the request is on the topic.
        String clinic = Ids.unique("clinic-erasure");
        String wearer = createWearer(clinic);
        postPain(clinician(clinic), wearer, painEntry(Instant.now().minusSeconds(7200), Map.of())).statusCode(201);
        String erasureId = ErasureIds.next();
        Instant requestedAt = Instant.parse("2026-11-30T08:00:00Z");

        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publish(ErasureEvents.requested(new ErasureRequested(erasureId, clinic, wearer, requestedAt)));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(clinicAdmin(clinic), "/v1/erasures/" + erasureId)
                .statusCode(200));
        get(clinicAdmin(clinic), "/v1/erasures/" + erasureId).statusCode(200)
                .body("wearerId", equalTo(wearer))
                .body("requestedAt", equalTo(requestedAt.toString()))
                .body("requestedBy", nullValue())
                .body("services.journal.status", equalTo("completed"))
                .body("services.journal.removed.pain_entries", equalTo(1))
                .body("services.journal.removed.wearers", equalTo(1));
        get(clinician(clinic), "/v1/wearers/" + wearer).statusCode(404);
        try (TopicReader receipts = new TopicReader(Topics.ERASURE_RECEIPTS.name())) {
            assertThat(receipts.awaitFor(erasureId, found -> !found.isEmpty()).get(0).value().id())
                    .isEqualTo(ErasureEvents.completedId(erasureId, Topics.JOURNAL));
        }
    }

    @Test
    void givenTheSchema_whenLookingForTablesThatNameAWearer_thenTheEraserCoversEveryOne() throws Exception {
        Set<String> tables = new HashSet<>();
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("SELECT DISTINCT table_name FROM information_schema.columns"
                     + " WHERE table_schema = current_schema() AND column_name = 'wearer_id'");
             var rows = query.executeQuery()) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        tables.add("wearer");
        // The erasure is the tombstone of the wearer: ids only, kept on purpose.
        tables.remove("erasure");
        // The audit trail names wearers by their opaque id only, never their data, and is append-only
        // (docs/privacy.md): an erasure leaves it as it is.
        tables.remove("audit_record");
        assertThat(tables).isNotEmpty();
        assertThat(WearerDataEraser.TABLES).containsAll(tables);
    }
}
