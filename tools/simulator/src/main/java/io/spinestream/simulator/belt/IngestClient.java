package io.spinestream.simulator.belt;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The belts' side of sensor-ingest (docs/ingest.md): {@code POST /v1/telemetry} and the command
 * stream {@code GET /v1/belts/{id}/commands}, over one shared {@link HttpClient} (HTTP/1.1,
 * keep-alive: each belt's uploads reuse its connection; its stream holds one more). Everything is
 * asynchronous: a thousand belts need no thread each.
 */
public final class IngestClient {

    /** How long an upload may take before it counts as a timeout (the platform answers in milliseconds). */
    public static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(15);

    private final URI base;
    private final HttpClient http;

    /**
     * @param base     sensor-ingest's base URL, e.g. {@code http://127.0.0.1:8081}
     * @param executor runs response handling (a small pool)
     */
    public IngestClient(URI base, Executor executor) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    public URI base() {
        return base;
    }

    HttpClient http() {
        return http;
    }

    /** The outcome of one upload attempt. {@code status} is 0 when no answer came ({@code failure} says why). */
    record Upload(int status, String body, OptionalLong retryAfterSeconds, Throwable failure) {
    }

    /** Sends one batch, JSON or Protobuf; never completes exceptionally. */
    CompletableFuture<Upload> upload(BeltAccount belt, byte[] body, boolean protobuf) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/telemetry"))
                .timeout(UPLOAD_TIMEOUT)
                .header("Authorization", "Bearer " + belt.credential())
                .header("Content-Type", protobuf ? "application/x-protobuf" : "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> failure != null
                        ? new Upload(0, null, OptionalLong.empty(), unwrap(failure))
                        : new Upload(response.statusCode(), response.body(), retryAfter(response), null));
    }

    /** The command stream request of a belt. */
    HttpRequest commandStream(BeltAccount belt) {
        return HttpRequest.newBuilder(base.resolve("/v1/belts/" + belt.beltId() + "/commands"))
                .header("Authorization", "Bearer " + belt.credential())
                .header("Accept", "text/event-stream")
                .GET()
                .build();
    }

    /** {@code Retry-After} in seconds (the platform sends seconds; an HTTP date counts as 1 s). */
    static OptionalLong retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                return OptionalLong.of(Math.max(0, Long.parseLong(v.trim())));
            } catch (NumberFormatException e) {
                return OptionalLong.of(1);
            }
        }).orElse(OptionalLong.empty());
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
