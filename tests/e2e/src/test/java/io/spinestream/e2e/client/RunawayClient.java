package io.spinestream.e2e.client;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A script gone wrong: the same GET with the same token, {@value #IN_FLIGHT} at a time, until the
 * service says 429 — several at once, so that it outpaces any limit's refill however busy the
 * machine is.
 */
public final class RunawayClient {

    private static final int IN_FLIGHT = 16;

    private final Http http;
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

    public RunawayClient(Http http) {
        this.http = http;
    }

    /**
     * Sends {@code GET url} with {@code bearer} until an answer is 429 and returns that answer;
     * fails after {@code atMost} requests without one.
     */
    public Http.Reply untilThrottled(String url, String bearer, int atMost) {
        for (int sent = 0; sent < atMost; sent += IN_FLIGHT) {
            CompletableFuture<?>[] wave = new CompletableFuture<?>[IN_FLIGHT];
            CompletableFuture<Http.Reply> throttled = new CompletableFuture<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                wave[i] = http.client().sendAsync(Http.request(url, bearer).GET().build(), HttpResponse.BodyHandlers.ofString())
                        .thenAccept(r -> {
                            statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                            if (r.statusCode() == 429) {
                                throttled.complete(new Http.Reply(r.statusCode(), r.headers(), r.body(), "GET " + url));
                            }
                        });
            }
            CompletableFuture.allOf(wave).orTimeout(Duration.ofSeconds(60).toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                    .join();
            if (throttled.isDone()) {
                return throttled.join();
            }
        }
        throw new AssertionError("GET " + url + ": no 429 within " + atMost + " requests; answers: " + statuses());
    }

    /** How many answers of each status the client got so far. */
    public Map<Integer, Integer> statuses() {
        Map<Integer, Integer> counts = new TreeMap<>();
        statuses.forEach((status, n) -> counts.put(status, n.get()));
        return counts;
    }
}
