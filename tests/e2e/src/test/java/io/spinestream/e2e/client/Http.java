package io.spinestream.e2e.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.spinestream.e2e.logscan.IssuedSecrets;

/** JSON over HTTP/1.1 with bearer tokens (JDK client), the way a clinic's app or a belt calls the APIs. */
public final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** An answer: status, headers and body. */
    public record Reply(int status, java.net.http.HttpHeaders headers, String body, String request) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(request + " answered a body that is not JSON: " + body, e);
            }
        }

        /** This reply, after checking its status (the failure names the request and shows the body). */
        public Reply expect(int expected) {
            if (status != expected) {
                throw new AssertionError(request + " answered " + status + ", expected " + expected + ": " + body);
            }
            return this;
        }
    }

    HttpClient client() {
        return client;
    }

    public Reply get(String url, String bearer) {
        return send(request(url, bearer).GET(), "GET " + url);
    }

    /** A GET of a plain-text resource (e.g. Prometheus metrics). */
    public Reply getText(String url) {
        return send(request(url, null).setHeader("Accept", "text/plain").GET(), "GET " + url);
    }

    public Reply post(String url, String bearer, Object body) {
        return send(request(url, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))), "POST " + url);
    }

    public Reply put(String url, String bearer, Object body) {
        return send(request(url, bearer).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))), "PUT " + url);
    }

    public Reply postBytes(String url, String bearer, String contentType, byte[] body) {
        return send(request(url, bearer).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), "POST " + url);
    }

    /**
     * Any method with a raw body (null: none), asking for {@code accept}: for a test that must send exactly
     * what a client of the endpoint would, whatever the endpoint.
     */
    public Reply send(String method, String url, String bearer, String accept, String contentType, byte[] body) {
        HttpRequest.Builder b = request(url, bearer).setHeader("Accept", accept);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return send(b, method + " " + url);
    }

    /**
     * Connects to a Server-Sent Events stream the way its client does, and hangs up once the answer is
     * known: an accepted stream's body is its first line (the service's opening comment), a refused one's
     * body is read whole.
     */
    public Reply openEventStream(String url, String bearer, Duration firstLineWithin) {
        String what = "GET " + url + " (event stream)";
        HttpRequest request = request(url, bearer).setHeader("Accept", "text/event-stream").GET().build();
        CompletableFuture<HttpResponse<InputStream>> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        try {
            HttpResponse<InputStream> r = response.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    return new Reply(r.statusCode(), r.headers(), new String(in.readAllBytes(), StandardCharsets.UTF_8), what);
                }
                CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
                    try {
                        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                try {
                    return new Reply(200, r.headers(), firstLine.get(firstLineWithin.toMillis(), TimeUnit.MILLISECONDS), what);
                } catch (TimeoutException e) {
                    return new Reply(200, r.headers(), "", what);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(what + " failed", e);
        } catch (ExecutionException | TimeoutException e) {
            response.cancel(true);
            throw new IllegalStateException(what + " failed", e);
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    static HttpRequest.Builder request(String url, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Accept", "application/json");
        if (bearer != null) {
            IssuedSecrets.record(bearer);
            b.header("Authorization", "Bearer " + bearer);
        }
        return b;
    }

    private Reply send(HttpRequest.Builder request, String what) {
        try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            recordSecretsShown(r.body());
            return new Reply(r.statusCode(), r.headers(), r.body(), what);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    /** Belt credentials and webhook secrets are shown once, in an answer: the log scan must know them all. */
    private static void recordSecretsShown(String body) {
        if (body == null || !(body.contains("\"credential\"") || body.contains("\"secret\""))) {
            return;
        }
        try {
            JsonNode json = JSON.readTree(body);
            json.findValues("credential").forEach(v -> IssuedSecrets.record(v.asText(null)));
            json.findValues("secret").forEach(v -> IssuedSecrets.record(v.asText(null)));
        } catch (JsonProcessingException notJson) {
            // not an API answer that shows a secret
        }
    }

    static String write(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable: " + body, e);
        }
    }
}
