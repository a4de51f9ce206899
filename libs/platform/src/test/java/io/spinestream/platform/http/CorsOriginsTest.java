package io.spinestream.platform.http;

import io.smallrye.config.ConfigValue;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorsOriginsTest {

    @Test
    void givenNoSetting_whenParsed_thenThereIsNoOriginAndCorsStaysOff() {
        assertThat(CorsOrigins.parse(null)).isEmpty();
        assertThat(CorsOrigins.parse("  ")).isEmpty();
        assertThat(CorsOrigins.quarkusSettings(CorsOrigins.parse(""))).isEmpty();
    }

    @Test
    void givenOriginsWrittenLoosely_whenParsed_thenTheyAreWhatABrowserSendsInOrigin() {
        assertThat(CorsOrigins.parse(" https://Portal.Clinic.example/ , http://localhost:3000,https://a.example:443,"
                + "http://b.example:80, https://portal.clinic.example"))
                .containsExactly("https://portal.clinic.example", "http://localhost:3000", "https://a.example",
                        "http://b.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "https://*.clinic.example", "/https://.*\\.clinic\\.example/", "null",
            "portal.clinic.example", "ftp://portal.clinic.example", "https://portal.clinic.example/app",
            "https://user@portal.clinic.example", "https://portal.clinic.example?x=1", "https://", "https://a b"})
    void givenSomethingThatIsNotAnExactOrigin_whenParsed_thenItIsRefusedNamingTheSetting(String value) {
        assertThatThrownBy(() -> CorsOrigins.parse("https://ok.example," + value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spinestream.http.cors.origins")
                .hasMessageContaining(value);
    }

    @Test
    void givenOrigins_whenTurnedIntoQuarkusSettings_thenCorsIsOnForExactlyThem() {
        assertThat(CorsOrigins.quarkusSettings(CorsOrigins.parse("https://a.example,https://b.example")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("quarkus.http.cors.enabled", "true",
                        "quarkus.http.cors.origins", "https://a.example,https://b.example"));
    }

    @Test
    void givenTheSettingInTheEnvironment_whenConfigIsBuilt_thenQuarkusCorsIsOnForThoseOriginsAndExplicitSettingsStillWin() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("quarkus.http.cors.enabled", "false",
                        "quarkus.http.cors.access-control-allow-credentials", "false"), "shared defaults", 100))
                .withSources(new EnvConfigSource(Map.of("SPINESTREAM_HTTP_CORS_ORIGINS", "https://Portal.example/"), 300))
                .withSources(new CorsConfigSourceFactory())
                .build();

        assertThat(config.getValue("quarkus.http.cors.enabled", Boolean.class)).isTrue();
        assertThat(config.getValue("quarkus.http.cors.origins", String.class)).isEqualTo("https://portal.example");
        ConfigValue credentials = config.getConfigValue("quarkus.http.cors.access-control-allow-credentials");
        assertThat(credentials.getValue()).isEqualTo("false");

        SmallRyeConfig overridden = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of(CorsOrigins.PROPERTY, "https://portal.example",
                        "quarkus.http.cors.enabled", "false"), "application.properties", 250))
                .withSources(new CorsConfigSourceFactory())
                .build();
        assertThat(overridden.getValue("quarkus.http.cors.enabled", Boolean.class)).isFalse();
    }

    @Test
    void givenNoOrigins_whenConfigIsBuilt_thenCorsStaysOff() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("quarkus.http.cors.enabled", "false"), "defaults", 100))
                .withSources(new CorsConfigSourceFactory())
                .build();

        assertThat(config.getValue("quarkus.http.cors.enabled", Boolean.class)).isFalse();
        assertThat(config.getOptionalValue("quarkus.http.cors.origins", String.class)).isEmpty();
    }
}
