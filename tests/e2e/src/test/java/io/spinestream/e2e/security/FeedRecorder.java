package io.spinestream.e2e.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A clinic's live alert feed ({@code GET /v1/feed}, Server-Sent Events) held open as a dashboard holds
 * it, keeping the data of every event it carries, in order.
 */
final class FeedRecorder implements AutoCloseable {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final CompletableFuture<HttpResponse<InputStream>> response;
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private FeedRecorder(String url, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET().build();
        response = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = new Thread(this::read, "e2e-feed-recorder");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the feed and returns once the service confirmed the subscription (its opening comment). */
    static FeedRecorder open(String url, String token) throws InterruptedException {
        FeedRecorder feed = new FeedRecorder(url, token);
        if (!feed.subscribed.await(30, TimeUnit.SECONDS)) {
            feed.close();
            throw new IllegalStateException("the feed " + url + " did not open within 30 s: " + feed.problems);
        }
        return feed;
    }

    private void read() {
        try {
            HttpResponse<InputStream> r = response.get(30, TimeUnit.SECONDS);
            if (r.statusCode() != 200) {
                problems.add("HTTP " + r.statusCode());
                return;
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null && !closed; line = lines.readLine()) {
                    if (line.startsWith(":")) {
                        subscribed.countDown();
                    } else if (line.startsWith("data:")) {
                        events.add(line.substring("data:".length()).strip());
                    }
                }
            }
        } catch (IOException e) {
            if (!closed) {
                problems.add("feed broke: " + e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            problems.add("feed failed: " + e);
        }
    }

    /** The data of every event so far. */
    List<String> events() {
        return List.copyOf(events);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        closed = true;
        response.cancel(true);
        response.thenAccept(r -> {
            try {
                r.body().close();
            } catch (IOException ignored) {
                // going away either way
            }
        });
    }
}
