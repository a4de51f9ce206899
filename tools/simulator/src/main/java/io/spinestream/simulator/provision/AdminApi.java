package io.spinestream.simulator.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON calls to one of the platform's services as a person of the clinic. Errors become
 * {@link ApiException}s that name the request and the problem+json detail.
 */
public final class AdminApi {

    /** An answer: status and JSON body (null when empty or not JSON). */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final TokenSource tokens;
    private final HttpClient http;

    public AdminApi(URI base, TokenSource tokens) {
        this.base = base;
        this.tokens = tokens;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI base() {
        return base;
    }

    public Answer get(String path, String role) {
        return send("GET", path, role, null);
    }

    public Answer post(String path, String role, Object body) {
        return send("POST", path, role, body);
    }

    public Answer put(String path, String role, Object body) {
        return send("PUT", path, role, body);
    }

    /**
     * Every item of a paged list ({@code {"items": [...], "nextCursor": "..."}}, the platform's
     * lists), page after page.
     */
    public void forEachItem(String path, int pageSize, String role, java.util.function.Consumer<JsonNode> item) {
        String cursor = null;
        do {
            Map<String, String> q = new java.util.LinkedHashMap<>();
            q.put("limit", Integer.toString(pageSize));
            q.put("cursor", cursor);
            Answer a = get(query(path, q), role);
            if (!a.ok()) {
                throw fail("GET " + path, a);
            }
            a.body().path("items").forEach(item);
            cursor = a.body().path("nextCursor").isTextual() ? a.body().path("nextCursor").asText() : null;
        } while (cursor != null);
    }

    /** A path with its query, values URL-encoded. */
    public static String query(String path, Map<String, String> params) {
        String q = params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return q.isEmpty() ? path : path + "?" + q;
    }

    private Answer send(String method, String path, String role, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + tokens.token(role))
                .header("Accept", "application/json");
        try {
            if (body == null) {
                b.method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("")
                        : HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = null;
            if (response.body().length > 0) {
                try {
                    json = JSON.readTree(response.body());
                } catch (IOException e) {
                    json = null;
                }
            }
            return new Answer(response.statusCode(), json);
        } catch (IOException e) {
            throw new ApiException(method + " " + base.resolve(path) + ": no answer (" + e.getMessage()
                    + "). Is the platform running? ./spinestream status", 0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(method + " " + path + " interrupted", 0, null);
        }
    }

    /** An {@link ApiException} for an answer that was not the one needed. */
    public ApiException fail(String request, Answer a) {
        StringBuilder sb = new StringBuilder(request).append(" answered ").append(a.status());
        JsonNode p = a.body();
        if (p != null) {
            if (p.hasNonNull("detail")) {
                sb.append(": ").append(p.get("detail").asText());
            } else if (p.hasNonNull("title")) {
                sb.append(": ").append(p.get("title").asText());
            }
            for (JsonNode v : p.path("violations")) {
                sb.append("; ").append(v.path("field").asText()).append(" (").append(v.path("rule").asText())
                        .append("): ").append(v.path("message").asText());
            }
        }
        if (a.status() == 401) {
            sb.append(" — the token was refused: do the services verify tokens with this checkout's key"
                    + " (.spinestream/keys)?");
        }
        return new ApiException(sb.toString(), a.status(), p);
    }
}
