package io.spinestream.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the parts of API answers the scenarios compare. */
final class Json {

    private Json() {
    }

    /** An object of whole numbers, e.g. an exercise entry's {@code faults}. */
    static Map<String, Integer> ints(JsonNode object) {
        Map<String, Integer> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asInt()));
        return map;
    }

    /** The fault codes of each rep of a logged belt session, in rep order. */
    static List<List<String>> repFaults(JsonNode entry) {
        List<List<String>> reps = new ArrayList<>();
        for (JsonNode rep : entry.path("repMetrics")) {
            List<String> faults = new ArrayList<>();
            rep.path("faults").forEach(f -> faults.add(f.asText()));
            reps.add(faults);
        }
        return reps;
    }
}
