package io.spinestream.notification.webhook;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.spinestream.events.EventType;
import io.spinestream.notification.testkit.WebhookApi;
import io.spinestream.notification.testkit.WebhookReceiver;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.ClinicIsolationContract;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class WebhookEndpointResourceTest extends ClinicIsolationContract {

    private static WebhookReceiver receiver;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Override
    protected void seed(String clinicId, String id) throws Exception {
        try (var connection = dataSource.getConnection();
             var delete = connection.prepareStatement("DELETE FROM webhook_endpoint WHERE id = ?");
             var insert = connection.prepareStatement("INSERT INTO webhook_endpoint (id, clinic_id, url, secret, "
                     + "created_at, updated_at) VALUES (?, ?, 'https://hooks.example.com/a', ?, now(), now())")) {
            delete.setString(1, id);
            delete.executeUpdate();
            insert.setString(1, id);
            insert.setString(2, clinicId);
            insert.setString(3, WebhookSecrets.generate());
            insert.executeUpdate();
        }
    }

    @Override
    protected String pathOf(String id) {
        return "/v1/webhooks/endpoints/" + id;
    }

    @Override
    protected String readerRole() {
        return Roles.INTEGRATOR;
    }

    @Test
    void givenANewEndpoint_whenCreated_thenTheSecretIsShownOnceAndNeverAgain() {
        WebhookApi api = new WebhookApi("clinic-ep-" + System.nanoTime());

        var created = given().auth().oauth2(api.token()).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "description", "EHR bridge",
                        "eventTypes", List.of(EventType.JOURNAL_RED_FLAG.type())))
                .when().post("/v1/webhooks/endpoints")
                .then().statusCode(201)
                .header("Location", containsString("/v1/webhooks/endpoints/"))
                .body("secret", startsWith("whsec_"))
                .body("enabled", equalTo(true))
                .body("eventTypes", equalTo(List.of(EventType.JOURNAL_RED_FLAG.type())))
                .extract().jsonPath();
        String id = created.getString("id");

        given().auth().oauth2(api.token()).when().get("/v1/webhooks/endpoints/" + id)
                .then().statusCode(200).body("secret", nullValue()).body("description", equalTo("EHR bridge"));
        given().auth().oauth2(api.token()).when().get("/v1/webhooks/endpoints")
                .then().statusCode(200).body("id", hasItem(id)).body("secret", not(hasItem(startsWith("whsec_"))));
    }

    @Test
    void givenAnEndpoint_whenItsSecretIsRotated_thenANewSecretIsShownOnceAndTheOldOneOverlaps() {
        WebhookApi api = new WebhookApi("clinic-ep-" + System.nanoTime());
        WebhookApi.Endpoint endpoint = api.subscribe(receiver.url(), List.of());

        var rotated = given().auth().oauth2(api.token()).contentType(ContentType.JSON).body("{\"overlap\":\"PT2H\"}")
                .when().post("/v1/webhooks/endpoints/" + endpoint.id() + "/rotate-secret")
                .then().statusCode(200).extract().jsonPath();

        assertThat(rotated.getString("secret")).startsWith("whsec_").isNotEqualTo(endpoint.secret());
        Instant expires = Instant.parse(rotated.getString("previousSecretExpiresAt"));
        assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofMinutes(110), Duration.ofMinutes(121));
        assertThat(api.endpoint(endpoint.id()).getString("secret")).isNull();
        given().auth().oauth2(api.token()).contentType(ContentType.JSON).body("{\"overlap\":\"P30D\"}")
                .when().post("/v1/webhooks/endpoints/" + endpoint.id() + "/rotate-secret")
                .then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("overlap"));
    }

    @Test
    void givenInvalidSubscriptions_whenCreated_then400ProblemNamingTheField() {
        WebhookApi api = new WebhookApi("clinic-ep-" + System.nanoTime());

        assertRejected(api, Map.of("url", receiver.url(), "eventTypes", List.of("io.example.whatever.v1")), "eventTypes[0]");
        assertRejected(api, Map.of("eventTypes", List.of()), "url");
        assertRejected(api, Map.of("url", "ftp://hooks.example.com/x"), "url");
        assertRejected(api, Map.of("url", "http://10.0.0.7/hook"), "url");
        assertRejected(api, Map.of("url", "http://169.254.169.254/latest/meta-data"), "url");
        assertRejected(api, Map.of("url", "http://[fd00::1]/hook"), "url");
        assertRejected(api, Map.of("url", "http://user:pw@hooks.example.com/hook"), "url");
        assertRejected(api, Map.of("url", receiver.url(), "digest", Map.of("enabled", true, "window", "PT2H")),
                "digest.window");
        given().auth().oauth2(api.token()).contentType(ContentType.JSON).body("{\"url\": 5, \"eventTypes\": \"x\"}")
                .when().post("/v1/webhooks/endpoints")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void givenAnEndpoint_whenDisabledReEnabledAndDeleted_thenItsStateFollows() {
        WebhookApi api = new WebhookApi("clinic-ep-" + System.nanoTime());
        WebhookApi.Endpoint endpoint = api.subscribe(receiver.url(), List.of());

        given().auth().oauth2(api.token()).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "enabled", false))
                .when().put("/v1/webhooks/endpoints/" + endpoint.id())
                .then().statusCode(200).body("enabled", equalTo(false))
                .body("disabledReason", containsString("integrator-of-"));
        given().auth().oauth2(api.token()).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "enabled", true, "digest", Map.of("enabled", true, "window", "PT1M")))
                .when().put("/v1/webhooks/endpoints/" + endpoint.id())
                .then().statusCode(200).body("enabled", equalTo(true)).body("disabledReason", nullValue())
                .body("digest.enabled", equalTo(true)).body("digest.window", equalTo("PT1M"));
        given().auth().oauth2(api.token()).when().delete("/v1/webhooks/endpoints/" + endpoint.id())
                .then().statusCode(204);
        given().auth().oauth2(api.token()).when().get("/v1/webhooks/endpoints/" + endpoint.id())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void givenAnEndpointOfClinicA_whenClinicBTouchesItOrItsLog_then404AsIfAbsent() {
        WebhookApi clinicA = new WebhookApi("clinic-ep-a-" + System.nanoTime());
        WebhookApi clinicB = new WebhookApi("clinic-ep-b-" + System.nanoTime());
        WebhookApi.Endpoint endpoint = clinicA.subscribe(receiver.url(), List.of());
        String path = "/v1/webhooks/endpoints/" + endpoint.id();

        given().auth().oauth2(clinicB.token()).when().get("/v1/webhooks/endpoints")
                .then().statusCode(200).body("id", not(hasItem(endpoint.id())));
        given().auth().oauth2(clinicB.token()).contentType(ContentType.JSON).body(Map.of("url", receiver.url()))
                .when().put(path).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(clinicB.token()).contentType(ContentType.JSON).body("{}")
                .when().post(path + "/rotate-secret").then().statusCode(404);
        given().auth().oauth2(clinicB.token()).when().get(path + "/deliveries").then().statusCode(404);
        given().auth().oauth2(clinicB.token()).when().get(path + "/deliveries/dlv_x").then().statusCode(404);
        given().auth().oauth2(clinicB.token()).contentType(ContentType.JSON).body("{}")
                .when().post(path + "/deliveries/dlv_x/replay").then().statusCode(404);
        given().auth().oauth2(clinicB.token()).contentType(ContentType.JSON)
                .body(Map.of("since", "2026-01-01T00:00:00Z", "until", "2027-01-01T00:00:00Z"))
                .when().post(path + "/deliveries/replay").then().statusCode(404);
        given().auth().oauth2(clinicB.token()).when().delete(path).then().statusCode(404);
        clinicA.endpoint(endpoint.id());
    }

    @Test
    void givenAClinicianOrAWearer_whenManagingSubscriptions_then403() {
        given().auth().oauth2(TestTokens.forClinic(CLINIC_A).role(Roles.CLINICIAN).sign())
                .when().get("/v1/webhooks/endpoints").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.forClinic(CLINIC_A).role(Roles.WEARER).sign())
                .contentType(ContentType.JSON).body(Map.of("url", receiver.url()))
                .when().post("/v1/webhooks/endpoints").then().statusCode(403);
        given().auth().oauth2(TestTokens.forClinic(CLINIC_A).role(Roles.CLINIC_ADMIN).sign())
                .when().get("/v1/webhooks/endpoints").then().statusCode(200);
    }

    @Test
    void givenAnIntegrator_whenAskingWhatCanBeSubscribed_thenEveryAlertTypeAndTheLifecycleAreListed() {
        given().auth().oauth2(new WebhookApi(CLINIC_A).token()).when().get("/v1/webhooks/event-types")
                .then().statusCode(200)
                .body("$", hasItem(EventType.FORM_FAULT.type()))
                .body("$", hasItem(EventType.JOURNAL_RED_FLAG.type()))
                .body("$", hasItem(EventType.FLEET_ALERT.type()))
                .body("$", hasItem(EventType.ALERT_STATE_CHANGED.type()));
    }

    private static void assertRejected(WebhookApi api, Map<String, Object> body, String field) {
        given().auth().oauth2(api.token()).contentType(ContentType.JSON).body(body)
                .when().post("/v1/webhooks/endpoints")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }
}
