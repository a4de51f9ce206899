package io.spinestream.notification.alert;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.ClinicIsolationContract;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
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
    protected void seed(String clinicId, String id) throws Exception {
        try (var connection = dataSource.getConnection();
             var delete = connection.prepareStatement("DELETE FROM alert WHERE id = ?");
             var insert = connection.prepareStatement("INSERT INTO alert (id, clinic_id, event_type, code, severity, "
                     + "belt_id, raised_at) VALUES (?, ?, 'io.spinestream.form.fault.v1', 'ROUNDED_BACK', 'warning', "
                     + "'SB-000123', now())")) {
            delete.setString(1, id);
            delete.executeUpdate();
            insert.setString(1, id);
            insert.setString(2, clinicId);
            insert.executeUpdate();
        }
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
