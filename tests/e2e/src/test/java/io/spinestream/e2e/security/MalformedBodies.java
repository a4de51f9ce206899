package io.spinestream.e2e.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The malformed bodies one operation is tried with, made from its valid body (the access table's) and what its
 * OpenAPI document says of it: every one must be refused with a 4xx problem (docs/security.md, "Malformed input
 * and fuzzing"). A wrong type is answered 400 naming the field it replaced.
 */
final class MalformedBodies {

    /** Larger than every service's {@code quarkus.http.limits.max-body-size} (2M at most). */
    static final int OVERSIZED = 3 * 1024 * 1024;
    static final int DEEP = 100_000;
    /** As deep as fits the smallest body limit (256K) at 6 bytes a level: still 40 times Jackson's limit. */
    static final int DEEP_OBJECTS = 40_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * One malformed request body.
     *
     * @param statuses the statuses that are right
     * @param field    the field the problem must name (null: the body as a whole, no field asked for)
     */
    record Variant(String category, String name, String contentType, byte[] body, Set<Integer> statuses, String field) {
    }

    /**
     * What the document says of the operation's body.
     *
     * @param required whether a body is required (an empty one refused)
     * @param schema   its schema with references resolved on demand; a missing node when the body is opaque
     * @param optional fields known to be optional where the schema does not say (telemetry.md's batch)
     */
    record Body(boolean required, JsonNode schema, JsonNode document, Set<String> optional) {

        static Body of(JsonNode document, Operation op) {
            JsonNode body = document.path("paths").path(op.template).path(op.method.toLowerCase(java.util.Locale.ROOT))
                    .path("requestBody");
            JsonNode schema = body.path("content").path("application/json").path("schema");
            // telemetry's body is read as bytes (both encodings): its schema is in telemetry.md, not in the document
            Set<String> optional = op.service == Service.INGEST && op.template.equals("/v1/telemetry")
                    ? Set.of("activity", "firmware", "battery", "channels.pelvisAcc", "channels.strain") : Set.of();
            return new Body(body.path("required").asBoolean(false), schema, document, optional);
        }

        /** Whether the field at {@code path} must be there (so that {@code null} for it is refused). */
        boolean requires(List<Object> path) {
            if (optional.contains(dotted(path).replaceAll("\\[\\d+]", ""))) {
                return false;
            }
            JsonNode at = resolve(schema);
            boolean required = true; // an array's elements, and anything the schema does not describe
            for (Object segment : path) {
                if (at == null || at.isMissingNode()) {
                    return !optional.isEmpty() || required;
                }
                if (segment instanceof Integer) {
                    at = resolve(at.path("items"));
                    required = true;
                } else {
                    required = false;
                    for (JsonNode name : at.path("required")) {
                        required |= name.asText().equals(segment);
                    }
                    at = resolve(at.path("properties").path((String) segment));
                }
            }
            return required;
        }

        private JsonNode resolve(JsonNode schema) {
            JsonNode at = schema;
            for (int i = 0; i < 10 && at.has("$ref"); i++) {
                at = document.at(at.path("$ref").asText().substring(1));
            }
            // smallrye writes a nullable reference as allOf: [ {$ref} ]
            if (at.has("allOf") && at.path("allOf").size() == 1) {
                return resolve(at.path("allOf").get(0));
            }
            return at;
        }
    }

    private MalformedBodies() {
    }

    static List<Variant> of(byte[] valid, String contentType, Body body) {
        JsonNode tree = read(valid);
        List<Variant> variants = new ArrayList<>();
        Set<Integer> badRequest = Set.of(400, 422);
        Set<Integer> anyRefusal = Set.of(400, 413, 415, 422);

        byte[] padding = ("{\"padding\":\"" + "x".repeat(OVERSIZED) + "\",").getBytes(StandardCharsets.UTF_8);
        variants.add(new Variant("size", "a body of 3 MiB", contentType, concat(padding, slice(valid, 1, valid.length)),
                Set.of(413), null));
        if (body.required()) {
            variants.add(new Variant("empty", "an empty body", contentType, new byte[0], badRequest, null));
        }
        variants.add(new Variant("malformed", "truncated", contentType, slice(valid, 0, valid.length / 2), badRequest, null));
        variants.add(new Variant("malformed", "trailing garbage", contentType, concat(valid, " }x".getBytes(StandardCharsets.UTF_8)),
                badRequest, null));
        variants.add(new Variant("malformed", "a second object after it", contentType, concat(valid, valid), badRequest, null));
        variants.add(new Variant("malformed", "UTF-16", contentType,
                new String(valid, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE), badRequest, null));
        variants.add(new Variant("malformed", "a Latin-1 byte in a string", contentType,
                firstStringWith(valid, new byte[] {(byte) 0xE9}), badRequest, null));
        variants.add(new Variant("malformed", "a key twice", contentType, duplicateFirstKey(valid, tree), badRequest, null));
        variants.add(new Variant("nested", DEEP + " levels of arrays", contentType,
                ("[".repeat(DEEP) + "]".repeat(DEEP)).getBytes(StandardCharsets.UTF_8), badRequest, null));
        variants.add(new Variant("nested", DEEP_OBJECTS + " levels of objects in an unknown field", contentType,
                concat(("{\"deep\":" + "{\"a\":".repeat(DEEP_OBJECTS) + "1" + "}".repeat(DEEP_OBJECTS) + ",").getBytes(StandardCharsets.UTF_8),
                        slice(valid, 1, valid.length)), badRequest, null));
        String deep = "[".repeat(DEEP) + "]".repeat(DEEP);
        variants.add(new Variant("nested", DEEP + " levels of arrays in the first field", contentType,
                new String(write(replaced(tree, List.of(tree.fieldNames().next()), NODES.textNode("\u0001deep"))),
                        StandardCharsets.UTF_8).replace("\"\\u0001deep\"", deep).getBytes(StandardCharsets.UTF_8),
                badRequest, null));

        for (List<Object> path : paths(tree, new ArrayList<>())) {
            JsonNode original = at(tree, path);
            for (Map.Entry<String, JsonNode> wrong : wrongTypes(original).entrySet()) {
                if (wrong.getValue().isNull() && !body.requires(path)) {
                    continue; // null is absent, and absent is fine here (docs/security.md)
                }
                variants.add(new Variant("types", dotted(path) + " as " + wrong.getKey(), contentType,
                        write(replaced(tree, path, wrong.getValue())), badRequest, dotted(path)));
            }
        }
        variants.add(new Variant("content-type", "text/plain", "text/plain", valid, Set.of(415), null));
        variants.add(new Variant("content-type", "application/xml", "application/xml", valid, Set.of(415), null));
        variants.add(new Variant("content-type", "none", null, valid, anyRefusal, null));
        return variants;
    }

    /** The body with a field no version of the API knows, which is ignored (docs/security.md). */
    static byte[] withUnknownField(byte[] valid) {
        ObjectNode tree = (ObjectNode) read(valid).deepCopy();
        ObjectNode unknown = tree.putObject("x-unknown-extension");
        unknown.putArray("list").add(1).add("two").addObject().put("three", 3.0);
        unknown.putNull("nothing");
        return write(tree);
    }

    /** Every field of the body, and of the objects within it; of an array, its first element. */
    private static List<List<Object>> paths(JsonNode node, List<Object> prefix) {
        List<List<Object>> paths = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                List<Object> path = new ArrayList<>(prefix);
                path.add(name);
                paths.add(path);
                paths.addAll(paths(node.get(name), path));
            }
        } else if (node.isArray() && !node.isEmpty()) {
            List<Object> path = new ArrayList<>(prefix);
            path.add(0);
            paths.add(path);
            paths.addAll(paths(node.get(0), path));
        }
        return paths;
    }

    /** The value in each JSON type it is not, chosen so that a lenient reader would take it. */
    private static Map<String, JsonNode> wrongTypes(JsonNode original) {
        Map<String, JsonNode> wrong = new java.util.LinkedHashMap<>();
        if (!original.isTextual()) {
            wrong.put("a string", NODES.textNode(original.isNumber() || original.isBoolean() ? original.asText() : "x"));
        }
        if (!original.isNumber()) {
            wrong.put("a number", original.isBoolean() ? NODES.numberNode(1) : NODES.numberNode(1_763_633_730L));
        }
        if (!original.isBoolean()) {
            wrong.put("a boolean", NODES.booleanNode(true));
        }
        if (!original.isArray()) {
            wrong.put("an array", NODES.arrayNode().add(original.deepCopy()));
        }
        if (!original.isObject()) {
            ObjectNode object = NODES.objectNode();
            object.set("value", original.deepCopy());
            wrong.put("an object", object);
        }
        if (!original.isNull()) {
            wrong.put("null", NODES.nullNode());
        }
        return wrong;
    }

    private static JsonNode replaced(JsonNode tree, List<Object> path, JsonNode value) {
        JsonNode copy = tree.deepCopy();
        JsonNode parent = at(copy, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return copy;
    }

    private static JsonNode at(JsonNode tree, List<Object> path) {
        JsonNode at = tree;
        for (Object segment : path) {
            at = segment instanceof Integer index ? at.get(index) : at.get((String) segment);
        }
        return at;
    }

    /** {@code belts[0].id}: how the problems name a field. */
    static String dotted(List<Object> path) {
        StringBuilder name = new StringBuilder();
        for (Object segment : path) {
            if (segment instanceof Integer index) {
                name.append('[').append(index).append(']');
            } else {
                name.append(name.length() == 0 ? "" : ".").append(segment);
            }
        }
        return name.toString();
    }

    private static byte[] firstStringWith(byte[] valid, byte[] inserted) {
        String text = new String(valid, StandardCharsets.UTF_8);
        int quote = text.indexOf('"', text.indexOf(':')) + 1; // just inside the first value that is a string
        int at = quote > 0 ? text.substring(0, quote).getBytes(StandardCharsets.UTF_8).length : 1;
        return concat(slice(valid, 0, at), inserted, slice(valid, at, valid.length));
    }

    private static byte[] duplicateFirstKey(byte[] valid, JsonNode tree) {
        String name = tree.fieldNames().next();
        String again = "{\"" + name + "\":" + tree.get(name) + ",";
        return concat(again.getBytes(StandardCharsets.UTF_8), slice(valid, 1, valid.length));
    }

    private static JsonNode read(byte[] body) {
        try {
            return Request.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the table's body is no JSON: " + new String(body, StandardCharsets.UTF_8), e);
        }
    }

    private static byte[] write(JsonNode tree) {
        try {
            return Request.JSON.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
