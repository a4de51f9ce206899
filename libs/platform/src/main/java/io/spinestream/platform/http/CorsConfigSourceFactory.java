package io.spinestream.platform.http;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;

/**
 * Turns the one CORS setting, {@value CorsOrigins#PROPERTY} (environment variable
 * {@code SPINESTREAM_HTTP_CORS_ORIGINS}), into Quarkus' two ({@code quarkus.http.cors.enabled} and
 * {@code .origins}), so that an operator cannot list origins and leave CORS off, or turn it on
 * with none (which would refuse every cross-origin request with 403 yet echo the requested
 * methods). An origin that is not exact fails the start with the reason.
 *
 * <p>Its ordinal sits above the shared defaults (100) and below {@code application.properties}
 * (250) and the environment (300): Quarkus' own settings, set explicitly, still win.
 */
public class CorsConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 150;
    static final String NAME = "spinestream CORS origins (" + CorsOrigins.PROPERTY + ")";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue setting = context.getValue(CorsOrigins.PROPERTY);
        Map<String, String> quarkus = CorsOrigins.quarkusSettings(
                CorsOrigins.parse(setting == null ? null : setting.getValue()));
        return quarkus.isEmpty() ? List.of() : List.of(new PropertiesConfigSource(quarkus, NAME, ORDINAL));
    }
}
