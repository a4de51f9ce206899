package io.spinestream.journal.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.cloudevents.CloudEventCodec;
import io.spinestream.events.cloudevents.Event;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Adds events to the outbox within the caller's transaction: the event exists if and only if the
 * change that caused it was committed. An event whose id is already in the outbox is not added
 * again (the same cause raised twice). After the commit, call {@link OutboxRelay#wake()}.
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
}
