package io.spinestream.ingest.support;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.TestTokens;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** The registry API as a fleet manager uses it, for tests. */
public final class FleetApi {

    private FleetApi() {
    }

    public static RequestSpecification as(String role, String clinic) {
        return given().header("Authorization", TestTokens.bearer(role, clinic));
    }

    public static RequestSpecification admin(String clinic) {
        return as(Roles.CLINIC_ADMIN, clinic);
    }

    /** Provisions a belt and returns its credential. */
    public static String provision(String clinic, String beltId) {
        return provision(clinic, beltId, null);
    }

    /** Provisions a belt assigned to {@code wearerId} (null: none) and returns its credential. */
    public static String provision(String clinic, String beltId, String wearerId) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("id", beltId);
        body.put("model", "SB2");
        body.put("firmware", "2.3.1");
        if (wearerId != null) {
            body.put("wearerId", wearerId);
        }
        return admin(clinic).contentType(ContentType.JSON).body(body)
                .when().post("/v1/belts")
                .then().statusCode(201)
                .extract().path("credential");
    }

    public static void assign(String clinic, String beltId, String wearerId) {
        admin(clinic).contentType(ContentType.JSON).body(java.util.Collections.singletonMap("wearerId", wearerId))
                .when().put("/v1/belts/" + beltId + "/wearer")
                .then().statusCode(200);
    }

    public static String rotate(String clinic, String beltId) {
        return admin(clinic).when().post("/v1/belts/" + beltId + "/credential")
                .then().statusCode(200).extract().path("credential");
    }

    public static void retire(String clinic, String beltId) {
        admin(clinic).when().delete("/v1/belts/" + beltId).then().statusCode(204);
    }

    /** A request authenticated as a belt. */
    public static RequestSpecification asBelt(String credential) {
        return given().header("Authorization", "Bearer " + credential);
    }
}
