package io.spinestream.journal.support;

import io.restassured.response.ValidatableResponse;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.TestTokens;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** The journal's API as a wearer's clinic uses it in tests. */
public final class JournalApi {

    private JournalApi() {
    }

    public static String clinician(String clinic) {
        return TestTokens.bearer(Roles.CLINICIAN, clinic);
    }

    public static String wearerToken(String clinic, String wearerId) {
        return "Bearer " + TestTokens.forClinic(clinic).role(Roles.WEARER).subject(wearerId).sign();
    }

    /** Enrols a wearer as a clinician; {@code extra} adds or overrides fields of the request. */
    public static ValidatableResponse enrol(String clinic, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("displayName", "Pat Example",
                "birthYear", 1980, "timeZone", "Europe/Berlin"));
        body.putAll(extra);
        return given().header("Authorization", clinician(clinic)).contentType("application/json").body(body)
                .when().post("/v1/wearers").then();
    }

    /** Enrols a wearer as a clinician (201) and answers the id the journal gave it. */
    public static String createWearer(String clinic, Map<String, Object> extra) {
        return enrol(clinic, extra).statusCode(201).extract().path("id");
    }

    public static String createWearer(String clinic) {
        return createWearer(clinic, Map.of());
    }

    /** Fields of a request body as key-value pairs; unlike {@code Map.of}, a value may be null (sent as JSON null). */
    public static Map<String, Object> with(Object... keysAndValues) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }

    /** A pain entry body: a DOMS-like entry at {@code at}; {@code extra} adds or overrides fields. */
    public static Map<String, Object> painEntry(java.time.Instant at, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("at", at.toString(),
                "locations", java.util.List.of("lower_back_central"), "qualities", java.util.List.of("aching"),
                "intensity", 3, "onset", "hours_after", "onsetHours", 24, "movementResponse", "improves"));
        body.putAll(extra);
        return body;
    }

    public static ValidatableResponse postPain(String token, String wearerId, Map<String, Object> body) {
        return post(token, "/v1/wearers/" + wearerId + "/pain-entries", body);
    }

    public static ValidatableResponse post(String token, String path, Object body) {
        return given().header("Authorization", token).contentType("application/json").body(body)
                .when().post(path).then();
    }

    public static ValidatableResponse put(String token, String path, Object body) {
        return given().header("Authorization", token).contentType("application/json").body(body)
                .when().put(path).then();
    }

    /** A request with the token and a JSON body type, to finish with any method. */
    public static io.restassured.specification.RequestSpecification as(String token) {
        return io.restassured.RestAssured.given().header("Authorization", token).contentType("application/json");
    }

    public static ValidatableResponse get(String token, String path) {
        return given().header("Authorization", token).when().get(path).then();
    }
}
