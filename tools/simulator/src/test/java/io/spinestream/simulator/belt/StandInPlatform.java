package io.spinestream.simulator.belt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.spinestream.analysis.core.AnalysisEvent;
import io.spinestream.analysis.core.BatchContext;
import io.spinestream.analysis.core.BeltAnalyzer;
import io.spinestream.events.payload.HapticPattern;
import io.spinestream.events.telemetry.TelemetryJson;
import io.spinestream.events.telemetry.TelemetryParseResult;
import io.spinestream.events.telemetry.TelemetryProtobuf;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * sensor-ingest's belt-facing contract (docs/ingest.md) on loopback, with the platform's haptic
 * path folded in: every new batch goes through the real analyzer core, and each fault it raises
 * becomes a command (alert id = the event's id) on the belt's stream, or in the next upload's
 * answer when no stream is open. A re-sent {@code (beltId, seq)} gets its first acknowledgement
 * again and is not analysed. It can answer 429 or 503 first, as an overloaded ingest does.
 */
final class StandInPlatform implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stand-in");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, String> credentials;
    private final Map<String, BeltAnalyzer> analyzers = new HashMap<>();
    private final Map<String, String> acks = new HashMap<>();
    private final Map<String, List<Long>> seqs = new HashMap<>();
    private final Map<String, BlockingQueue<String>> streams = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, Object>>> waiting = new HashMap<>();
    private final Map<String, Integer> refusals = new ConcurrentHashMap<>();
    private final AtomicInteger protobufBatches = new AtomicInteger();
    private final AtomicInteger jsonBatches = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final List<String> faults = Collections.synchronizedList(new ArrayList<>());
    private volatile int throttleFirst;
    private volatile int unavailableAfter = -1;
    private final AtomicInteger uploads = new AtomicInteger();
    private volatile boolean streamsEnabled = true;

    StandInPlatform(Map<String, String> credentials) throws IOException {
        this.credentials = Map.copyOf(credentials);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/telemetry", this::telemetry);
        server.createContext("/v1/belts/", this::commands);
        server.setExecutor(executor);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The first {@code n} uploads of each belt answer 429 with {@code Retry-After: 1}. */
    StandInPlatform throttleFirst(int n) {
        this.throttleFirst = n;
        return this;
    }

    /** The upload number {@code n} (of all belts) answers 503 with {@code Retry-After: 1}. */
    StandInPlatform unavailableAt(int n) {
        this.unavailableAfter = n;
        return this;
    }

    /** Refuses command streams (404): commands then come with upload answers. */
    StandInPlatform withoutStreams() {
        this.streamsEnabled = false;
        return this;
    }

    int protobufBatches() {
        return protobufBatches.get();
    }

    int jsonBatches() {
        return jsonBatches.get();
    }

    int duplicates() {
        return duplicates.get();
    }

    List<String> faults() {
        return List.copyOf(faults);
    }

    synchronized List<Long> seqs(String beltId) {
        return List.copyOf(seqs.getOrDefault(beltId, List.of()));
    }

    private String belt(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            return null;
        }
        String credential = auth.substring("Bearer ".length());
        return credentials.entrySet().stream().filter(e -> e.getValue().equals(credential)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    private void telemetry(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            String belt = belt(ex);
            if (belt == null) {
                ex.sendResponseHeaders(401, -1);
                return;
            }
            int n = uploads.incrementAndGet();
            if (refusals.merge(belt, 1, Integer::sum) <= throttleFirst) {
                ex.getResponseHeaders().add("Retry-After", "1");
                ex.sendResponseHeaders(429, -1);
                return;
            }
            if (n == unavailableAfter) {
                ex.getResponseHeaders().add("Retry-After", "1");
                ex.sendResponseHeaders(503, -1);
                return;
            }
            boolean protobuf = "application/x-protobuf".equals(ex.getRequestHeaders().getFirst("Content-Type"));
            TelemetryParseResult parsed = protobuf ? TelemetryProtobuf.parse(body) : TelemetryJson.parse(body);
            if (!parsed.isValid() || !parsed.batch().getBeltId().equals(belt)) {
                ex.sendResponseHeaders(400, -1);
                return;
            }
            String ack = accept(belt, parsed.batch(), protobuf);
            byte[] answer = ack.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, answer.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private synchronized String accept(String belt, TelemetryBatch batch, boolean protobuf) throws IOException {
        String key = belt + "/" + batch.getSeq();
        String receivedAt = acks.get(key);
        if (receivedAt != null) {
            duplicates.incrementAndGet();
        } else {
            receivedAt = Instant.now().toString();
            acks.put(key, receivedAt);
            seqs.computeIfAbsent(belt, b -> new ArrayList<>()).add(batch.getSeq());
            (protobuf ? protobufBatches : jsonBatches).incrementAndGet();
            BeltAnalyzer analyzer = analyzers.computeIfAbsent(belt, BeltAnalyzer::new);
            analyzer.analyze(batch, BatchContext.none(), event -> raised(belt, event));
        }
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("beltId", belt);
        ack.put("seq", batch.getSeq());
        ack.put("receivedAt", receivedAt);
        ack.put("commands", waiting.getOrDefault(belt, List.of()));
        waiting.remove(belt);
        return JSON.writeValueAsString(ack);
    }

    private void raised(String belt, AnalysisEvent event) {
        if (!event.isFault()) {
            return;
        }
        faults.add(belt + " " + event.type());
        HapticPattern pattern = HapticPattern.forCode(event.type()).orElseThrow();
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("commandId", UUID.randomUUID().toString());
        command.put("pattern", pattern.name().toLowerCase(java.util.Locale.ROOT));
        command.put("intensityPercent", pattern.intensityPercent());
        command.put("code", event.type());
        command.put("alertId", event.id());
        command.put("issuedAt", Instant.now().toString());
        BlockingQueue<String> stream = streams.get(belt);
        if (stream != null) {
            try {
                stream.add(JSON.writeValueAsString(command));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        } else {
            waiting.computeIfAbsent(belt, b -> new ArrayList<>()).add(command);
        }
    }

    /** {@code GET /v1/belts/{id}/commands}: the stream, until the belt hangs up. */
    private void commands(HttpExchange ex) throws IOException {
        try (ex) {
            String belt = belt(ex);
            if (belt == null) {
                ex.sendResponseHeaders(401, -1);
                return;
            }
            if (!streamsEnabled || !ex.getRequestURI().getPath().equals("/v1/belts/" + belt + "/commands")) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            BlockingQueue<String> queue = new LinkedBlockingQueue<>();
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write(":connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            streams.put(belt, queue);
            try {
                while (true) {
                    String command = queue.poll(1, TimeUnit.SECONDS);
                    String event = command == null ? ":keep-alive\n\n" : "event:command\ndata:" + command + "\n\n";
                    out.write(event.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the belt hung up
            } finally {
                streams.remove(belt, queue);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
