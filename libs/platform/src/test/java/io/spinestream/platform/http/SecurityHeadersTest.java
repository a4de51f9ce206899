package io.spinestream.platform.http;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityHeadersTest {

    private final SecurityHeaders headers = SecurityHeaders.of(hsts(true, Duration.ofDays(365), false));

    @Test
    void givenAnApiPath_whenItsResponseIsSent_thenItCarriesEveryHeaderOfAnApiThatServesHealthData() {
        MultiMap response = MultiMap.caseInsensitiveMultiMap();

        headers.applyTo(response, "/v1/wearers/w-1");

        assertThat(response.get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.get("Cache-Control")).isEqualTo("no-store");
        assertThat(response.get("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.get("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.get("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(response.get("Strict-Transport-Security")).isEqualTo("max-age=31536000");
    }

    @Test
    void givenAResponseThatSaidItMayBeCachedAndNamedItsServer_whenSent_thenNoStoreWinsAndTheServerIsNotNamed() {
        MultiMap response = MultiMap.caseInsensitiveMultiMap()
                .add("Cache-Control", "max-age=3600").add("server", "vert.x").add("X-Powered-By", "Quarkus");

        headers.applyTo(response, "/q/health/ready");

        assertThat(response.getAll("Cache-Control")).containsExactly("no-store");
        assertThat(response.contains("Server")).isFalse();
        assertThat(response.contains("X-Powered-By")).isFalse();
        assertThat(response.get("Content-Security-Policy")).isEqualTo(SecurityHeaders.API_POLICY);
    }

    @Test
    void givenTheSwaggerUi_whenItsPageIsSent_thenItMayRunItsOwnScriptsButNothingFromElsewhereAndIsNeverFramed() {
        MultiMap response = MultiMap.caseInsensitiveMultiMap();

        headers.applyTo(response, "/q/swagger-ui/index.html");

        assertThat(response.get("Content-Security-Policy")).contains("default-src 'self'")
                .contains("script-src 'self' 'unsafe-inline'").contains("frame-ancestors 'none'")
                .doesNotContain("*").doesNotContain("http");
        assertThat(response.get("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void givenAPathThatOnlyStartsLikeTheSwaggerUi_whenSent_thenItGetsTheApiPolicy() {
        assertThat(headers.forPath("/q/swagger-uix")).containsEntry("Content-Security-Policy", SecurityHeaders.API_POLICY);
        assertThat(headers.forPath("/v1/q/swagger-ui")).containsEntry("Content-Security-Policy", SecurityHeaders.API_POLICY);
        assertThat(headers.forPath(null)).containsEntry("Content-Security-Policy", SecurityHeaders.API_POLICY);
    }

    @Test
    void givenQuarkusDevUi_whenSent_thenNoPolicyBreaksItButTheOtherHeadersStay() {
        assertThat(headers.forPath("/q/dev-ui/extensions")).doesNotContainKey("Content-Security-Policy")
                .containsEntry("X-Frame-Options", "DENY");
    }

    @Test
    void givenARefusedPreflightWithTheMethodsEchoed_whenSent_thenNoCorsHeaderIsLeft() {
        MultiMap response = MultiMap.caseInsensitiveMultiMap()
                .add("Access-Control-Allow-Methods", "DELETE").add("access-control-allow-headers", "authorization")
                .add("Access-Control-Expose-Headers", "Location").add("Vary", "Origin");

        headers.applyTo(response, "/v1/belts");

        assertThat(response.names()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
        assertThat(response.get("Vary")).isEqualTo("Origin");
    }

    @Test
    void givenAnAllowedOrigin_whenSent_thenItsCorsHeadersStay() {
        MultiMap response = MultiMap.caseInsensitiveMultiMap()
                .add("Access-Control-Allow-Origin", "https://portal.clinic.example")
                .add("Access-Control-Allow-Methods", "GET,POST");

        headers.applyTo(response, "/v1/belts");

        assertThat(response.get("Access-Control-Allow-Origin")).isEqualTo("https://portal.clinic.example");
        assertThat(response.get("Access-Control-Allow-Methods")).isEqualTo("GET,POST");
    }

    @Test
    void givenHstsSettings_whenMade_thenTheHeaderFollowsThemAndIsLeftOutWhenOff() {
        assertThat(SecurityHeaders.of(hsts(true, Duration.ofDays(30), true)).forPath("/v1/x"))
                .containsEntry("Strict-Transport-Security", "max-age=2592000; includeSubDomains");
        assertThat(SecurityHeaders.of(hsts(false, Duration.ofDays(30), true)).forPath("/v1/x"))
                .doesNotContainKey("Strict-Transport-Security");
        assertThat(SecurityHeaders.of(hsts(true, Duration.ZERO, false)).forPath("/v1/x"))
                .doesNotContainKey("Strict-Transport-Security");
    }

    private static HttpHardeningConfig.Hsts hsts(boolean enabled, Duration maxAge, boolean subDomains) {
        return new HttpHardeningConfig.Hsts() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Duration maxAge() {
                return maxAge;
            }

            @Override
            public boolean includeSubDomains() {
                return subDomains;
            }
        };
    }
}
