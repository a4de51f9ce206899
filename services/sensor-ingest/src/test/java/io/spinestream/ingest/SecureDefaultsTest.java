package io.spinestream.ingest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.spinestream.ingest.support.Hammer;
import io.spinestream.ingest.support.SseClient;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static io.spinestream.ingest.support.FleetApi.provision;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's secure defaults (libs/platform, docs/security.md "Secure defaults") as sensor-ingest
 * answers them: security headers on every kind of response, CORS off, and the per-token and
 * per-belt rate limits with their default settings.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class SecureDefaultsTest {

    private static final String CLINIC = "clinic-secure-defaults";
    /** Bounds the wait for the first 429 of a runaway client; not a timing of it. */
    private static final Duration UNTIL_THROTTLED = Duration.ofMinutes(3);

    @Test
    void givenEveryKindOfResponse_whenAnswered_thenEachCarriesTheSecurityHeadersAndNamesNoServer() {
        String token = TestTokens.bearer(Roles.CLINIC_ADMIN, CLINIC);
        Response ok = given().header("Authorization", token).when().get("/v1/belts");
        Response unauthorized = given().when().get("/v1/belts");
        Response notFound = given().header("Authorization", token).when().get("/v1/belts/SD-NOBODY");
        Response unrouted = given().when().get("/q/no-such-page");
        Response health = given().when().get("/q/health/live");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(unrouted.statusCode()).isEqualTo(404);
        assertThat(health.statusCode()).isEqualTo(200);
        for (Response response : new Response[]{ok, unauthorized, notFound, unrouted, health}) {
            assertSecurityHeaders(response::header);
        }
        assertThat(unauthorized.contentType()).startsWith("application/problem+json");
    }

    @Test
    void givenNoCorsSetting_whenAForeignSitePreflightsAndCalls_thenNothingAllowsIt() {
        Response preflight = given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "DELETE")
                .header("Access-Control-Request-Headers", "authorization")
                .when().options("/v1/belts");
        Response call = given().header("Origin", "https://evil.example")
                .header("Authorization", TestTokens.bearer(Roles.CLINIC_ADMIN, CLINIC))
                .when().get("/v1/belts");

        for (Response response : new Response[]{preflight, call}) {
            assertThat(response.headers().asList()).as("headers of %d", response.statusCode())
                    .noneMatch(h -> h.getName().toLowerCase().startsWith("access-control-"));
        }
    }

    @Test
    void givenOneTokenHammeringPastItsBurst_whenOverTheLimit_then429ProblemWithRetryAfterWhileAnotherTokenIsServed()
            throws InterruptedException {
        String runaway = TestTokens.bearer(Roles.CLINIC_ADMIN, CLINIC);
        String colleague = TestTokens.bearer(Roles.CLINIC_ADMIN, CLINIC);
        assertThat(runaway).isNotEqualTo(colleague);

        HttpResponse<String> limited;
        try (Hammer hammer = Hammer.get("/v1/belts/SD-NOBODY", runaway)) {
            limited = hammer.firstThrottled(UNTIL_THROTTLED);
            assertThat(hammer.statuses()).as("every answer but the throttled ones").containsOnlyKeys(404, 429);
        }

        assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonPath problem = new JsonPath(limited.body());
        assertThat(problem.getInt("status")).isEqualTo(429);
        assertThat(problem.getString("title")).isEqualTo("Too Many Requests");
        assertThat(problem.getString("detail")).startsWith("too many requests with this token");
        assertThat(problem.getString("instance")).isEqualTo("/v1/belts/SD-NOBODY");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertSecurityHeaders(name -> limited.headers().firstValue(name).orElse(null));
        given().header("Authorization", colleague).when().get("/v1/belts").then().statusCode(200);
        assertThat(given().when().get("/q/metrics").asString())
                .containsPattern("spinestream_http_throttled_total\\{caller=\"token\".*} [1-9]");
    }

    @Test
    void givenABeltHammeringAnyEndpoint_whenOverItsLimit_thenItsCommandStreamIsRefused429WhileAnotherBeltStreams()
            throws InterruptedException {
        String runaway = provision(CLINIC, "SD-RUNAWAY");
        String other = provision(CLINIC, "SD-OTHER");

        // a belt calling where people call is refused (403), and still counted against its own limit
        try (Hammer hammer = Hammer.get("/v1/belts", "Bearer " + runaway)) {
            hammer.firstThrottled(UNTIL_THROTTLED);
            SseClient refused = null;
            for (int i = 0; i < 100 && refused == null; i++) {
                SseClient stream = SseClient.open("/v1/belts/SD-RUNAWAY/commands", "Bearer " + runaway);
                if (stream.status() == 429) {
                    refused = stream;
                } else {
                    assertThat(stream.status()).as("a connect the limit let through").isEqualTo(200);
                    stream.close();
                }
            }
            assertThat(refused).as("a command stream connect refused while the belt is over its limit").isNotNull();
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.header("Retry-After")).isNotNull();
            assertThat(refused.body()).contains("too many requests of belt SD-RUNAWAY");
            assertThat(hammer.statuses()).as("every answer but the throttled ones").containsOnlyKeys(403, 429);
        }

        try (SseClient streaming = SseClient.open("/v1/belts/SD-OTHER/commands", "Bearer " + other)) {
            assertThat(streaming.status()).isEqualTo(200);
            assertThat(streaming.contentType()).startsWith("text/event-stream");
            assertSecurityHeaders(streaming::header);
        }
    }

    private static void assertSecurityHeaders(java.util.function.Function<String, String> header) {
        assertThat(header.apply("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header.apply("Cache-Control")).isEqualTo("no-store");
        assertThat(header.apply("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(header.apply("X-Frame-Options")).isEqualTo("DENY");
        assertThat(header.apply("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(header.apply("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        assertThat(header.apply("Server")).isNull();
    }
}
