package io.spinestream.platform.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What every service answers browsers with (docs/security.md, "Secure defaults"): the security
 * headers of {@link SecurityHeaders} and cross-origin access.
 */
@ConfigMapping(prefix = "spinestream.http")
public interface HttpHardeningConfig {

    /** {@code Strict-Transport-Security}. */
    Hsts hsts();

    /** Cross-origin requests from browsers (CORS). */
    Cors cors();

    interface Hsts {
        /**
         * Whether responses tell browsers to reach this host over HTTPS only. Browsers heed it only
         * on a response that came over TLS (usually terminated by the ingress in front of the
         * service); over plain HTTP they ignore it.
         */
        @WithDefault("true")
        boolean enabled();

        /** How long a browser keeps to HTTPS for this host after a response ({@code max-age}). */
        @WithDefault("365d")
        Duration maxAge();

        /**
         * Whether the rule covers every subdomain of the host too ({@code includeSubDomains}); only
         * where each of them is served over HTTPS.
         */
        @WithDefault("false")
        boolean includeSubDomains();
    }

    interface Cors {
        /**
         * The browser origins ({@code scheme://host[:port]}) allowed to call the APIs, comma-separated,
         * e.g. {@code https://portal.clinic.example}. None (the default): CORS stays off and no
         * cross-origin browser request is allowed. Exact origins only: no {@code *}, no patterns.
         * Environment variable {@code SPINESTREAM_HTTP_CORS_ORIGINS}; applied by
         * {@link CorsConfigSourceFactory}.
         */
        Optional<List<String>> origins();
    }
}
