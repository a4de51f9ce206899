package io.spinestream.journal.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.spinestream.events.audit.AuditEvents;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.EventType;
import io.spinestream.events.payload.AccessRecorded;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.journal.support.EventPublisher;
import io.spinestream.journal.support.Ids;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.spinestream.journal.support.JournalApi.clinician;
import static io.spinestream.journal.support.JournalApi.createWearer;
import static io.spinestream.journal.support.JournalApi.get;
import static io.spinestream.journal.support.JournalApi.painEntry;
import static io.spinestream.journal.support.JournalApi.postPain;
import static io.spinestream.journal.support.JournalApi.put;
import static io.spinestream.journal.support.JournalApi.wearerToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The audit trail end to end inside the journal, on real Kafka and PostgreSQL: the journal's own accesses go
 * out on the audit topic like every service's, come back through the consumer into the append-only table, and
 * the clinic admin reads (and exports) them; nobody can change them.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class AuditTrailTest {

    private static final String CANARY = "canary-7f3a-sciatica-after-deadlift";

    @Inject
    AgroalDataSource dataSource;

    private static String admin(String clinic) {
        return TestTokens.bearer(Roles.CLINIC_ADMIN, clinic);
    }

    private static String clinicianOf(String clinic, String subject) {
        return "Bearer " + TestTokens.forClinic(clinic).role(Roles.CLINICIAN).subject(subject).sign();
    }

    /** The clinic's records about the wearer, once {@code expected} of them are stored. */
    private static List<Map<String, Object>> trailOf(String clinic, String wearer, int expected) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(
                () -> get(admin(clinic), "/v1/audit?wearerId=" + wearer + "&limit=200").statusCode(200)
                        .extract().jsonPath().<Map<String, Object>>getList("items"),
                items -> items.size() >= expected);
    }

    @Test
    void givenAClinicianReadsAndWritesAWearersJournal_whenTheClinicAdminQueriesTheTrail_thenEveryAccessIsThereWithoutTheData()
            throws SQLException {
        String clinic = Ids.unique("clinic-audit");
        String physio = Ids.unique("u-physio");
        String token = clinicianOf(clinic, physio);
        String wearer = given().header("Authorization", token).contentType("application/json")
                .body(Map.of("displayName", "Pat Example", "birthYear", 1980)).when().post("/v1/wearers")
                .then().statusCode(201).extract().path("id");
        Instant at = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String entry = postPain(token, wearer, painEntry(at, Map.of("note", CANARY))).statusCode(201)
                .extract().path("id");
        given().header("Authorization", token).header("User-Agent", "physio-tablet/3.1")
                .header("X-Request-Id", "req-audit-1")
                .when().get("/v1/wearers/" + wearer + "/pain-entries/" + entry).then().statusCode(200);
        get(token, "/v1/wearers/" + wearer + "/pain-entries").statusCode(200);
        put(token, "/v1/wearers/" + wearer + "/consent", Map.of("ehrExport", true)).statusCode(200);
        get(token, "/v1/wearers/" + wearer + "/fhir").statusCode(200);

        List<Map<String, Object>> trail = trailOf(clinic, wearer, 6);

        assertThat(trail).extracting(r -> r.get("operation") + " " + r.get("status")).containsExactlyInAnyOrder(
                "POST /v1/wearers 201",
                "POST /v1/wearers/{wearerId}/pain-entries 201",
                "GET /v1/wearers/{wearerId}/pain-entries/{entryId} 200",
                "GET /v1/wearers/{wearerId}/pain-entries 200",
                "PUT /v1/wearers/{id}/consent 200",
                "GET /v1/wearers/{wearerId}/fhir 200");
        assertThat(trail).allSatisfy(r -> {
            assertThat(r.get("subject")).isEqualTo(physio);
            assertThat(r.get("role")).isEqualTo("clinician");
            assertThat(r.get("wearerId")).isEqualTo(wearer);
            assertThat(r.get("service")).isEqualTo("journal");
            assertThat(r.get("clientAddress")).isEqualTo("127.0.0.1");
            assertThat(Instant.parse((String) r.get("at"))).isAfter(at);
        });
        Map<String, Object> read = trail.stream().filter(r -> "req-audit-1".equals(r.get("requestId"))).findFirst()
                .orElseThrow();
        assertThat(read).containsEntry("action", "read").containsEntry("resource", "pain_entry")
                .containsEntry("resourceId", entry).containsEntry("userAgent", "physio-tablet/3.1");
        assertThat(trail).filteredOn(r -> "POST /v1/wearers/{wearerId}/pain-entries".equals(r.get("operation")))
                .singleElement().satisfies(r -> assertThat(r).containsEntry("action", "create")
                        .containsEntry("resourceId", entry));
        assertThat(trail).filteredOn(r -> "POST /v1/wearers".equals(r.get("operation")))
                .singleElement().satisfies(r -> assertThat(r).containsEntry("resourceId", wearer));
        assertThat(trail).filteredOn(r -> "GET /v1/wearers/{wearerId}/pain-entries".equals(r.get("operation")))
                .singleElement().satisfies(r -> assertThat(r).containsEntry("itemCount", 1));
        assertThat(trail).filteredOn(r -> "GET /v1/wearers/{wearerId}/fhir".equals(r.get("operation")))
                .singleElement().satisfies(r -> assertThat(r).containsEntry("action", "export"));
        // What was written is nowhere in the trail: not in the API's answer, not in the table.
        String raw = get(admin(clinic), "/v1/audit?wearerId=" + wearer + "&limit=200").extract().asString();
        assertThat(raw).doesNotContain(CANARY).doesNotContain("Pat Example");
        assertThat(count("SELECT count(*) FROM audit_record WHERE CAST(ROW(audit_record.*) AS text) LIKE ?",
                "%" + CANARY + "%")).isZero();
    }

    @Test
    void givenRefusedAttempts_whenTheTrailIsRead_thenTheyAreRecordedWithTheirStatus() {
        String clinic = Ids.unique("clinic-audit");
        String wearer = createWearer(clinic);
        String other = createWearer(clinic);
        // another wearer of the clinic: 404; a clinic admin on the pain journal: 403
        get(wearerToken(clinic, other), "/v1/wearers/" + wearer + "/pain-entries").statusCode(404);
        get(admin(clinic), "/v1/wearers/" + wearer + "/pain-entries").statusCode(403);

        List<Map<String, Object>> trail = trailOf(clinic, wearer, 3);

        assertThat(trail).extracting(r -> r.get("subject") + " " + r.get("role") + " " + r.get("status"))
                .contains(other + " wearer 404")
                .anySatisfy(line -> assertThat(line).endsWith(" clinic_admin 403"));
    }

    @Test
    void givenAnotherClinicsAdmin_whenQueryingTheTrail_thenNoneOfTheFirstClinicsRecords() {
        String clinicA = Ids.unique("clinic-audit-a");
        String clinicB = Ids.unique("clinic-audit-b");
        String wearer = createWearer(clinicA);
        get(clinician(clinicA), "/v1/wearers/" + wearer).statusCode(200);
        trailOf(clinicA, wearer, 2);

        get(admin(clinicB), "/v1/audit?wearerId=" + wearer).statusCode(200).body("items.size()", equalTo(0));
        Instant from = Instant.now().minus(1, ChronoUnit.HOURS);
        String export = given().header("Authorization", admin(clinicB))
                .when().get("/v1/audit/export?from=" + from + "&to=" + Instant.now().plusSeconds(60))
                .then().statusCode(200).extract().asString();
        assertThat(export).doesNotContain(wearer);
    }

    @Test
    void givenManyRecords_whenPagedAndExported_thenEveryRecordOnceNewestFirstAndOldestFirst() {
        String clinic = Ids.unique("clinic-audit");
        String wearer = createWearer(clinic);
        Instant from = Instant.now().minusSeconds(5);
        for (int i = 0; i < 4; i++) {
            get(clinician(clinic), "/v1/wearers/" + wearer).statusCode(200);
        }
        trailOf(clinic, wearer, 5);

        JsonPath first = get(admin(clinic), "/v1/audit?wearerId=" + wearer + "&limit=3").statusCode(200)
                .extract().jsonPath();
        JsonPath second = get(admin(clinic), "/v1/audit?wearerId=" + wearer + "&limit=3&cursor="
                + first.getString("nextCursor")).statusCode(200).extract().jsonPath();
        List<String> paged = new java.util.ArrayList<>(first.getList("items.id", String.class));
        paged.addAll(second.getList("items.id", String.class));
        assertThat(paged).hasSize(5).doesNotHaveDuplicates();
        assertThat(second.getString("nextCursor")).isNull();
        List<Instant> times = new java.util.ArrayList<>(first.getList("items.at", String.class).stream()
                .map(Instant::parse).toList());
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        Response export = given().header("Authorization", admin(clinic))
                .when().get("/v1/audit/export?wearerId=" + wearer + "&from=" + from + "&to=" + Instant.now().plusSeconds(60));
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        assertThat(export.header("Content-Disposition")).startsWith("attachment");
        List<String> lines = export.asString().lines().filter(l -> !l.isBlank()).toList();
        List<String> exported = lines.stream().map(l -> JsonPath.from(l).getString("id")).toList();
        assertThat(exported).containsExactlyInAnyOrderElementsOf(paged);
        assertThat(lines.stream().map(l -> Instant.parse(JsonPath.from(l).getString("at"))).toList()).isSorted();
    }

    @Test
    void givenTheAdminReadsTheTrail_whenTheTrailIsReadAgain_thenTheReadingIsItselfRecorded() {
        String clinic = Ids.unique("clinic-audit");
        String adminSubject = Ids.unique("u-admin");
        String token = "Bearer " + TestTokens.forClinic(clinic).role(Roles.CLINIC_ADMIN).subject(adminSubject).sign();
        get(token, "/v1/audit").statusCode(200);
        get(token, "/v1/audit/export?from=" + Instant.now().minusSeconds(60) + "&to=" + Instant.now().plusSeconds(60))
                .statusCode(200);

        List<Map<String, Object>> mine = await().atMost(Duration.ofSeconds(30)).until(
                () -> get(token, "/v1/audit?subject=" + adminSubject + "&service=journal").statusCode(200)
                        .extract().jsonPath().<Map<String, Object>>getList("items"), items -> items.size() >= 2);

        assertThat(mine).extracting(r -> r.get("operation") + " " + r.get("action"))
                .contains("GET /v1/audit read", "GET /v1/audit/export export");
        assertThat(mine).allSatisfy(r -> assertThat(r.get("resource")).isEqualTo("audit_record"));
    }

    @Test
    void givenCallersOtherThanTheClinicAdmin_whenReadingTheTrail_thenRefused() {
        String clinic = Ids.unique("clinic-audit");
        for (String role : List.of(Roles.CLINICIAN, Roles.ADMIN, Roles.WEARER, Roles.INTEGRATOR)) {
            get(TestTokens.bearer(role, clinic), "/v1/audit").statusCode(403);
            get(TestTokens.bearer(role, clinic), "/v1/audit/export?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z")
                    .statusCode(403);
        }
        given().when().get("/v1/audit").then().statusCode(401);
    }

    @Test
    void givenBadFilters_whenQueried_thenProblemNamingTheField() {
        String clinic = Ids.unique("clinic-audit");
        get(admin(clinic), "/v1/audit?service=billing").statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("service"));
        get(admin(clinic), "/v1/audit?action=peek").statusCode(400).body("violations.field", hasItem("action"));
        get(admin(clinic), "/v1/audit?from=yesterday").statusCode(400).body("violations.field", hasItem("from"));
        get(admin(clinic), "/v1/audit?cursor=nonsense").statusCode(400).body("violations.field", hasItem("cursor"));
        get(admin(clinic), "/v1/audit/export?from=2026-01-01T00:00:00Z").statusCode(400)
                .body("violations.field", hasItem("to"));
    }

    @Test
    void givenTheApi_whenAskedToChangeOrRemoveRecords_thenThereIsNoSuchOperation() {
        String clinic = Ids.unique("clinic-audit");
        for (String method : List.of("PUT", "PATCH", "DELETE", "POST")) {
            int status = given().header("Authorization", admin(clinic)).contentType("application/json").body("{}")
                    .when().request(method, "/v1/audit").then().extract().statusCode();
            assertThat(status).as(method).isEqualTo(405);
        }
    }

    @Test
    void givenAStoredRecord_whenTheDatabaseIsAskedToUpdateDeleteOrTruncate_thenItRefusesAndTheRecordStays() throws Exception {
        String clinic = Ids.unique("clinic-audit");
        String wearer = createWearer(clinic);
        String id = (String) trailOf(clinic, wearer, 1).get(0).get("id");

        assertThatThrownBy(() -> execute("UPDATE audit_record SET subject = 'someone-else' WHERE record_id = ?", id))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute("DELETE FROM audit_record WHERE record_id = ?", id))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> execute("TRUNCATE audit_record", null))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");

        assertThat(count("SELECT count(*) FROM audit_record WHERE record_id = ? AND subject <> 'someone-else'", id))
                .isEqualTo(1);
    }

    @Test
    void givenTheSameRecordTwiceAndAForgedOne_whenConsumed_thenStoredOnceAndTheForgedOneNot() throws SQLException {
        String clinic = Ids.unique("clinic-audit");
        String wearer = Ids.unique("w-audit");
        AccessRecorded record = new AccessRecorded(AuditEvents.newRecordId("form-analysis"), clinic, "form-analysis",
                Instant.now(), "u-1", "clinician", wearer, AuditAction.READ, "session",
                "GET /v1/sessions/{id}", "s-1", null, 200, "10.0.0.1", null, "req-1");
        AccessRecorded forged = new AccessRecorded(AuditEvents.newRecordId("form-analysis"), "clinic-elsewhere",
                "form-analysis", Instant.now(), "u-1", "clinician", wearer, AuditAction.READ, "session",
                "GET /v1/sessions/{id}", "s-2", null, 200, "10.0.0.1", null, "req-2");
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publish(AuditEvents.recorded(record));
            publisher.publish(AuditEvents.recorded(record));
            publisher.publish(Event.of(EventType.ACCESS_RECORDED, forged.recordId(), "/spinestream/form-analysis",
                    clinic, clinic, forged.at(), forged));
            // a later record of the same clinic (same partition): once it is stored, the others were read
            get(clinician(clinic), "/v1/wearers/" + createWearer(clinic)).statusCode(200);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM audit_record WHERE clinic_id = ? AND service = 'journal' AND action = 'read'",
                clinic) == 1);

        assertThat(count("SELECT count(*) FROM audit_record WHERE record_id = ?", record.recordId())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_record WHERE record_id = ?", forged.recordId())).isZero();
        get(admin(clinic), "/v1/audit?wearerId=" + wearer).statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].operation", equalTo("GET /v1/sessions/{id}"));
    }

    private long count(String sql, String parameter) throws SQLException {
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void execute(String sql, String parameter) throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            statement.executeUpdate();
        }
    }
}
