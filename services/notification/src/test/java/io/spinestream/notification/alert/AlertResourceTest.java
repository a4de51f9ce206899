package io.spinestream.notification.alert;

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
class AlertResourceTest extends ClinicIsolationContract {

    @Inject
    AgroalDataSource dataSource;

    @Override
    protected void seed(String clinicId, String id) {
        Sql.exec(dataSource, "DELETE FROM alert WHERE id = ?", id);
        Sql.exec(dataSource, "INSERT INTO alert (id, clinic_id, event_type, code, severity, belt_id, raised_at) "
                + "VALUES (?, ?, 'io.spinestream.form.fault.v1', 'ROUNDED_BACK', 'warning', 'SB-000123', now())", id, clinicId);
    }

    @Override
    protected String pathOf(String id) {
        return "/v1/alerts/" + id;
    }

    @Override
    protected String readerRole() {
        return Roles.CLINICIAN;
    }

    @Test
    void givenOwnAlert_whenRead_thenCodeSeverityAndStateShown() {
        given().header("Authorization", TestTokens.bearer(Roles.CLINICIAN, CLINIC_A))
                .when().get(pathOf(idInClinicA()))
                .then().statusCode(200)
                .body("code", equalTo("ROUNDED_BACK"))
                .body("severity", equalTo("warning"))
                .body("state", equalTo("open"));
    }

    @Test
    void givenWearerToken_whenAlertRequested_then403() {
        given().header("Authorization", TestTokens.bearer(Roles.WEARER, CLINIC_A))
                .when().get(pathOf(idInClinicA()))
                .then().statusCode(403);
    }
}
