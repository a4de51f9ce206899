package io.spinestream.e2e.client;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.spinestream.e2e.webhook.ReceivedWebhook;
import io.spinestream.e2e.webhook.WebhookReceiver;

/** A clinic's webhook endpoint pointing at the suite's receiver, and what it received. */
public final class WebhookSubscription {

    private final String endpointId;
    private final String name;
    private final WebhookReceiver receiver;
    private final Clinic clinic;

    WebhookSubscription(String endpointId, String name, WebhookReceiver receiver, Clinic clinic) {
        this.endpointId = endpointId;
        this.name = name;
        this.receiver = receiver;
        this.clinic = clinic;
    }

    public String endpointId() {
        return endpointId;
    }

    /** Every request the receiver got for this endpoint, in arrival order. */
    public List<ReceivedWebhook> received() {
        return receiver.received(name);
    }

    /** The received deliveries of one event type. */
    public List<ReceivedWebhook> received(String type) {
        return received().stream().filter(w -> type.equals(w.type())).toList();
    }

    /** The received deliveries of one event type about one belt. */
    public List<ReceivedWebhook> received(String type, Belt belt) {
        return received(type).stream().filter(w -> belt.id().equals(w.data().path("beltId").asText())).toList();
    }

    /**
     * Nothing is queued for the endpoint any more, and every delivery its log shows reached the receiver:
     * what the receiver holds is then all it will get for the events so far.
     */
    public boolean settled() {
        if (!deliveryLog("pending").isEmpty()) {
            return false;
        }
        Set<String> ids = new HashSet<>();
        received().forEach(w -> ids.add(w.webhookId()));
        return deliveryLog(null).stream().allMatch(d -> ids.contains(d.path("webhookId").asText()));
    }

    /** The endpoint's delivery log as notification shows it to the integrator (newest first). */
    public List<JsonNode> deliveryLog(String status) {
        String url = clinic.services().notification() + "/v1/webhooks/endpoints/" + endpointId + "/deliveries?limit=200"
                + (status == null ? "" : "&status=" + status);
        List<JsonNode> items = new ArrayList<>();
        clinic.services().http().get(url, clinic.token("integrator")).expect(200).json().path("items").forEach(items::add);
        return items;
    }

    @Override
    public String toString() {
        return endpointId + " -> " + receiver.url(name);
    }
}
