package io.spinestream.simulator.belt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A belt's command stream (Server-Sent Events, docs/ingest.md "The command stream"), held open
 * and reopened when it drops (after 1, 2, 4 … at most 15 s). Lines are parsed as they arrive on
 * the HTTP client's executor; no thread waits on the stream.
 */
final class CommandStream {

    /** What the stream tells its belt. Called from the HTTP client's threads. */
    interface Listener {
        /** The {@code :connected} comment arrived: commands from now on reach this stream. */
        void connected();

        void command(ReceivedCommand command);

        /** The stream dropped or could not be opened; it is reopened unless closed. */
        void dropped(int status, Throwable failure);
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BACKOFF_MS = 15_000;

    private final IngestClient client;
    private final ScheduledExecutorService scheduler;
    private final Listener listener;
    private volatile BeltAccount belt;
    private volatile boolean closed;
    private volatile Flow.Subscription subscription;
    private volatile long lastLineNanos = System.nanoTime();
    private int failures;

    CommandStream(IngestClient client, ScheduledExecutorService scheduler, BeltAccount belt, Listener listener) {
        this.client = client;
        this.scheduler = scheduler;
        this.belt = belt;
        this.listener = listener;
    }

    /** Uses another credential from the next (re)connection on. */
    void credential(BeltAccount account) {
        this.belt = account;
    }

    void open() {
        if (closed) {
            return;
        }
        lastLineNanos = System.nanoTime();
        Lines lines = new Lines();
        client.http().sendAsync(client.commandStream(belt), info -> info.statusCode() == 200
                        ? HttpResponse.BodySubscribers.<Lines, Void>fromLineSubscriber(lines, s -> null, java.nio.charset.StandardCharsets.UTF_8, null)
                        : HttpResponse.BodySubscribers.<Void>replacing(null))
                .whenComplete((response, failure) -> {
                    if (closed) {
                        return;
                    }
                    int status = response == null ? 0 : response.statusCode();
                    listener.dropped(status, failure == null ? null : IngestClient.unwrap(failure));
                    reopenLater(lines.sawLine);
                });
    }

    private synchronized void reopenLater(boolean wasUp) {
        if (closed) {
            return;
        }
        failures = wasUp ? 0 : failures + 1;
        long delay = Math.min(MAX_BACKOFF_MS, 1000L << Math.min(failures, 4));
        scheduler.schedule(this::open, delay, TimeUnit.MILLISECONDS);
    }

    /** Nanoseconds since the last line (the platform sends a keep-alive every 15 s). */
    long silentForNanos(long nowNanos) {
        return nowNanos - lastLineNanos;
    }

    /** Drops the connection; it is reopened as after any drop. */
    void recycle() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    void close() {
        closed = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    /** Parses the event stream line by line. */
    private final class Lines implements Flow.Subscriber<String> {

        private final StringBuilder data = new StringBuilder();
        private boolean sawLine;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (closed) {
                s.cancel();
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            lastLineNanos = System.nanoTime();
            if (!sawLine) {
                sawLine = true;
                listener.connected();
            }
            if (line.isEmpty()) {
                dispatch();
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(strip(line.substring(5)));
            }
            // comments (":keep-alive"), "id:" and "event:" need no handling: every event is a command
        }

        private void dispatch() {
            if (data.length() == 0) {
                return;
            }
            String json = data.toString();
            data.setLength(0);
            try {
                listener.command(parse(json, lastLineNanos, true));
            } catch (IOException e) {
                listener.dropped(-1, e);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // the response future completes too; it reconnects
        }

        @Override
        public void onComplete() {
            dispatch();
        }
    }

    private static String strip(String value) {
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    /** A command's JSON ({@code CommandView} of sensor-ingest). */
    static ReceivedCommand parse(String json, long receivedNanos, boolean onStream) throws IOException {
        return parse(JSON.readTree(json), receivedNanos, onStream);
    }

    static ReceivedCommand parse(JsonNode c, long receivedNanos, boolean onStream) {
        return new ReceivedCommand(text(c, "commandId"), text(c, "code"), text(c, "alertId"), text(c, "pattern"),
                receivedNanos, onStream);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
