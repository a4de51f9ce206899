package io.spinestream.simulator.provision;

import com.fasterxml.jackson.databind.JsonNode;

import io.spinestream.simulator.belt.BeltAccount;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Belts through sensor-ingest's registry API (docs/ingest.md): provisions the ones missing (in
 * bulk, all or nothing), reuses the ones the clinic has (with the credential kept in the
 * {@link BeltStore}, or a rotated one when none is kept), and assigns their wearers. Running it
 * twice changes nothing the second time.
 */
public final class BeltRegistry {

    /** A belt to have, worn by {@code wearerId} (null: by nobody). */
    public record Spec(String beltId, String model, String firmware, String wearerId) {
        public Spec {
            Objects.requireNonNull(beltId, "beltId");
        }
    }

    /** A belt ready to stream: its credential and the first seq it may send. */
    public record Ready(BeltAccount account, long firstSeq, boolean created) {
    }

    static final String ADMIN = "clinic_admin";
    /** Belts per bulk request (the API takes up to 1000). */
    private static final int BULK = 500;
    /** The registry's lastSeq lags uploads by up to 5 s: without a kept seq, start this far above it. */
    static final long SEQ_MARGIN = 1000;

    private final AdminApi api;
    private final BeltStore store;
    private final Consumer<String> log;

    public BeltRegistry(AdminApi api, BeltStore store, Consumer<String> log) {
        this.api = api;
        this.store = store;
        this.log = log;
    }

    /** Makes every belt of {@code specs} exist in the caller's clinic, ready to stream. */
    public List<Ready> ensure(List<Spec> specs) {
        Map<String, JsonNode> existing = list();
        List<Spec> missing = specs.stream().filter(s -> !existing.containsKey(s.beltId())).toList();
        Map<String, String> created = new HashMap<>();
        for (int i = 0; i < missing.size(); i += BULK) {
            created.putAll(provision(missing.subList(i, Math.min(missing.size(), i + BULK))));
        }
        if (!created.isEmpty()) {
            log.accept("provisioned " + created.size() + " belt" + (created.size() == 1 ? "" : "s"));
        }
        List<Ready> ready = new ArrayList<>(specs.size());
        int rotated = 0;
        int reassigned = 0;
        for (Spec spec : specs) {
            JsonNode view = existing.get(spec.beltId());
            String credential = created.get(spec.beltId());
            if (credential == null) {
                if ("retired".equals(view.path("state").asText())) {
                    throw new ApiException("belt " + spec.beltId() + " is retired: it cannot stream again."
                            + " Use other belt ids (e.g. --belt-prefix).", 409, view);
                }
                credential = store.credential(spec.beltId());
                if (credential == null) {
                    credential = rotate(spec.beltId());
                    rotated++;
                }
                String assigned = view.path("wearerId").isNull() ? null : view.path("wearerId").asText(null);
                if (!Objects.equals(spec.wearerId(), assigned)) {
                    assign(spec.beltId(), spec.wearerId());
                    reassigned++;
                }
            }
            ready.add(new Ready(new BeltAccount(spec.beltId(), credential), firstSeq(spec.beltId(), view),
                    view == null));
        }
        if (rotated > 0) {
            log.accept("rotated the credentials of " + rotated + " existing belt" + (rotated == 1 ? "" : "s")
                    + " (none kept in " + store.file().getFileName() + ")");
        }
        if (reassigned > 0) {
            log.accept("assigned wearers to " + reassigned + " existing belt" + (reassigned == 1 ? "" : "s"));
        }
        return ready;
    }

    /** A new credential for a belt whose kept one the platform refuses. */
    public Optional<BeltAccount> renew(String beltId) {
        try {
            return Optional.of(new BeltAccount(beltId, rotate(beltId)));
        } catch (ApiException e) {
            log.accept(beltId + ": cannot rotate its credential: " + e.getMessage());
            return Optional.empty();
        }
    }

    private long firstSeq(String beltId, JsonNode view) {
        long fromRegistry = view == null || !view.path("lastSeq").isNumber() ? 0 : view.path("lastSeq").asLong() + 1;
        OptionalLong kept = store.nextSeq(beltId);
        if (kept.isPresent()) {
            return Math.max(kept.getAsLong(), fromRegistry);
        }
        return view == null ? 1 : fromRegistry + SEQ_MARGIN;
    }

    /** Every belt of the clinic, by id. */
    private Map<String, JsonNode> list() {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        api.forEachItem("/v1/belts", 500, ADMIN, b -> all.put(b.path("id").asText(), b));
        return all;
    }

    private Map<String, String> provision(List<Spec> specs) {
        List<Map<String, Object>> belts = new ArrayList<>();
        for (Spec s : specs) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("id", s.beltId());
            b.put("model", s.model());
            b.put("firmware", s.firmware());
            if (s.wearerId() != null) {
                b.put("wearerId", s.wearerId());
            }
            belts.add(b);
        }
        AdminApi.Answer a = api.post("/v1/belts:bulk", ADMIN, Map.of("belts", belts));
        if (a.status() == 409) {
            throw new ApiException(api.fail("POST /v1/belts:bulk", a).getMessage()
                    + ". Belt ids are unique on the whole platform: these are another clinic's."
                    + " Use other ids (e.g. --belt-prefix).", 409, a.body());
        }
        if (a.status() != 201) {
            throw api.fail("POST /v1/belts:bulk", a);
        }
        Map<String, String> credentials = new LinkedHashMap<>();
        for (JsonNode p : a.body().path("belts")) {
            credentials.put(p.path("belt").path("id").asText(), p.path("credential").asText());
        }
        credentials.forEach(store::saveCredential);
        return credentials;
    }

    private String rotate(String beltId) {
        AdminApi.Answer a = api.post("/v1/belts/" + beltId + "/credential", ADMIN, null);
        if (a.status() != 200) {
            throw api.fail("POST /v1/belts/" + beltId + "/credential", a);
        }
        String credential = a.body().path("credential").asText();
        store.saveCredential(beltId, credential);
        return credential;
    }

    private void assign(String beltId, String wearerId) {
        Map<String, Object> body = new HashMap<>();
        body.put("wearerId", wearerId);
        AdminApi.Answer a = api.put("/v1/belts/" + beltId + "/wearer", ADMIN, body);
        if (a.status() != 200) {
            throw api.fail("PUT /v1/belts/" + beltId + "/wearer", a);
        }
    }
}
