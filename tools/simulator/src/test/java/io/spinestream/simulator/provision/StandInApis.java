package io.spinestream.simulator.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The registry API of sensor-ingest and the wearer API of the journal as docs/ingest.md and
 * docs/journal.md describe them (one clinic, pages of at most two items so paging is exercised),
 * counting the calls that change something.
 */
final class StandInApis implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    /** Belts of the caller's clinic, by id. */
    final Map<String, ObjectNode> belts = new TreeMap<>();
    /** Ids provisioned by another clinic. */
    final java.util.Set<String> othersBelts = ConcurrentHashMap.newKeySet();
    final Map<String, ObjectNode> wearers = new TreeMap<>();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    /** A journal that takes the wearer's id from the client (before server-assigned ids). */
    volatile boolean clientWearerIds;
    private final AtomicInteger serial = new AtomicInteger();

    StandInApis() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int calls(String what) {
        AtomicInteger n = calls.get(what);
        return n == null ? 0 : n.get();
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        try (ex) {
            JsonNode body;
            try (InputStream in = ex.getRequestBody()) {
                byte[] bytes = in.readAllBytes();
                body = bytes.length == 0 ? null : JSON.readTree(bytes);
            }
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getQuery();
            String cursor = query == null || !query.contains("cursor=") ? null
                    : query.substring(query.indexOf("cursor=") + 7).split("&")[0];
            if (method.equals("GET") && path.equals("/v1/belts")) {
                send(ex, 200, page(belts, cursor));
            } else if (method.equals("POST") && path.equals("/v1/belts:bulk")) {
                count("bulk");
                ArrayNode taken = JSON.createArrayNode();
                for (JsonNode b : body.path("belts")) {
                    if (belts.containsKey(b.path("id").asText()) || othersBelts.contains(b.path("id").asText())) {
                        taken.addObject().put("field", "belts.id").put("rule", "unique").put("message", b.path("id").asText());
                    }
                }
                if (!taken.isEmpty()) {
                    ObjectNode problem = JSON.createObjectNode().put("status", 409).put("title", "Conflict");
                    problem.set("violations", taken);
                    send(ex, 409, problem);
                    return;
                }
                ArrayNode out = JSON.createArrayNode();
                for (JsonNode b : body.path("belts")) {
                    ObjectNode belt = JSON.createObjectNode().put("id", b.path("id").asText()).put("state", "active");
                    belt.set("wearerId", b.path("wearerId"));
                    belt.putNull("lastSeq");
                    belts.put(belt.path("id").asText(), belt);
                    out.addObject().<ObjectNode>set("belt", belt).put("credential", "ssb_" + serial.incrementAndGet());
                }
                send(ex, 201, JSON.createObjectNode().set("belts", out));
            } else if (method.equals("POST") && path.matches("/v1/belts/[^/]+/credential")) {
                count("rotate");
                String id = path.split("/")[3];
                send(ex, belts.containsKey(id) ? 200 : 404,
                        JSON.createObjectNode().put("beltId", id).put("credential", "ssb_" + serial.incrementAndGet()));
            } else if (method.equals("PUT") && path.matches("/v1/belts/[^/]+/wearer")) {
                count("assign");
                ObjectNode belt = belts.get(path.split("/")[3]);
                belt.set("wearerId", body.path("wearerId"));
                send(ex, 200, belt);
            } else if (method.equals("GET") && path.equals("/v1/wearers")) {
                send(ex, 200, page(wearers, cursor));
            } else if (method.equals("POST") && path.equals("/v1/wearers")) {
                count("enrol");
                String id;
                if (clientWearerIds) {
                    if (!body.hasNonNull("id")) {
                        ObjectNode problem = JSON.createObjectNode().put("status", 400).put("title", "Bad Request");
                        problem.putArray("violations").addObject().put("field", "id").put("rule", "required")
                                .put("message", "must not be blank");
                        send(ex, 400, problem);
                        return;
                    }
                    id = body.get("id").asText();
                } else {
                    if (body.hasNonNull("id")) {
                        send(ex, 400, JSON.createObjectNode().put("status", 400));
                        return;
                    }
                    id = "w-" + serial.incrementAndGet();
                }
                ObjectNode w = ((ObjectNode) body.deepCopy()).put("id", id);
                w.remove("timeZone");
                wearers.put(id, w);
                send(ex, 201, w);
            } else {
                send(ex, 404, JSON.createObjectNode().put("status", 404));
            }
        }
    }

    /** Two items per page, the next cursor being the last id. */
    private static ObjectNode page(Map<String, ObjectNode> all, String after) {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode items = page.putArray("items");
        String last = null;
        for (Map.Entry<String, ObjectNode> e : all.entrySet()) {
            if (after != null && e.getKey().compareTo(after) <= 0) {
                continue;
            }
            if (items.size() == 2) {
                page.put("nextCursor", last);
                break;
            }
            items.add(e.getValue());
            last = e.getKey();
        }
        return page;
    }

    private void count(String what) {
        calls.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
