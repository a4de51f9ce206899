package io.spinestream.ingest.support;

import io.restassured.RestAssured;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A belt holding its command stream open: a real HTTP client reading Server-Sent Events line by line. */
public final class SseClient implements AutoCloseable {

    /** One event; {@code comment} is set for comment lines. */
    public record SseEvent(String id, String name, String data, String comment) {
    }

    private static final String END = "\u0000end";

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread reader = new Thread(() -> {
                try {
                    response.body().forEach(lines::add);
                } catch (RuntimeException e) {
                    // The stream was closed by us or by the server: both end it.
                } finally {
                    lines.add(END);
                }
            }, "sse-client");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Opens {@code path} with this {@code Authorization} header (null: none); returns once the headers arrived. */
    public static SseClient open(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return new SseClient(HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** A response header; null when absent. */
    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The whole body of a refused stream (a problem document). */
    public String body() {
        return response.body().collect(Collectors.joining("\n"));
    }

    /** The next event or comment; null when the stream ended. Fails if none comes within {@code timeout}. */
    public SseEvent next(Duration timeout) {
        return next(System.nanoTime() + timeout.toNanos());
    }

    private SseEvent next(long deadline) {
        String id = null;
        String name = null;
        StringBuilder data = null;
        while (true) {
            String line = poll(deadline);
            if (line == null) {
                return null;
            }
            if (line.startsWith(":")) {
                if (data == null && id == null && name == null) {
                    return new SseEvent(null, null, null, value(line.substring(1)));
                }
                continue;
            }
            if (line.isEmpty()) {
                if (data != null || id != null || name != null) {
                    return new SseEvent(id, name, data == null ? null : data.toString(), null);
                }
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : value(line.substring(colon + 1));
            switch (field) {
                case "id" -> id = value;
                case "event" -> name = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                }
            }
        }
    }

    /** The next event that is not a comment; null when the stream ended. Fails if none comes within {@code timeout}. */
    public SseEvent nextEvent(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SseEvent event;
        do {
            event = next(deadline);
        } while (event != null && event.comment() != null);
        return event;
    }

    /** Everything sent until the server ends the stream; fails if it does not within {@code timeout}. */
    public java.util.List<SseEvent> untilEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.List<SseEvent> events = new java.util.ArrayList<>();
        SseEvent event;
        while ((event = next(deadline)) != null) {
            events.add(event);
        }
        return events;
    }

    /** Reads until the server ends the stream; fails if it does not within {@code timeout}. */
    public void awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (poll(deadline) != null) {
            // Discard whatever is still sent.
        }
    }

    private String poll(long deadline) {
        try {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("the stream did not deliver in time");
            }
            return END.equals(line) ? null : line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String value(String raw) {
        return raw.startsWith(" ") ? raw.substring(1) : raw;
    }

    @Override
    public void close() {
        if (response.statusCode() == 200) {
            response.body().close();
        }
    }
}
