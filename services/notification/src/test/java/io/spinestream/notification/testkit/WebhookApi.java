package io.spinestream.notification.testkit;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** An integrator using the webhook API of one clinic. */
public final class WebhookApi {

    /** A subscribed endpoint with the secret shown at creation. */
    public record Endpoint(String id, String secret) {
    }

    private final String clinic;

    public WebhookApi(String clinic) {
        this.clinic = clinic;
    }

    public String token() {
        return TestTokens.forClinic(clinic).role(Roles.INTEGRATOR).subject("integrator-of-" + clinic).sign();
    }

    public Endpoint subscribe(String url, List<String> eventTypes) {
        return subscribe(Map.of("url", url, "eventTypes", eventTypes));
    }

    public Endpoint subscribe(Map<String, Object> body) {
        JsonPath created = given().auth().oauth2(token()).contentType(ContentType.JSON).body(body)
                .when().post("/v1/webhooks/endpoints")
                .then().statusCode(201).extract().jsonPath();
        return new Endpoint(created.getString("id"), created.getString("secret"));
    }

    public JsonPath endpoint(String id) {
        return given().auth().oauth2(token()).when().get("/v1/webhooks/endpoints/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    public JsonPath deliveries(String endpointId, Map<String, ?> query) {
        return given().auth().oauth2(token()).queryParams(query)
                .when().get("/v1/webhooks/endpoints/" + endpointId + "/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }

    public JsonPath delivery(String endpointId, String deliveryId) {
        return given().auth().oauth2(token())
                .when().get("/v1/webhooks/endpoints/" + endpointId + "/deliveries/" + deliveryId)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the endpoint's log holds {@code count} deliveries in {@code status}; returns them. */
    public List<Map<String, Object>> awaitDeliveries(String endpointId, String status, int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                deliveries(endpointId, Map.of("status", status)).getList("items").size() >= count);
        return deliveries(endpointId, Map.of("status", status)).getList("items");
    }
}
