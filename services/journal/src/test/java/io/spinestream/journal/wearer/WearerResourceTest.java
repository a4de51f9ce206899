package io.spinestream.journal.wearer;

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
class WearerResourceTest extends ClinicIsolationContract {

    @Inject
    AgroalDataSource dataSource;

    @Override
    protected void seed(String clinicId, String id) {
        Sql.exec(dataSource, "DELETE FROM wearer WHERE id = ?", id);
        Sql.exec(dataSource, "INSERT INTO wearer (id, clinic_id, display_name, birth_year, created_at) "
                + "VALUES (?, ?, 'Pat Example', 1970, now())", id, clinicId);
    }

    @Override
    protected String pathOf(String id) {
        return "/v1/wearers/" + id;
    }

    @Override
    protected String readerRole() {
        return Roles.CLINICIAN;
    }

    @Test
    void givenWearerToken_whenOwnRecordRequested_thenServed() {
        String token = TestTokens.forClinic(CLINIC_A).role(Roles.WEARER).subject(idInClinicA()).sign();
        given().header("Authorization", "Bearer " + token)
                .when().get(pathOf(idInClinicA()))
                .then().statusCode(200)
                .body("displayName", equalTo("Pat Example"))
                .body("birthYear", equalTo(1970));
    }

    @Test
    void givenWearerToken_whenAnotherWearersRecordRequested_then404() throws Exception {
        seed(CLINIC_A, "A-2");
        String token = TestTokens.forClinic(CLINIC_A).role(Roles.WEARER).subject(idInClinicA()).sign();
        given().header("Authorization", "Bearer " + token)
                .when().get(pathOf("A-2"))
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void givenIntegratorToken_whenWearerRequested_then403() {
        given().header("Authorization", TestTokens.bearer(Roles.INTEGRATOR, CLINIC_A))
                .when().get(pathOf(idInClinicA()))
                .then().statusCode(403);
    }
}
