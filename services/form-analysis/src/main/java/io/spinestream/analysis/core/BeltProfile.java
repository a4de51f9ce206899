package io.spinestream.analysis.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spinestream.events.payload.Limits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of the offline profiles file (form-analysis.md): who wears a belt, with which
 * conditions and clinician limits.
 *
 * @param wearerId   the wearer; {@code null} when not given
 * @param conditions condition codes; never null
 * @param limits     clinician limits; never null
 */
public record BeltProfile(String wearerId, List<String> conditions, Limits limits) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public BeltProfile {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        limits = limits == null ? Limits.none() : limits;
    }

    /** The context of this belt's batches offline (no tenant). */
    public BatchContext context() {
        return BatchContext.of(null, wearerId, conditions, limits);
    }

    /**
     * Reads a profiles file: a JSON object keyed by {@code beltId}, e.g.
     * {@code { "SB-000123": { "wearerId": "w-42", "conditions": ["disc_herniation"],
     * "limits": { "flexionDeg": 18 } } }}. Unknown fields are ignored; a value of the wrong
     * type is an {@link IllegalArgumentException} naming it.
     */
    public static Map<String, BeltProfile> parseProfiles(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("profiles must be a JSON object keyed by beltId: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("profiles must be a JSON object keyed by beltId");
        }
        Map<String, BeltProfile> profiles = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> belts = root.fields();
        while (belts.hasNext()) {
            Map.Entry<String, JsonNode> belt = belts.next();
            String where = belt.getKey();
            JsonNode p = belt.getValue();
            if (!p.isObject()) {
                throw new IllegalArgumentException(where + " must be an object");
            }
            String wearer = text(p.get("wearerId"), where + ".wearerId");
            List<String> conditions = new ArrayList<>();
            JsonNode c = p.get("conditions");
            if (c != null && !c.isNull()) {
                if (!c.isArray()) {
                    throw new IllegalArgumentException(where + ".conditions must be an array of strings");
                }
                for (JsonNode code : c) {
                    conditions.add(text(code, where + ".conditions[]"));
                }
            }
            Limits limits = limits(p.get("limits"), where + ".limits");
            profiles.put(belt.getKey(), new BeltProfile(wearer, conditions, limits));
        }
        return profiles;
    }

    private static Limits limits(JsonNode l, String where) {
        if (l == null || l.isNull()) {
            return Limits.none();
        }
        if (!l.isObject()) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        return new Limits(
                dbl(l, "flexionDeg", where), dbl(l, "extensionDeg", where), dbl(l, "rotationDeg", where),
                dbl(l, "sideBendDeg", where), dbl(l, "impactG", where), integer(l, "impactsPerMinute", where),
                dbl(l, "peakImpactG", where), dbl(l, "breathHoldSeconds", where), dbl(l, "slumpMinutes", where),
                dbl(l, "movementBreakMinutes", where), integer(l, "overuseRepsPerHour", where));
    }

    private static String text(JsonNode n, String where) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException(where + " must be a string");
        }
        return n.asText();
    }

    private static Double dbl(JsonNode l, String field, String where) {
        JsonNode n = l.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException(where + "." + field + " must be a number");
        }
        return n.asDouble();
    }

    private static Integer integer(JsonNode l, String field, String where) {
        JsonNode n = l.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() && !(n.isNumber() && n.asDouble() == Math.rint(n.asDouble()))) {
            throw new IllegalArgumentException(where + "." + field + " must be an integer");
        }
        return n.asInt();
    }
}
