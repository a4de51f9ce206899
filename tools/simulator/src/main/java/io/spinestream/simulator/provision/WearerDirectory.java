package io.spinestream.simulator.provision;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;

import io.spinestream.events.payload.Limits;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Wearers through the journal's API (docs/journal.md), found or enrolled by the clinic's own
 * reference ({@code externalRef}): the journal assigns wearer ids, so a reference is how a clinic
 * (and this simulator, run after run) finds its wearers again. Running it twice enrols nobody the
 * second time.
 */
public final class WearerDirectory {

    /**
     * A wearer to have.
     *
     * @param ref         the clinic's reference (1–64 letters, digits or {@code . _ : -})
     * @param conditions  condition codes (set by a clinician); empty for none
     */
    public record Spec(String ref, String displayName, Integer birthYear, List<String> conditions) {
        public Spec {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(displayName, "displayName");
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }
    }

    /** A wearer as the journal has them: id, conditions and the clinician's limits (what the analyzer applies). */
    public record Wearer(String id, List<String> conditions, Limits limits) {
    }

    static final String ADMIN = "clinic_admin";
    static final String CLINICIAN = "clinician";

    private final AdminApi api;
    private final Consumer<String> log;

    public WearerDirectory(AdminApi api, Consumer<String> log) {
        this.api = api;
        this.log = log;
    }

    /** Each wearer, by reference, enrolling those the clinic does not have. */
    public Map<String, Wearer> ensure(List<Spec> specs) {
        Map<String, Wearer> known = list();
        Map<String, Wearer> ids = new LinkedHashMap<>();
        int enrolled = 0;
        for (Spec spec : specs) {
            Wearer w = known.get(spec.ref());
            if (w == null) {
                w = enrol(spec);
                enrolled++;
            }
            ids.put(spec.ref(), w);
        }
        if (enrolled > 0) {
            log.accept("enrolled " + enrolled + " wearer" + (enrolled == 1 ? "" : "s"));
        }
        return ids;
    }

    /** The clinic's wearers by reference (and by id, for journals where the id is the reference). */
    private Map<String, Wearer> list() {
        Map<String, Wearer> all = new HashMap<>();
        api.forEachItem("/v1/wearers", 200, ADMIN, w -> {
            Wearer wearer = wearer(w);
            all.putIfAbsent(wearer.id(), wearer);
            if (w.path("externalRef").isTextual()) {
                all.put(w.path("externalRef").asText(), wearer);
            }
        });
        return all;
    }

    private static Wearer wearer(JsonNode w) {
        List<String> conditions = new ArrayList<>();
        w.path("conditions").forEach(c -> conditions.add(c.asText()));
        Limits limits = Limits.none();
        if (w.path("limits").isObject()) {
            try {
                limits = LIMITS.treeToValue(w.get("limits"), Limits.class);
            } catch (java.io.IOException | IllegalArgumentException e) {
                limits = Limits.none();
            }
        }
        return new Wearer(w.path("id").asText(), conditions, limits);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper LIMITS = new com.fasterxml.jackson.databind.ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Wearer enrol(Spec spec) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("externalRef", spec.ref());
        body.put("displayName", spec.displayName());
        if (spec.birthYear() != null) {
            body.put("birthYear", spec.birthYear());
        }
        body.put("timeZone", "UTC");
        String role = ADMIN;
        if (!spec.conditions().isEmpty()) {
            body.put("conditions", new ArrayList<>(spec.conditions()));
            role = CLINICIAN;
        }
        AdminApi.Answer a = api.post("/v1/wearers", role, body);
        if (a.status() == 400) {
            ApiException e = api.fail("POST /v1/wearers", a);
            if (e.names("id")) {
                // a journal that still takes the wearer's id from the client
                body.put("id", spec.ref());
                a = api.post("/v1/wearers", role, body);
            }
        }
        if (a.status() == 409) {
            // enrolled meanwhile (by another run): find it
            Wearer w = list().get(spec.ref());
            if (w != null) {
                return w;
            }
        }
        if (a.status() != 201) {
            throw api.fail("POST /v1/wearers", a);
        }
        return wearer(a.body());
    }
}
