package io.spinestream.e2e.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An integrator's webhook receiver on loopback (JDK HTTP server), one path per subscribed endpoint
 * ({@code /hooks/<name>}). It keeps every request exactly as received, verifies its signature with
 * the endpoint's secret and answers as docs/webhooks.md recommends: 204 when authentic, 401 when not.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final String PREFIX = "/hooks/";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "e2e-webhook-receiver");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, List<ReceivedWebhook>> received = new ConcurrentHashMap<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext(PREFIX, receiver::handle);
        server.setExecutor(receiver.executor);
        server.start();
        return receiver;
    }

    /** Where an endpoint named {@code name} receives (plain http on loopback, allowed for this suite). */
    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PREFIX + name;
    }

    /** The secret to verify {@code name}'s deliveries with (shown once, when the endpoint was created). */
    public void trust(String name, String secret) {
        secrets.put(name, secret);
    }

    /** Everything {@code name} received so far, in arrival order. */
    public List<ReceivedWebhook> received(String name) {
        return List.copyOf(received.getOrDefault(name, List.of()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String name = exchange.getRequestURI().getPath().substring(PREFIX.length());
            var headers = exchange.getRequestHeaders();
            String id = headers.getFirst("webhook-id");
            String timestamp = headers.getFirst("webhook-timestamp");
            String signature = headers.getFirst("webhook-signature");
            Instant now = Instant.now();
            boolean verified = "POST".equals(exchange.getRequestMethod())
                    && WebhookSignature.verify(secrets.get(name), id, timestamp, signature, body, now);
            received.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>())
                    .add(new ReceivedWebhook(name, id, timestamp, signature, headers.getFirst("content-type"), body,
                            verified, now));
            exchange.sendResponseHeaders(verified ? 204 : 401, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
