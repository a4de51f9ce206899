package io.spinestream.ingest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS once an operator lists origins in the one setting (docs/security.md, "Secure defaults"): exactly
 * those origins may call from a browser, never with credentials, and any other origin gets nothing.
 */
@QuarkusTest
@TestProfile(CorsConfiguredTest.PortalOrigin.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class CorsConfiguredTest {

    static final String PORTAL = "https://portal.clinic.example";

    /** The setting as an operator might write it: another case, a trailing slash. */
    public static class PortalOrigin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("spinestream.http.cors.origins", "https://Portal.Clinic.example/");
        }
    }

    @Test
    void givenTheConfiguredOrigin_whenItsPageWantsToDeleteABelt_thenThePreflightAllowsExactlyThatOriginWithoutCredentials() {
        Response preflight = preflight(PORTAL);

        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(PORTAL);
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isEqualTo("false");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("DELETE");
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("Authorization");
    }

    @Test
    void givenTheConfiguredOrigin_whenItsPageCalls_thenItMayReadTheAnswerAndItsRetryAndLocationHeaders() {
        Response call = given().header("Origin", PORTAL)
                .header("Authorization", TestTokens.bearer(Roles.CLINIC_ADMIN, "clinic-cors"))
                .when().get("/v1/belts");

        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.header("Access-Control-Allow-Origin")).isEqualTo(PORTAL);
        assertThat(call.header("Access-Control-Allow-Credentials")).isEqualTo("false");
        assertThat(call.header("Access-Control-Expose-Headers")).contains("Retry-After").contains("Location");
        assertThat(call.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void givenAnotherOrigin_whenItPreflights_thenNothingAllowsIt() {
        for (String origin : new String[]{"https://evil.example", "https://portal.clinic.example.evil.example",
                "http://portal.clinic.example", "null"}) {
            Response preflight = preflight(origin);

            assertThat(preflight.headers().asList()).as("headers for %s (%d)", origin, preflight.statusCode())
                    .noneMatch(h -> h.getName().toLowerCase().startsWith("access-control-"));
        }
    }

    private static Response preflight(String origin) {
        return given().header("Origin", origin)
                .header("Access-Control-Request-Method", "DELETE")
                .header("Access-Control-Request-Headers", "authorization")
                .when().options("/v1/belts/SB-1");
    }
}
