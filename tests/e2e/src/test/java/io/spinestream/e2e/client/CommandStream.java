package io.spinestream.e2e.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A belt's command stream ({@code GET /v1/belts/{id}/commands}, Server-Sent Events) held open the way
 * a belt holds it, read on a thread of its own. Comments ({@code :connected}, {@code :keep-alive}) are
 * noted, {@code command} events parsed.
 */
public final class CommandStream implements AutoCloseable {

    private final CountDownLatch connected = new CountDownLatch(1);
    private final Consumer<Command> sink;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile InputStream body;
    private volatile int status = -1;
    private volatile boolean closed;
    private final CompletableFuture<HttpResponse<InputStream>> response;
    private final Thread reader;

    CommandStream(HttpClient client, String url, String credential, Consumer<Command> sink) {
        this.sink = sink;
        HttpRequest request = HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Authorization", "Bearer " + credential)
                .header("Accept", "text/event-stream")
                .GET().build();
        this.response = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        this.reader = new Thread(this::read, "e2e-command-stream");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Waits until the service said {@code :connected}; fails with what went wrong otherwise. */
    public CommandStream awaitConnected(Duration timeout) throws InterruptedException {
        if (!connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the command stream did not connect within " + timeout + " (HTTP " + status + ") "
                    + problems);
        }
        return this;
    }

    private void read() {
        try {
            HttpResponse<InputStream> r = response.get(30, TimeUnit.SECONDS);
            status = r.statusCode();
            body = r.body();
            if (status != 200) {
                problems.add("HTTP " + status + ": " + new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
                return;
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String event = null;
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null && !closed; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        dispatch(event, data.toString());
                        event = null;
                        data.setLength(0);
                    } else if (line.startsWith(":")) {
                        if (line.startsWith(":connected")) {
                            connected.countDown();
                        }
                    } else if (line.startsWith("event:")) {
                        event = line.substring("event:".length()).strip();
                    } else if (line.startsWith("data:")) {
                        if (!data.isEmpty()) {
                            data.append('\n');
                        }
                        data.append(line.substring("data:".length()).stripLeading());
                    }
                }
            }
        } catch (IOException e) {
            if (!closed) {
                problems.add("stream broke: " + e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            problems.add("stream failed: " + e);
        }
    }

    private void dispatch(String event, String data) {
        if (!"command".equals(event) || data.isEmpty()) {
            return;
        }
        try {
            sink.accept(Command.of(Http.JSON.readTree(data), "stream"));
        } catch (JsonProcessingException e) {
            problems.add("unreadable command: " + data);
        }
    }

    /** What went wrong on the stream, if anything (a broken stream loses commands). */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        closed = true;
        response.cancel(true);
        InputStream in = body;
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the stream is going away either way
            }
        }
        reader.interrupt();
    }
}
