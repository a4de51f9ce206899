package io.spinestream.notification.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.cloudevents.EventJson;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.AlertStateChanged;
import io.spinestream.events.payload.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

/**
 * Puts an event in the delivery queue of every enabled endpoint of its clinic that subscribes to
 * its type, in the caller's transaction: the event and its deliveries are stored together or not
 * at all. Form faults of a session go to digest endpoints as digest items instead, except
 * {@code critical} ones, which always go at once.
 */
@ApplicationScoped
public class WebhookEnqueuer {

    @Inject
    WebhookEndpointRepository endpoints;

    @Inject
    InstantSource clock;

    /** Enqueues an alert of {@code eventType} (its id is the alert id). */
    public Uni<Void> enqueueAlert(String clinicId, String eventType, Alert alert) {
        boolean digestible = EventType.FORM_FAULT.type().equals(eventType)
                && alert.severity() != Severity.CRITICAL
                && alert.sessionId() != null;
        return enqueue(clinicId, eventType, alert.alertId(), alert.at(), alert, alert.wearerId(),
                digestible ? alert : null);
    }

    /**
     * Enqueues a lifecycle step; {@code eventId} is its ALERT_STATE_CHANGED event id, {@code wearerId}
     * the alert's wearer (null when none).
     */
    public Uni<Void> enqueueStateChange(String clinicId, String eventId, AlertStateChanged change, String wearerId) {
        return enqueue(clinicId, EventType.ALERT_STATE_CHANGED.type(), eventId, change.at(), change, wearerId, null);
    }

    private Uni<Void> enqueue(String clinicId, String type, String eventId, Instant at, Object data, String wearerId,
                              Alert digestible) {
        String body = new WebhookBody(type, at, data).toJson();
        Instant now = clock.instant();
        return endpoints.enabledIn(clinicId).chain(candidates -> {
            List<WebhookEndpoint> targets = candidates.stream().filter(e -> e.subscribes(type)).toList();
            return Multi.createFrom().iterable(targets)
                    .onItem().transformToUniAndConcatenate(endpoint -> digestible != null && endpoint.digestEnabled
                            ? Panache.getSession().chain(s -> s.persist(digestItem(endpoint, digestible, now)))
                            : Panache.getSession().chain(s -> s.persist(
                                    delivery(endpoint, type, eventId, body, wearerId, now))))
                    .collect().last().replaceWithVoid();
        });
    }

    /** A new pending delivery of {@code body} (about {@code wearerId}, or no one) to {@code endpoint}, due now. */
    static WebhookDelivery delivery(WebhookEndpoint endpoint, String type, String eventId, String body, String wearerId,
                                    Instant now) {
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.id = "dlv_" + UUID.randomUUID();
        delivery.endpointId = endpoint.id;
        delivery.clinicId = endpoint.clinicId;
        delivery.webhookId = webhookId(endpoint.id, eventId);
        delivery.eventType = type;
        delivery.body = body;
        delivery.wearerId = wearerId;
        delivery.status = WebhookDelivery.PENDING;
        delivery.nextAttemptAt = now;
        delivery.createdAt = now;
        return delivery;
    }

    /** Stable per endpoint and event: a receiver sees one id for one event, however often it is sent. */
    static String webhookId(String endpointId, String eventId) {
        return "msg_" + EventIds.deterministic("webhook", endpointId, eventId).replace("-", "");
    }

    private static DigestItem digestItem(WebhookEndpoint endpoint, Alert alert, Instant now) {
        DigestItem item = new DigestItem();
        item.id = "dgi_" + UUID.randomUUID();
        item.endpointId = endpoint.id;
        item.clinicId = endpoint.clinicId;
        item.sessionId = alert.sessionId();
        item.wearerId = alert.wearerId();
        item.raisedAt = alert.at();
        item.createdAt = now;
        try {
            item.alert = EventJson.mapper().writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert not serialisable", e);
        }
        return item;
    }
}
