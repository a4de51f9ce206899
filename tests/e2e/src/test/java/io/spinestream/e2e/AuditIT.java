package io.spinestream.e2e;

import static io.spinestream.e2e.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.spinestream.e2e.client.Clinic;
import io.spinestream.e2e.client.Http;
import io.spinestream.e2e.client.Wearer;
import io.spinestream.e2e.platform.PlatformExtension;
import io.spinestream.e2e.platform.PlatformUnderTest;

/**
 * audit.md: every read and write of health data, in every service, is in the clinic's audit trail — who, which
 * wearer, what, when, from where — for the clinic's admin alone; the trail holds none of the data and nobody
 * can change it.
 */
@Order(3)
@ExtendWith(PlatformExtension.class)
class AuditIT {

    private static final String CANARY = "canary-e2e-audit-3b7c-tingling-left-calf";

    @Test
    void givenAClinicianReadsAndWritesAWearersDataInEveryService_whenTheClinicAdminReadsTheTrail_thenEveryAccessIsThereAndNothingElse(
            PlatformUnderTest platform) throws SQLException {
        Clinic clinic = Clinic.create(platform, "audit");
        Clinic other = Clinic.create(platform, "audit-other");
        Wearer wearer = clinic.enrolWearer("Audrey Audit");
        String physio = "u-physio-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String physioToken = platform.token("clinician", clinic.id(), physio);
        Http http = platform.http();
        Instant before = Instant.now().minusSeconds(1);

        // When: a clinician writes and reads the wearer's journal, sessions and alerts
        String w = "/v1/wearers/" + wearer.id();
        JsonNode entry = http.post(platform.journal() + w + "/pain-entries", physioToken, redFlagPain()).expect(201).json();
        String entryId = entry.path("id").asText();
        http.get(platform.journal() + w + "/pain-entries/" + entryId, physioToken).expect(200);
        http.get(platform.analysis() + w + "/sessions", physioToken).expect(200);
        // (waited for by another clinician, so that the physio's trail holds one list)
        await("the red flag of " + wearer.id() + " in notification").until(() -> http.get(platform.notification()
                + "/v1/alerts?wearerId=" + wearer.id(), clinic.token("clinician")).expect(200).json().path("items"),
                items -> items.size() == 1);
        String alertId = http.get(platform.notification() + "/v1/alerts?wearerId=" + wearer.id(), physioToken)
                .expect(200).json().path("items").get(0).path("id").asText();
        http.get(platform.notification() + "/v1/alerts/" + alertId, physioToken).expect(200);
        Instant after = Instant.now().plusSeconds(1);

        // Then the clinic admin finds every access, with who, whose, what, when and from where
        String admin = clinic.token("clinic_admin");
        List<JsonNode> trail = await("the audit trail of " + wearer.id()).until(
                () -> items(http.get(platform.journal() + "/v1/audit?subject=" + physio + "&limit=200", admin).expect(200)),
                found -> found.size() >= 5);
        assertThat(trail).extracting(r -> r.path("service").asText() + " " + r.path("operation").asText() + " "
                + r.path("action").asText() + " " + r.path("status").asInt()).containsExactlyInAnyOrder(
                "journal POST /v1/wearers/{wearerId}/pain-entries create 201",
                "journal GET /v1/wearers/{wearerId}/pain-entries/{entryId} read 200",
                "form-analysis GET /v1/wearers/{wearerId}/sessions read 200",
                "notification GET /v1/alerts read 200",
                "notification GET /v1/alerts/{id} read 200");
        for (JsonNode record : trail) {
            assertThat(record.path("subject").asText()).isEqualTo(physio);
            assertThat(record.path("role").asText()).isEqualTo("clinician");
            assertThat(record.path("wearerId").asText()).as(record.toString()).isEqualTo(wearer.id());
            assertThat(Instant.parse(record.path("at").asText())).isBetween(before, after);
            assertThat(record.path("clientAddress").asText()).isEqualTo("127.0.0.1");
        }
        assertThat(trail).filteredOn(r -> r.path("resource").asText().equals("pain_entry")
                && r.path("action").asText().equals("read")).singleElement()
                .satisfies(r -> assertThat(r.path("resourceId").asText()).isEqualTo(entryId));
        assertThat(trail).filteredOn(r -> r.path("resource").asText().equals("alert") && r.hasNonNull("resourceId"))
                .singleElement().satisfies(r -> assertThat(r.path("resourceId").asText()).isEqualTo(alertId));

        // and the export of the period has them too; neither holds what was written
        Http.Reply export = http.send("GET", platform.journal() + "/v1/audit/export?subject=" + physio + "&from=" + before
                + "&to=" + after, admin, "application/x-ndjson", null, null).expect(200);
        assertThat(export.body().lines().filter(l -> !l.isBlank())).hasSize(trail.size());
        String everything = http.get(platform.journal() + "/v1/audit?limit=200", admin).expect(200).body()
                + export.body();
        assertThat(everything).doesNotContain(CANARY).doesNotContain("saddle_numbness").doesNotContain("Audrey");

        // Clinic B's admin sees none of it; clinic A's clinician may not look at all
        String ofB = http.get(platform.journal() + "/v1/audit?limit=200", other.token("clinic_admin")).expect(200).body();
        assertThat(ofB).doesNotContain(physio).doesNotContain(wearer.id()).doesNotContain(clinic.id());
        http.get(platform.journal() + "/v1/audit", physioToken).expect(403);

        // Nobody can change the trail: the API has no way, and the database refuses
        String id = trail.get(0).path("id").asText();
        for (String method : List.of("PUT", "PATCH", "DELETE")) {
            int status = http.send(method, platform.journal() + "/v1/audit", admin, "application/json",
                    "application/json", "{}".getBytes()).status();
            assertThat(status).as(method).isEqualTo(405);
        }
        try (Connection db = platform.journalDatabase()) {
            assertThatThrownBy(() -> db.createStatement().executeUpdate(
                    "UPDATE audit_record SET subject = 'nobody' WHERE record_id = '" + id + "'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> db.createStatement().executeUpdate(
                    "DELETE FROM audit_record WHERE record_id = '" + id + "'"))
                    .hasMessageContaining("append-only");
        }
        assertThat(items(http.get(platform.journal() + "/v1/audit?subject=" + physio + "&limit=200", admin).expect(200)))
                .extracting(r -> r.path("id").asText()).contains(id);
    }

    private static List<JsonNode> items(Http.Reply reply) {
        List<JsonNode> items = new ArrayList<>();
        reply.json().path("items").forEach(items::add);
        return items;
    }

    private static Map<String, Object> redFlagPain() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString());
        entry.put("locations", List.of("lower_back_central"));
        entry.put("qualities", List.of("sharp"));
        entry.put("intensity", 6);
        entry.put("onset", "during");
        entry.put("movementResponse", "worsens");
        entry.put("symptoms", List.of("saddle_numbness"));
        entry.put("note", CANARY);
        return entry;
    }
}
