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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

    /** An alert of {@code eventType} in {@code clinicId}, to enqueue (its event id is the alert id). */
    public record ClinicAlert(String clinicId, String eventType, Alert alert) {
    }

    /** Enqueues an alert of {@code eventType} (its id is the alert id). */
    public Uni<Void> enqueueAlert(String clinicId, String eventType, Alert alert) {
        return enqueueAlerts(List.of(new ClinicAlert(clinicId, eventType, alert)), DeliveryHandoff.none());
    }

    /**
     * Enqueues many alerts with one endpoint query for all their clinics. Deliveries are stored
     * unflushed (the caller's flush writes them as a batch), due in the order of the list, and
     * offered to {@code handoff} to be attempted as soon as the transaction commits.
     */
    public Uni<Void> enqueueAlerts(List<ClinicAlert> alerts, DeliveryHandoff handoff) {
        if (alerts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<String> clinics = new LinkedHashSet<>();
        alerts.forEach(a -> clinics.add(a.clinicId()));
        // One microsecond apart (PostgreSQL's resolution): the queue's order (due, id) is the alerts' order.
        Instant start = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return endpoints.enabledIn(clinics).chain(candidates -> Panache.getSession().chain(session -> {
            List<Uni<Void>> writes = new ArrayList<>();
            for (int i = 0; i < alerts.size(); i++) {
                ClinicAlert item = alerts.get(i);
                Alert alert = item.alert();
                Instant now = start.plus(i, ChronoUnit.MICROS);
                boolean digestible = EventType.FORM_FAULT.type().equals(item.eventType())
                        && alert.severity() != Severity.CRITICAL
                        && alert.sessionId() != null;
                String body = null;
                for (WebhookEndpoint endpoint : candidates) {
                    if (!endpoint.clinicId.equals(item.clinicId()) || !endpoint.subscribes(item.eventType())) {
                        continue;
                    }
                    if (digestible && endpoint.digestEnabled) {
                        writes.add(session.persist(digestItem(endpoint, alert, now)));
                        handoff.digestItemAdded();
                    } else {
                        if (body == null) {
                            body = new WebhookBody(item.eventType(), alert.at(), alert).toJson();
                        }
                        WebhookDelivery delivery = delivery(endpoint, item.eventType(), alert.alertId(), body,
                                alert.wearerId(), now);
                        handoff.offer(delivery, endpoint, now);
                        writes.add(session.persist(delivery));
                    }
                }
            }
            // persist only registers the entity (ids are assigned here): nothing to wait for in between.
            return Multi.createFrom().iterable(writes).onItem().transformToUniAndConcatenate(w -> w)
                    .collect().last().replaceWithVoid();
        }));
    }

    /**
     * Enqueues a lifecycle step; {@code eventId} is its ALERT_STATE_CHANGED event id, {@code wearerId}
     * the alert's wearer (null when none).
     */
    public Uni<Void> enqueueStateChange(String clinicId, String eventId, AlertStateChanged change, String wearerId) {
        String type = EventType.ALERT_STATE_CHANGED.type();
        String body = new WebhookBody(type, change.at(), change).toJson();
        Instant now = clock.instant();
        return endpoints.enabledIn(clinicId).chain(candidates -> {
            List<WebhookEndpoint> targets = candidates.stream().filter(e -> e.subscribes(type)).toList();
            return Multi.createFrom().iterable(targets)
                    .onItem().transformToUniAndConcatenate(endpoint -> Panache.getSession().chain(s -> s.persist(
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
