package io.spinestream.journal.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.CloudEventCodec;
import io.spinestream.events.cloudevents.Event;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Adds events to the outbox within the caller's transaction: the event exists if and only if the
 * change that caused it was committed. An event whose id is already in the outbox is not added
 * again (the same cause raised twice). After the commit, call {@link OutboxRelay#wake()}. It also carries
 * tombstones: a row without payload is a null value for its key on the topic of its event type.
 */
@ApplicationScoped
public class Outbox implements PanacheRepositoryBase<OutboxEvent, String> {

    /** Stores {@code event} to be published with {@code key}; must run inside a transaction. */
    public Uni<Void> add(Event<?> event, String key) {
        return findById(event.id()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            OutboxEvent row = new OutboxEvent();
            row.eventId = event.id();
            row.eventType = event.type().type();
            row.recordKey = key;
            row.clinicId = event.clinicId();
            row.payload = new String(CloudEventCodec.encode(event), StandardCharsets.UTF_8);
            row.createdAt = Instant.now();
            return persist(row).replaceWithVoid();
        });
    }

    private static final String TOMBSTONE = """
            INSERT INTO outbox_event (event_id, event_type, record_key, clinic_id, payload, created_at, lease_until)
            SELECT :id, :type, :key, :clinic, NULL, now(),
                   (SELECT max(lease_until) FROM outbox_event
                    WHERE record_key = :key AND sent_at IS NULL AND lease_until > now())
            ON CONFLICT (event_id) DO NOTHING""";
    private static final String DISCARD = "DELETE FROM outbox_event WHERE record_key = :key AND event_id <> :id";

    /**
     * For an erased key: drops every event of {@code key} the outbox holds, sent or not (they carry the data
     * being erased), and puts in their place a tombstone (a null value) for {@code key} on the topic events of
     * {@code topicOf} go to — e.g. the wearer-profiles topic for {@code WEARER_PROFILE}. Events of the key that
     * a relay round is sending right now can't be called back: the tombstone waits until their lease ends, so
     * that none of them overtakes it on the topic. Must run inside a transaction.
     *
     * @param tombstoneId a deterministic id of the cause (one tombstone per cause, like events)
     * @return the number of events dropped
     */
    public Uni<Integer> replaceWithTombstone(String key, EventType topicOf, String clinicId, String tombstoneId) {
        return getSession().chain(session -> session.createNativeQuery(TOMBSTONE)
                        .setParameter("id", tombstoneId).setParameter("type", topicOf.type())
                        .setParameter("key", key).setParameter("clinic", clinicId)
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery(DISCARD)
                                .setParameter("key", key).setParameter("id", tombstoneId)
                                .executeUpdate()));
    }
}
