package io.spinestream.ingest.fleet;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.ClinicIsolationContract;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.Sql;
import io.spinestream.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class BeltResourceTest extends ClinicIsolationContract {

    @Inject
    AgroalDataSource dataSource;

    @Override
    protected void seed(String clinicId, String id) {
        Sql.exec(dataSource, "DELETE FROM belt WHERE id = ?", id);
        Sql.exec(dataSource, "INSERT INTO belt (id, clinic_id, model, firmware, provisioned_at, battery) "
                + "VALUES (?, ?, 'SB2', '2.3.1', now(), 0.8)", id, clinicId);
    }

    @Override
    protected String pathOf(String id) {
        return "/v1/belts/" + id;
    }

    @Override
    protected String readerRole() {
        return Roles.CLINICIAN;
    }

    @Override
    protected String idInClinicA() {
        return "SB-A-1";
    }

    @Override
    protected String idInClinicB() {
        return "SB-B-1";
    }

    @Test
    void givenOwnBelt_whenRead_thenRegistryFieldsShown() {
        given().header("Authorization", TestTokens.bearer(Roles.CLINIC_ADMIN, CLINIC_A))
                .when().get(pathOf("SB-A-1"))
                .then().statusCode(200)
                .body("state", equalTo("active"))
                .body("firmware", equalTo("2.3.1"))
                .body("battery", equalTo(0.8f));
    }

    @Test
    void givenWearerToken_whenBeltRequested_then403() {
        given().header("Authorization", TestTokens.bearer(Roles.WEARER, CLINIC_A))
                .when().get(pathOf("SB-A-1"))
                .then().statusCode(403).contentType("application/problem+json");
    }
}
