package io.spinestream.notification.alert;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.AlertState;
import io.spinestream.events.payload.AlertStateChanged;
import io.spinestream.notification.feed.FeedEvent;
import io.spinestream.notification.feed.FeedPublisher;
import io.spinestream.notification.support.OutboxRelay;
import io.spinestream.notification.webhook.DeliveryScheduler;
import io.spinestream.notification.webhook.WebhookEnqueuer;
import io.spinestream.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;

/**
 * Moves alerts through their lifecycle: open → acknowledged → resolved (or open → resolved).
 * Each step is stored with who, when and a note, and becomes an {@code ALERT_STATE_CHANGED}
 * event (through the outbox), webhook deliveries and a live-feed message, all in one transaction.
 */
@ApplicationScoped
public class AlertLifecycle {

    @Inject
    AlertRepository alerts;

    @Inject
    OutboxRelay outbox;

    @Inject
    WebhookEnqueuer webhooks;

    @Inject
    FeedPublisher feed;

    @Inject
    DeliveryScheduler deliveries;

    @Inject
    InstantSource clock;

    /**
     * Moves the clinic's alert to {@code target}. 404 when the clinic has no such alert; 409 when
     * the alert's state does not allow it (already acknowledged, already resolved).
     */
    public Uni<AlertRecord> change(String clinicId, String alertId, AlertState target, String by, String note) {
        return Panache.withTransaction(() -> alerts.lockInClinic(clinicId, alertId)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("alert " + alertId))
                        .chain(alert -> apply(alert, target, by, note)))
                .invoke(() -> {
                    outbox.kick();
                    deliveries.wake();
                });
    }

    private Uni<AlertRecord> apply(AlertRecord alert, AlertState target, String by, String note) {
        String from = alert.state;
        String to = code(target);
        boolean allowed = switch (target) {
            case ACKNOWLEDGED -> "open".equals(from);
            case RESOLVED -> !"resolved".equals(from);
            case OPEN -> false;
        };
        if (!allowed) {
            throw ProblemException.conflict("alert " + alert.id + " is " + from + " and cannot become " + to);
        }
        Instant now = clock.instant();
        alert.state = to;
        if (target == AlertState.ACKNOWLEDGED) {
            alert.acknowledgedAt = now;
            alert.acknowledgedBy = by;
            alert.acknowledgedNote = note;
        } else {
            alert.resolvedAt = now;
            alert.resolvedBy = by;
            alert.resolvedNote = note;
        }

        String eventId = EventIds.of(EventType.ALERT_STATE_CHANGED, alert.id, to);
        AlertStateChanged change = new AlertStateChanged(alert.id, alert.clinicId, target, by, now, note);
        Event<AlertStateChanged> event = Event.of(EventType.ALERT_STATE_CHANGED, eventId, EventSources.NOTIFICATION,
                alert.id, alert.clinicId, now, change);

        AlertStateChangeRecord history = new AlertStateChangeRecord();
        history.id = eventId;
        history.alertId = alert.id;
        history.clinicId = alert.clinicId;
        history.state = to;
        history.changedBy = by;
        history.changedAt = now;
        history.note = note;

        return Panache.getSession()
                .chain(session -> session.persist(history))
                .chain(() -> outbox.append(OutboxRelay.ALERT_LIFECYCLE, alert.id, event))
                .chain(() -> webhooks.enqueueStateChange(alert.clinicId, eventId, change, alert.wearerId))
                .chain(() -> feed.publish(eventId, FeedEvent.ALERT_STATE_CHANGED, AlertView.of(alert)))
                .replaceWith(alert);
    }

    private static String code(AlertState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
