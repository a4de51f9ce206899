package io.spinestream.platform.http;

import io.vertx.core.MultiMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The headers every response carries, whatever produced it: an API answer, a refusal, a probe, a
 * 404 of the router. An API answers data, never pages: nothing may frame it, run or load anything
 * from it, sniff it into another type, keep it in a cache (health data) or learn where the caller
 * came from. The Swagger UI is the one page, and gets a policy that lets it run its own scripts.
 */
public final class SecurityHeaders {

    public static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    /** The Swagger UI's own scripts and styles, some of them inline; nothing from elsewhere. */
    static final String UI_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";
    static final String UI_PATH = "/q/swagger-ui";
    /** Quarkus' Dev UI, served in dev mode only, brings its own scripts from elsewhere. */
    static final List<String> DEV_PATHS = List.of("/q/dev-ui", "/q/dev");

    /** Headers that would tell which server or framework answers. */
    static final List<String> DISCLOSING = List.of("Server", "X-Powered-By");

    private static final String CORS_PREFIX = "access-control-";
    private static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";

    private final String hsts;

    /** @param hsts the {@code Strict-Transport-Security} value, or null for none */
    public SecurityHeaders(String hsts) {
        this.hsts = hsts;
    }

    public static SecurityHeaders of(HttpHardeningConfig.Hsts config) {
        if (!config.enabled() || config.maxAge().isZero() || config.maxAge().isNegative()) {
            return new SecurityHeaders(null);
        }
        return new SecurityHeaders("max-age=" + config.maxAge().toSeconds()
                + (config.includeSubDomains() ? "; includeSubDomains" : ""));
    }

    /** The headers of a response to {@code path}, in order. */
    public Map<String, String> forPath(String path) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        // Everything here is live (health, metrics) or personal (health data): nothing is worth caching.
        headers.put("Cache-Control", "no-store");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        if (under(path, UI_PATH)) {
            headers.put("Content-Security-Policy", UI_POLICY);
        } else if (DEV_PATHS.stream().noneMatch(dev -> under(path, dev))) {
            headers.put("Content-Security-Policy", API_POLICY);
        }
        if (hsts != null) {
            headers.put("Strict-Transport-Security", hsts);
        }
        return headers;
    }

    /**
     * Sets the headers on a response about to be sent, and removes what discloses the server and,
     * when the response allows no origin, every other CORS header (Quarkus echoes the requested
     * methods and headers into a refused preflight).
     */
    public void applyTo(MultiMap headers, String path) {
        forPath(path).forEach(headers::set);
        DISCLOSING.forEach(headers::remove);
        if (!headers.contains(ALLOW_ORIGIN)) {
            List<String> cors = new ArrayList<>();
            for (String name : headers.names()) {
                if (name.regionMatches(true, 0, CORS_PREFIX, 0, CORS_PREFIX.length())) {
                    cors.add(name);
                }
            }
            cors.forEach(headers::remove);
        }
    }

    private static boolean under(String path, String prefix) {
        return path != null && path.startsWith(prefix)
                && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
