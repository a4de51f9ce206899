package io.spinestream.ingest.fleet;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.spinestream.events.payload.AccessRecorded;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.AuditTopicProbe;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * sensor-ingest holds no measurements people read, but it knows who wore which belt when: every person's
 * access to a belt (and so to that link) is on the audit topic. The belt's own uploads are not (docs/audit.md).
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class BeltAuditTest {

    @Test
    void givenAClinicAdmin_whenAssigningABeltAndAClinicianReadsWhoWoreIt_thenEachAccessIsRecordedWithTheWearer() {
        String clinic = "clinic-" + UUID.randomUUID().toString().substring(0, 8);
        String belt = "AUD-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String admin = TestTokens.forClinic(clinic).role(Roles.CLINIC_ADMIN).subject("u-fleet-1").sign();
        String physio = TestTokens.forClinic(clinic).role(Roles.CLINICIAN).subject("u-physio-2").sign();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("id", belt, "model", "SB2"))
                .when().post("/v1/belts").then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("wearerId", "w-audit-1"))
                .when().put("/v1/belts/" + belt + "/wearer").then().statusCode(200);
        given().auth().oauth2(physio).when().get("/v1/belts/" + belt + "/assignments").then().statusCode(200);
        given().auth().oauth2(physio).when().get("/v1/belts/" + belt).then().statusCode(200);
        given().auth().oauth2(physio).contentType(ContentType.JSON).body(Map.of("wearerId", "w-audit-2"))
                .when().put("/v1/belts/" + belt + "/wearer").then().statusCode(403);

        try (AuditTopicProbe probe = new AuditTopicProbe(clinic)) {
            AccessRecorded provisioned = probe.await("POST /v1/belts", 201);
            AccessRecorded assigned = probe.await("PUT /v1/belts/{id}/wearer", 200);
            AccessRecorded history = probe.await("GET /v1/belts/{id}/assignments", 200);
            AccessRecorded read = probe.await("GET /v1/belts/{id}", 200);
            AccessRecorded refused = probe.await("PUT /v1/belts/{id}/wearer", 403);

            assertThat(provisioned.action()).isEqualTo(AuditAction.CREATE);
            assertThat(provisioned.resourceId()).isEqualTo(belt);
            assertThat(assigned).satisfies(r -> {
                assertThat(r.service()).isEqualTo("sensor-ingest");
                assertThat(r.subject()).isEqualTo("u-fleet-1");
                assertThat(r.role()).isEqualTo("clinic_admin");
                assertThat(r.resource()).isEqualTo("belt_assignment");
                assertThat(r.action()).isEqualTo(AuditAction.UPDATE);
                assertThat(r.resourceId()).isEqualTo(belt);
                assertThat(r.wearerId()).as("the belt's wearer as answered").isEqualTo("w-audit-1");
            });
            assertThat(history.subject()).isEqualTo("u-physio-2");
            assertThat(history.resourceId()).isEqualTo(belt);
            assertThat(read.wearerId()).isEqualTo("w-audit-1");
            assertThat(refused.role()).isEqualTo("clinician");
            assertThat(probe.until(r -> true)).noneMatch(r -> r.operation().startsWith("POST /v1/telemetry"));
        }
    }
}
