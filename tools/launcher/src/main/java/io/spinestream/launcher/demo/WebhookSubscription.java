package io.spinestream.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;

import io.spinestream.simulator.provision.AdminApi;
import io.spinestream.simulator.provision.ApiException;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo receiver's subscription with the notification service (docs/webhooks.md,
 * "Subscribing"): created once, then found again by its description on every {@code up}, pointed
 * at the receiver's current URL and enabled. Its secret is shown only when the endpoint is created
 * or its secret rotated, so it is kept in {@link DemoState}; without a kept secret the secret is
 * rotated (at once, no overlap).
 */
final class WebhookSubscription {

    static final String DESCRIPTION = "spinestream demo receiver (./spinestream up)";
    private static final String ROLE = "integrator";

    /** The endpoint and the secret that signs its deliveries. */
    record Endpoint(String id, String secret, boolean created) {
    }

    private final AdminApi api;

    WebhookSubscription(AdminApi api) {
        this.api = api;
    }

    Endpoint ensure(URI receiver, DemoState state) {
        String id = find();
        if (id == null) {
            AdminApi.Answer a = api.post("/v1/webhooks/endpoints", ROLE, request(receiver));
            if (a.status() != 201) {
                throw refused(a);
            }
            Endpoint e = new Endpoint(a.body().path("id").asText(), a.body().path("secret").asText(), true);
            state.endpoint(e.id(), e.secret());
            return e;
        }
        AdminApi.Answer a = api.put("/v1/webhooks/endpoints/" + id, ROLE, request(receiver));
        if (a.status() != 200) {
            throw refused(a);
        }
        String secret = state.secret(id);
        if (secret == null) {
            AdminApi.Answer r = api.post("/v1/webhooks/endpoints/" + id + "/rotate-secret", ROLE, Map.of("overlap", "PT0S"));
            if (r.status() != 200) {
                throw api.fail("POST /v1/webhooks/endpoints/" + id + "/rotate-secret", r);
            }
            secret = r.body().path("secret").asText();
            state.endpoint(id, secret);
        }
        return new Endpoint(id, secret, false);
    }

    private String find() {
        AdminApi.Answer a = api.get("/v1/webhooks/endpoints", ROLE);
        if (a.status() != 200) {
            throw api.fail("GET /v1/webhooks/endpoints", a);
        }
        JsonNode items = a.body().isArray() ? a.body() : a.body().path("items");
        for (JsonNode e : items) {
            if (DESCRIPTION.equals(e.path("description").asText())) {
                return e.path("id").asText();
            }
        }
        return null;
    }

    private static Map<String, Object> request(URI receiver) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", receiver.toString());
        body.put("description", DESCRIPTION);
        body.put("eventTypes", List.of());
        body.put("enabled", true);
        body.put("digest", Map.of("enabled", false));
        return body;
    }

    private ApiException refused(AdminApi.Answer a) {
        ApiException e = api.fail("subscribing the demo receiver (/v1/webhooks/endpoints)", a);
        if (e.names("url")) {
            return new ApiException(e.getMessage() + ". The notification service refuses the receiver's loopback"
                    + " http URL: the launcher allows it with SPINESTREAM_NOTIFICATION_WEBHOOKS_TARGETS_ALLOW_LOOPBACK"
                    + " and _ALLOW_HTTP (LocalPlatform.environment); is notification running with them?", e.status(), e.body());
        }
        return e;
    }
}
