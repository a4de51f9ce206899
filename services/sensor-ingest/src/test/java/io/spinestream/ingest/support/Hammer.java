package io.spinestream.ingest.support;

import io.restassured.RestAssured;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A runaway client: sends one request over and over, several at a time, until closed, so that a
 * rate limit is exceeded however slow the machine is (a single client waiting for each answer may
 * be slower than the limit refills).
 */
public final class Hammer implements AutoCloseable {

    private static final int IN_FLIGHT = 16;
    private static final int AT_MOST = 100_000;

    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<HttpResponse<String>> firstThrottled = new AtomicReference<>();
    private final CountDownLatch throttled = new CountDownLatch(1);
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Thread sender;

    private Hammer(HttpRequest request) {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        sender = new Thread(() -> {
            for (int i = 0; i < AT_MOST && running.get(); i++) {
                try {
                    slots.acquire();
                } catch (InterruptedException e) {
                    return;
                }
                client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                    slots.release();
                    if (failure != null) {
                        if (running.get()) {
                            failures.add(failure);
                        }
                        return;
                    }
                    statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                    if (response.statusCode() == 429 && firstThrottled.compareAndSet(null, response)) {
                        throttled.countDown();
                    }
                });
            }
        }, "hammer");
        sender.setDaemon(true);
        sender.start();
    }

    /** Starts sending {@code GET path} with this {@code Authorization} header. */
    public static Hammer get(String path, String authorization) {
        return new Hammer(HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("Authorization", authorization).timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** The first 429 answered; fails if none came within {@code timeout}. */
    public HttpResponse<String> firstThrottled(Duration timeout) throws InterruptedException {
        if (!throttled.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no 429 within " + timeout + "; answers so far: " + statuses()
                    + (failures.isEmpty() ? "" : ", failures: " + failures));
        }
        return firstThrottled.get();
    }

    /** How many answers of each status came so far. */
    public Map<Integer, Integer> statuses() {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        sender.join(TimeUnit.SECONDS.toMillis(30));
    }
}
