package io.spinestream.testing;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * What every clinic-scoped resource must prove: no token is 401, a foreign or malformed token is
 * 401, the own clinic's resource is served, and another clinic's resource is 404 exactly like an
 * absent one. A service test extends this for one of its resources.
 */
public abstract class ClinicIsolationContract {

    protected static final String CLINIC_A = "clinic-a";
    protected static final String CLINIC_B = "clinic-b";

    /** Stores one resource with this id in this clinic (replacing earlier test data). */
    protected abstract void seed(String clinicId, String id) throws Exception;

    /** The GET path of the resource with this id, e.g. {@code /v1/belts/ID}. */
    protected abstract String pathOf(String id);

    /** A role allowed to read the resource. */
    protected abstract String readerRole();

    protected String idInClinicA() {
        return "A-1";
    }

    protected String idInClinicB() {
        return "B-1";
    }

    @BeforeEach
    void seedBothClinics() throws Exception {
        seed(CLINIC_A, idInClinicA());
        seed(CLINIC_B, idInClinicB());
    }

    @Test
    void givenNoToken_whenResourceRequested_then401Problem() {
        given().when().get(pathOf(idInClinicA()))
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401));
    }

    @Test
    void givenTokenOfClinicA_whenOwnResourceRequested_thenServed() {
        given().header("Authorization", TestTokens.bearer(readerRole(), CLINIC_A))
                .when().get(pathOf(idInClinicA()))
                .then().statusCode(200)
                .body("id", equalTo(idInClinicA()))
                .body("clinicId", equalTo(CLINIC_A));
    }

    @Test
    void givenTokenOfClinicA_whenResourceOfClinicBRequested_then404AsIfAbsent() {
        String foreign = given().header("Authorization", TestTokens.bearer(readerRole(), CLINIC_A))
                .when().get(pathOf(idInClinicB()))
                .then().statusCode(404).contentType("application/problem+json")
                .extract().path("detail");
        String absent = given().header("Authorization", TestTokens.bearer(readerRole(), CLINIC_A))
                .when().get(pathOf("ABSENT-1"))
                .then().statusCode(404).contentType("application/problem+json")
                .extract().path("detail");

        assertThat(foreign.replace(idInClinicB(), "X")).isEqualTo(absent.replace("ABSENT-1", "X"));
    }

    @Test
    void givenTokenWithoutClinicClaim_whenResourceRequested_then401() {
        String token = TestTokens.forClinic(CLINIC_A).role(readerRole()).withoutClinic().sign();
        given().header("Authorization", "Bearer " + token)
                .when().get(pathOf(idInClinicA()))
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void givenTokenOfAnotherIssuer_whenResourceRequested_then401() {
        String token = TestTokens.forClinic(CLINIC_A).role(readerRole()).issuer("https://elsewhere.example").sign();
        given().header("Authorization", "Bearer " + token)
                .when().get(pathOf(idInClinicA()))
                .then().statusCode(401);
    }

    @Test
    void givenExpiredToken_whenResourceRequested_then401() {
        String token = TestTokens.forClinic(CLINIC_A).role(readerRole()).expiresIn(Duration.ofMinutes(-10)).sign();
        given().header("Authorization", "Bearer " + token)
                .when().get(pathOf(idInClinicA()))
                .then().statusCode(401);
    }
}
