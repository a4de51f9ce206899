package io.spinestream.platform.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one CORS setting, {@value #PROPERTY}: the exact browser origins allowed, turned into
 * Quarkus' CORS settings. Anything but an exact {@code http(s)://host[:port]} is refused, so a
 * wildcard or a pattern can never open the APIs to every site.
 */
public final class CorsOrigins {

    public static final String PROPERTY = "spinestream.http.cors.origins";

    private CorsOrigins() {
    }

    /**
     * The origins of a comma-separated setting, as a browser sends them in {@code Origin}
     * (scheme and host in lower case, no default port, no trailing slash); none for a blank one.
     *
     * @throws IllegalArgumentException naming the setting and the value that is not an exact origin
     */
    public static List<String> parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return List.of();
        }
        Set<String> origins = new LinkedHashSet<>();
        for (String item : setting.split(",")) {
            String value = item.strip();
            if (!value.isEmpty()) {
                origins.add(origin(value));
            }
        }
        return List.copyOf(origins);
    }

    /** Quarkus' settings that allow exactly {@code origins}; none (CORS stays off) when there are none. */
    public static Map<String, String> quarkusSettings(List<String> origins) {
        if (origins.isEmpty()) {
            return Map.of();
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("quarkus.http.cors.enabled", "true");
        settings.put("quarkus.http.cors.origins", String.join(",", origins));
        return settings;
    }

    private static String origin(String value) {
        if (value.contains("*") || value.startsWith("/")) {
            throw refused(value, "wildcards and patterns are not allowed, list each origin");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw refused(value, "not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw refused(value, "the scheme must be https (or http)");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw refused(value, "expected scheme://host[:port]");
        }
        boolean rootOnly = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!rootOnly || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw refused(value, "an origin has no path, query or fragment");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static IllegalArgumentException refused(String value, String why) {
        return new IllegalArgumentException(PROPERTY + ": '" + value + "' is not an exact origin (" + why
                + "), e.g. https://portal.clinic.example");
    }
}
