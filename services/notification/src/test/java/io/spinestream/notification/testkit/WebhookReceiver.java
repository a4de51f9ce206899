package io.spinestream.notification.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A webhook receiver on loopback, as an integrator would run one: records every request (headers
 * and raw body) and answers from a script — fail N times, 410, 429 with Retry-After, or hang —
 * then 204 for everything else.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    public record Received(Instant at, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** One scripted answer. */
    public record Answer(int status, Map<String, String> headers, boolean hangs) {
        public static Answer status(int status) {
            return new Answer(status, Map.of(), false);
        }

        public static Answer retryAfter(int status, String retryAfter) {
            return new Answer(status, Map.of("Retry-After", retryAfter), false);
        }

        /** Never answers (until the receiver is closed or released): a receiver that hangs. */
        public static Answer hanging() {
            return new Answer(0, Map.of(), true);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private final CountDownLatch release = new CountDownLatch(1);

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static WebhookReceiver start() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the test receiver", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/spinestream";
    }

    /** Answers the next requests with these, in order; 204 afterwards. */
    public synchronized WebhookReceiver answering(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** Answers every following request with {@code status}. */
    public synchronized WebhookReceiver alwaysAnswering(int status) {
        for (int i = 0; i < 1000; i++) {
            script.add(Answer.status(status));
        }
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits until at least {@code count} requests arrived. */
    public List<Received> awaitRequests(int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> received.size() >= count);
        return received();
    }

    private synchronized Answer next() {
        Answer answer = script.poll();
        return answer == null ? Answer.status(204) : answer;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
        received.add(new Received(Instant.now(), headers, new String(body, StandardCharsets.UTF_8)));
        Answer answer = next();
        if (answer.hangs()) {
            try {
                release.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(answer.status(), -1);
        exchange.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
