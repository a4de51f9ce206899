package io.spinestream.analysis.session;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.ClinicIsolationContract;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.MongoResource;
import io.spinestream.testing.TestTokens;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "streams-state", value = "true"))
@WithTestResource(MongoResource.class)
class SessionResourceTest extends ClinicIsolationContract {

    @Inject
    MongoClient mongo;

    @Inject
    AnalysisStoreConfig config;

    @Override
    protected void seed(String clinicId, String id) {
        Document session = new Document("_id", id)
                .append(SessionStore.CLINIC, clinicId)
                .append("beltId", "SB-000123")
                .append("wearerId", "w-42")
                .append("activity", "deadlift")
                .append("startedAt", Date.from(Instant.parse("2026-11-20T10:15:30Z")))
                .append("endedAt", Date.from(Instant.parse("2026-11-20T10:18:00Z")))
                .append("reps", 8)
                .append("formScore", 75);
        mongo.getDatabase(config.database()).getCollection(SessionStore.COLLECTION)
                .replaceOne(Filters.eq("_id", id), session, new ReplaceOptions().upsert(true));
    }

    @Override
    protected String pathOf(String id) {
        return "/v1/sessions/" + id;
    }

    @Override
    protected String readerRole() {
        return Roles.CLINICIAN;
    }

    @Test
    void givenOwnSession_whenRead_thenSummaryShown() {
        given().header("Authorization", TestTokens.bearer(Roles.CLINICIAN, CLINIC_A))
                .when().get(pathOf(idInClinicA()))
                .then().statusCode(200)
                .body("activity", equalTo("deadlift"))
                .body("reps", equalTo(8))
                .body("formScore", equalTo(75))
                .body("startedAt", equalTo("2026-11-20T10:15:30Z"));
    }
}
