package io.spinestream.notification.alert;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.payload.Alert;
import io.spinestream.notification.erasure.ErasedWearers;
import io.spinestream.notification.feed.FeedEvent;
import io.spinestream.notification.feed.FeedPublisher;
import io.spinestream.notification.webhook.DeliveryHandoff;
import io.spinestream.notification.webhook.WebhookEnqueuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Stores new alerts and everything they cause, in the caller's transaction: the alert rows, their
 * webhook deliveries, their live-feed messages, with set-based statements for a whole batch. All of
 * it happens once per event id and alert id, or not at all; none of it for an alert of a wearer the
 * clinic erased (docs/privacy.md).
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
        ERASED_WEARER,
        /**
         * Refused by the database (a value it cannot store): dropped, nothing stored, like a record that
         * is no alert. Only the intake, recording one alert at a time after its batch failed, answers it.
         */
        REJECTED
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

    /** An alert event to record: its CloudEvent id and type, the tenant from its envelope, the alert. */
    public record Incoming(String eventId, String eventType, String clinicId, Alert alert) {
    }

    /**
     * Records the alert carried by event {@code eventId}, unless that event, or another carrying the
     * same alert, was recorded before, or the alert's wearer was erased.
     *
     * @param consumer  who takes it in, for idempotency ({@code alerts} for the topic)
     * @param eventType the alert's type string
     * @param clinicId  the tenant, from the envelope (authoritative over the payload's)
     */
    public Uni<Outcome> record(String consumer, String eventId, String eventType, String clinicId, Alert alert) {
        return recordAll(consumer, List.of(new Incoming(eventId, eventType, clinicId, alert)), DeliveryHandoff.none())
                .map(outcomes -> outcomes.get(0));
    }

    /**
     * As {@link #record} for many events in the caller's transaction, with a fixed number of
     * statements whatever their count; the outcomes in the order of {@code events}. Within the list, a
     * repeated event id or alert id counts as a duplicate of its first occurrence. The new webhook
     * deliveries are offered to {@code handoff}.
     */
    public Uni<List<Outcome>> recordAll(String consumer, List<Incoming> events, DeliveryHandoff handoff) {
        Outcome[] outcomes = new Outcome[events.size()];
        Set<String> eventIds = new LinkedHashSet<>();
        for (int i = 0; i < events.size(); i++) {
            if (!eventIds.add(events.get(i).eventId())) {
                outcomes[i] = Outcome.DUPLICATE;
            }
        }
        return processed.markNewAll(consumer, eventIds).chain(fresh -> {
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                if (outcomes[i] == null) {
                    if (fresh.contains(events.get(i).eventId())) {
                        candidates.add(i);
                    } else {
                        outcomes[i] = Outcome.DUPLICATE;
                    }
                }
            }
            if (candidates.isEmpty()) {
                return Uni.createFrom().item(List.of(outcomes));
            }
            // Checked before anything is stored; the check holds off an erasure of the wearers until commit.
            List<ErasedWearers.Wearer> wearers = candidates.stream().map(events::get)
                    .map(e -> new ErasedWearers.Wearer(e.clinicId(), e.alert().wearerId())).toList();
            return erased.erasedAmong(wearers)
                    .chain(gone -> {
                        List<Integer> kept = new ArrayList<>();
                        for (int i : candidates) {
                            Incoming event = events.get(i);
                            if (event.alert().wearerId() != null
                                    && gone.contains(new ErasedWearers.Wearer(event.clinicId(), event.alert().wearerId()))) {
                                outcomes[i] = Outcome.ERASED_WEARER;
                            } else {
                                kept.add(i);
                            }
                        }
                        return alerts.existingIds(kept.stream().map(i -> events.get(i).alert().alertId()).toList())
                                .chain(existing -> {
                                    Set<String> taken = new HashSet<>(existing);
                                    List<Incoming> toStore = new ArrayList<>();
                                    for (int i : kept) {
                                        Incoming event = events.get(i);
                                        if (taken.add(event.alert().alertId())) {
                                            toStore.add(event);
                                            outcomes[i] = Outcome.RECORDED;
                                        } else {
                                            outcomes[i] = Outcome.DUPLICATE;
                                        }
                                    }
                                    return store(toStore, handoff);
                                });
                    })
                    .map(ignored -> List.of(outcomes));
        });
    }

    private Uni<Void> store(List<Incoming> events, DeliveryHandoff handoff) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        List<AlertRecord> records = events.stream().map(e -> toRecord(e, now)).toList();
        return Panache.getSession()
                .chain(session -> Multi.createFrom().iterable(records)
                        .onItem().transformToUniAndConcatenate(session::persist)
                        .collect().last()
                        .chain(() -> webhooks.enqueueAlerts(events.stream()
                                .map(e -> new WebhookEnqueuer.ClinicAlert(e.clinicId(), e.eventType(), e.alert()))
                                .toList(), handoff))
                        // One flush: the alerts, then their deliveries, each written as a batch.
                        .chain(session::flush))
                .chain(() -> feed.publishAll(records.stream()
                        .map(r -> new FeedPublisher.Message(r.id, FeedEvent.ALERT_RAISED, AlertView.of(r)))
                        .toList()));
    }

    private static AlertRecord toRecord(Incoming event, Instant now) {
        Alert alert = event.alert();
        AlertRecord record = new AlertRecord();
        record.id = alert.alertId();
        record.clinicId = event.clinicId();
        record.eventType = event.eventType();
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
        record.receivedAt = now;
        return record;
    }
}
