package io.spinestream.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's webhook receiver: a JDK HTTP server on loopback that does what docs/webhooks.md asks
 * of a receiver — reads the raw body, verifies the signature and the timestamp, drops a
 * {@code webhook-id} already processed, answers 204 at once — and writes one line per delivery to
 * {@code .spinestream/logs/webhooks.log}: the verdict, the id, the event type and, for alerts,
 * code, severity, belt and wearer (no values, no reasons, no secrets).
 */
final class WebhookReceiver implements AutoCloseable {

    static final String PATH = "/hooks/spinestream";
    /** Remembered webhook ids (the oldest are forgotten first). */
    private static final int REMEMBERED = 100_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path log;
    private final Clock clock;
    private final Set<String> processed = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile WebhookVerifier verifier;

    private WebhookReceiver(HttpServer server, ExecutorService executor, Path log, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.log = log;
        this.clock = clock;
    }

    /**
     * Listens on 127.0.0.1:{@code preferredPort}, or on any free port when that one is taken.
     *
     * @param log the delivery log (appended)
     */
    static WebhookReceiver start(int preferredPort, Path log, Clock clock) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(loopback, preferredPort), 0);
        } catch (BindException e) {
            server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "demo-webhooks");
            t.setDaemon(true);
            return t;
        });
        Files.createDirectories(log.toAbsolutePath().getParent());
        WebhookReceiver receiver = new WebhookReceiver(server, executor, log, clock);
        server.createContext(PATH, receiver::handle);
        server.setExecutor(executor);
        server.start();
        return receiver;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** The endpoint's secret (set once the endpoint is registered; replaced after a rotation). */
    void secret(String secret) {
        this.verifier = new WebhookVerifier(secret, clock);
    }

    long verified() {
        return verified.get();
    }

    long refused() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            WebhookVerifier v = verifier;
            if (v == null) {
                // not registered yet: come back later
                exchange.getResponseHeaders().add("Retry-After", "5");
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            WebhookVerifier.Verdict verdict = v.verify(id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body);
            if (verdict != WebhookVerifier.Verdict.AUTHENTIC) {
                refused.incrementAndGet();
                write("refused   " + verdict.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + " (webhook-id " + id + ")");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            boolean first;
            synchronized (processed) {
                first = processed.add(id);
            }
            if (first) {
                verified.incrementAndGet();
                write("verified  " + id + "  " + describe(body));
            } else {
                write("duplicate " + id + "  (already processed: acknowledged, not processed again)");
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    /** Type, and for alerts code, severity, belt and wearer; for digests their size. */
    static String describe(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode data = root.path("data");
            StringBuilder sb = new StringBuilder(root.path("type").asText("?"));
            for (String field : new String[] {"code", "severity", "state", "beltId", "wearerId", "count"}) {
                if (data.hasNonNull(field)) {
                    sb.append("  ").append(field).append('=').append(data.get(field).asText());
                }
            }
            return sb.toString();
        } catch (IOException e) {
            return "(not JSON)";
        }
    }

    private synchronized void write(String line) {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            w.println(Instant.now(clock) + " " + line);
        } catch (IOException e) {
            // the log is for people; a full disk must not fail the delivery
        }
    }

    void note(String line) {
        write(line);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
