package io.spinestream.e2e.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A clinic (tenant) of its own for one scenario, used through the public APIs with its staff's
 * tokens: enrols wearers in the journal, provisions and assigns belts in sensor-ingest, subscribes
 * webhooks in notification. Scenarios never share a clinic, a belt or a wearer.
 */
public final class Clinic {

    private final Services services;
    private final String id;

    private Clinic(Services services, String id) {
        this.services = services;
        this.id = id;
    }

    /** A new clinic named after what it is for. */
    public static Clinic create(Services services, String purpose) {
        return new Clinic(services, "e2e-" + purpose + "-" + shortId());
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    public String id() {
        return id;
    }

    Services services() {
        return services;
    }

    /** A token of {@code role} in this clinic. */
    public String token(String role) {
        return services.token(role, id, null);
    }

    /**
     * Enrols a wearer through the journal API (a clinician enrols). The journal generates the wearer's
     * id (answered in the body and in {@code Location}); the clinic's own reference goes in
     * {@code externalRef}.
     */
    public Wearer enrolWearer(String displayName) {
        String ref = "ref-" + shortId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("externalRef", ref);
        body.put("displayName", displayName);
        body.put("birthYear", 1990);
        body.put("timeZone", "UTC");
        String url = services.journal() + "/v1/wearers";
        Http.Reply enrolled = services.http().post(url, token("clinician"), body).expect(201);
        String wearerId = enrolled.json().path("id").asText();
        String location = enrolled.headers().firstValue("Location").orElseThrow(
                () -> new AssertionError("enrolment answered no Location: " + enrolled.body()));
        if (!URI.create(location).getPath().endsWith("/v1/wearers/" + wearerId)) {
            throw new AssertionError("Location " + location + " does not name the enrolled wearer " + wearerId);
        }
        return new Wearer(wearerId, ref);
    }

    /** Provisions a belt through the registry API (a clinic admin does); its credential is shown this once. */
    public Belt provisionBelt() {
        String beltId = "SB-E2E-" + shortId().toUpperCase(Locale.ROOT);
        JsonNode json = services.http().post(services.ingest() + "/v1/belts", token("clinic_admin"),
                Map.of("id", beltId, "model", "SB2", "firmware", "2.3.1")).expect(201).json();
        return new Belt(json.path("belt").path("id").asText(), id, json.path("credential").asText(), services.ingest(),
                services.http());
    }

    /** Assigns the belt to the wearer: the belt's batches from now on are theirs. */
    public JsonNode assign(Belt belt, Wearer wearer) {
        return services.http().put(services.ingest() + "/v1/belts/" + belt.id() + "/wearer", token("clinic_admin"),
                Map.of("wearerId", wearer.id())).expect(200).json();
    }

    /** A belt provisioned for the wearer and assigned to them (the registry's answer must name them). */
    public Belt beltWornBy(Wearer wearer) {
        Belt belt = provisionBelt();
        String assigned = assign(belt, wearer).path("wearerId").asText(null);
        if (!wearer.id().equals(assigned)) {
            belt.close();
            throw new AssertionError("the registry assigned " + belt + " to " + assigned + ", not to " + wearer.id());
        }
        return belt;
    }

    /** Subscribes an endpoint of the suite's receiver to {@code eventTypes} (an integrator does). */
    public WebhookSubscription subscribe(String... eventTypes) {
        String name = id;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", services.receiver().url(name));
        body.put("description", "end-to-end receiver of " + id);
        body.put("eventTypes", List.of(eventTypes));
        body.put("digest", Map.of("enabled", false));
        JsonNode json = services.http().post(services.notification() + "/v1/webhooks/endpoints", token("integrator"), body)
                .expect(201).json();
        services.receiver().trust(name, json.path("secret").asText());
        return new WebhookSubscription(json.path("id").asText(), name, services.receiver(), this);
    }

    /** Records a pain entry for the wearer (as their clinician); the answer with its red flags. */
    public JsonNode recordPain(Wearer wearer, Map<String, Object> entry) {
        return services.http().post(services.journal() + "/v1/wearers/" + wearer.id() + "/pain-entries",
                token("clinician"), entry).expect(201).json();
    }

    /** Replaces the wearer's conditions and limits (a clinician does); the wearer as the journal answers. */
    public JsonNode setProfile(Wearer wearer, List<String> conditions, Map<String, Object> limits, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conditions", conditions);
        body.put("limits", limits);
        body.put("reason", reason);
        return services.http().put(services.journal() + "/v1/wearers/" + wearer.id() + "/profile", token("clinician"), body)
                .expect(200).json();
    }

    /** The wearer as the journal shows them. */
    public JsonNode wearer(Wearer wearer) {
        return services.http().get(services.journal() + "/v1/wearers/" + wearer.id(), token("clinician")).expect(200).json();
    }

    /** The wearer's exercise-log entries recorded from a belt for {@code activity}, newest first. */
    public List<JsonNode> beltSessions(Wearer wearer, String activity) {
        List<JsonNode> items = new ArrayList<>();
        services.http().get(services.journal() + "/v1/wearers/" + wearer.id() + "/exercise-entries?source=belt&activity="
                + activity + "&limit=200", token("clinician")).expect(200).json().path("items").forEach(items::add);
        return items;
    }

    @Override
    public String toString() {
        return id;
    }
}
