package io.spinestream.notification.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/** A dashboard's view of the live feed: a Server-Sent Events subscription that records events. */
public final class SseClient implements AutoCloseable {

    /** One event: its name ({@code event:}) and data ({@code data:} lines joined). */
    public record SseEvent(String name, String id, String data) {
    }

    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final HttpResponse<Stream<String>> response;
    private final CompletableFuture<Void> reader;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = CompletableFuture.runAsync(this::read);
    }

    /** Subscribes and returns once the stream is open (its opening comment has arrived). */
    public static SseClient subscribe(URI uri, String authorization) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream")
                .header("Authorization", authorization)
                .GET().build();
        try {
            HttpResponse<Stream<String>> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                    .get(30, TimeUnit.SECONDS);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("feed answered " + response.statusCode());
            }
            SseClient sse = new SseClient(response);
            await().atMost(Duration.ofSeconds(30)).until(() -> !sse.comments.isEmpty());
            return sse;
        } catch (Exception e) {
            throw new IllegalStateException("could not subscribe to " + uri, e);
        }
    }

    private void read() {
        String name = null;
        String id = null;
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new SseEvent(name, id, data.toString()));
                    }
                    name = null;
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).trim());
                }
            }
        } catch (RuntimeException closed) {
            // The stream ends when the test closes it.
        }
    }

    public List<SseEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        reader.cancel(true);
        try {
            response.body().close();
        } catch (RuntimeException ignored) {
            // already closed
        }
    }
}
