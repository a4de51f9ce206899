package io.spinestream.notification.alert;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.payload.Alert;
import io.spinestream.notification.erasure.ErasedWearers;
import io.spinestream.notification.feed.FeedEvent;
import io.spinestream.notification.feed.FeedPublisher;
import io.spinestream.notification.webhook.WebhookEnqueuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.InstantSource;

/**
 * Stores a new alert and everything it causes, in the caller's transaction: the alert row, its
 * webhook deliveries, its live-feed message. All of it happens once per event id, or not at all;
 * none of it for an alert of a wearer the clinic erased (docs/privacy.md).
 */
@ApplicationScoped
public class AlertRecorder {

    /** What became of an alert. */
    public enum Outcome {
        /** Stored, with its deliveries and feed message. */
        RECORDED,
        /** Its event, or another carrying the same alert, was recorded before: nothing done. */
        DUPLICATE,
        /** Of a wearer the clinic erased (late or replayed): dropped, nothing stored, sent or shown. */
        ERASED_WEARER
    }

    @Inject
    AlertRepository alerts;

    @Inject
    ProcessedEvents processed;

    @Inject
    FeedPublisher feed;

    @Inject
    WebhookEnqueuer webhooks;

    @Inject
    ErasedWearers erased;

    @Inject
    InstantSource clock;

    /**
     * Records the alert carried by event {@code eventId}, unless that event, or another carrying the
     * same alert, was recorded before, or the alert's wearer was erased.
     *
     * @param consumer  who takes it in, for idempotency ({@code alerts} for the topic)
     * @param eventType the alert's type string
     * @param clinicId  the tenant, from the envelope (authoritative over the payload's)
     */
    public Uni<Outcome> record(String consumer, String eventId, String eventType, String clinicId, Alert alert) {
        return processed.markNew(consumer, eventId).chain(isNew -> !isNew
                ? Uni.createFrom().item(Outcome.DUPLICATE)
                // Checked before anything is stored; the check holds off an erasure of the wearer until commit.
                : erased.isErased(clinicId, alert.wearerId()).chain(gone -> gone
                        ? Uni.createFrom().item(Outcome.ERASED_WEARER)
                        : alerts.findById(alert.alertId()).chain(existing -> existing != null
                                ? Uni.createFrom().item(Outcome.DUPLICATE)
                                : store(eventType, clinicId, alert).replaceWith(Outcome.RECORDED))));
    }

    private Uni<Void> store(String eventType, String clinicId, Alert alert) {
        AlertRecord record = new AlertRecord();
        record.id = alert.alertId();
        record.clinicId = clinicId;
        record.eventType = eventType;
        record.code = alert.code();
        record.severity = alert.severity().code();
        record.state = "open";
        record.beltId = alert.beltId();
        record.wearerId = alert.wearerId();
        record.sessionId = alert.sessionId();
        record.activity = alert.activity();
        record.value = alert.value();
        record.limit = alert.limit();
        record.unit = alert.unit();
        record.late = alert.late();
        record.reason = alert.reason();
        record.details = alert.details();
        record.raisedAt = alert.at();
        record.receivedAt = clock.instant();
        return Panache.getSession()
                .chain(session -> session.persist(record).chain(session::flush))
                .chain(() -> webhooks.enqueueAlert(clinicId, eventType, alert))
                .chain(() -> feed.publish(record.id, FeedEvent.ALERT_RAISED, AlertView.of(record)));
    }
}
