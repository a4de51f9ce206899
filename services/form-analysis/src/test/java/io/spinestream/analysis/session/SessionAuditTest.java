package io.spinestream.analysis.session;

import com.mongodb.client.MongoClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.events.payload.AccessRecorded;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.AuditTopicProbe;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.MongoResource;
import io.spinestream.testing.TestTokens;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions, recordings and the rest of form-analysis's health data: every access through the API is on the
 * audit topic — whose session it was, though its id alone does not say, and refusals as well.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "streams-state", value = "true"))
@WithTestResource(MongoResource.class)
class SessionAuditTest {

    @Inject
    MongoClient mongo;

    @Inject
    AnalysisStoreConfig config;

    @Test
    void givenASession_whenAClinicianAndWearersReadIt_thenEachAccessIsRecordedWithTheSessionsWearer() {
        String clinic = "clinic-" + UUID.randomUUID().toString().substring(0, 8);
        String wearer = "w-" + UUID.randomUUID().toString().substring(0, 8);
        String session = "s-" + UUID.randomUUID();
        mongo.getDatabase(config.database()).getCollection(SessionStore.COLLECTION).insertOne(new Document("_id", session)
                .append(SessionStore.CLINIC, clinic).append("beltId", "SB-000123").append(SessionStore.WEARER, wearer)
                .append("activity", "deadlift")
                .append("startedAt", Date.from(Instant.parse("2026-11-20T10:15:30Z")))
                .append("endedAt", Date.from(Instant.parse("2026-11-20T10:18:00Z")))
                .append("reps", 8).append("formScore", 75));
        String physio = TestTokens.forClinic(clinic).role(Roles.CLINICIAN).subject("u-physio-4").sign();
        String own = TestTokens.forClinic(clinic).role(Roles.WEARER).subject(wearer).sign();
        String other = TestTokens.forClinic(clinic).role(Roles.WEARER).subject("w-someone-else").sign();

        given().auth().oauth2(physio).when().get("/v1/sessions/" + session).then().statusCode(200);
        given().auth().oauth2(own).when().get("/v1/wearers/" + wearer + "/sessions").then().statusCode(200);
        given().auth().oauth2(other).when().get("/v1/sessions/" + session).then().statusCode(404);
        given().auth().oauth2(physio).when().get("/v1/belts/SB-000123/recording?from=2026-11-20T10:00:00Z&to=2026-11-20T11:00:00Z")
                .then().statusCode(404);

        try (AuditTopicProbe probe = new AuditTopicProbe(clinic)) {
            AccessRecorded read = probe.await("GET /v1/sessions/{id}", 200);
            AccessRecorded list = probe.await("GET /v1/wearers/{wearerId}/sessions", 200);
            AccessRecorded refused = probe.await("GET /v1/sessions/{id}", 404);
            AccessRecorded export = probe.await("GET /v1/belts/{beltId}/recording", 404);

            assertThat(read).satisfies(r -> {
                assertThat(r.service()).isEqualTo("form-analysis");
                assertThat(r.subject()).isEqualTo("u-physio-4");
                assertThat(r.wearerId()).as("the session's wearer").isEqualTo(wearer);
                assertThat(r.resource()).isEqualTo("session");
                assertThat(r.resourceId()).isEqualTo(session);
                assertThat(r.action()).isEqualTo(AuditAction.READ);
            });
            assertThat(list.subject()).isEqualTo(wearer);
            assertThat(list.role()).isEqualTo("wearer");
            assertThat(list.itemCount()).isEqualTo(1);
            assertThat(refused.subject()).isEqualTo("w-someone-else");
            assertThat(refused.wearerId()).as("nothing answered tells whose it is").isNull();
            assertThat(export.action()).isEqualTo(AuditAction.EXPORT);
            assertThat(export.resourceId()).isEqualTo("SB-000123");
        }
    }
}
