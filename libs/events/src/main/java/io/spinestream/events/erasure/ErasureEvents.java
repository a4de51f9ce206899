package io.spinestream.events.erasure;

import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.ErasureCompleted;
import io.spinestream.events.payload.ErasureRequested;
import io.spinestream.events.topic.Topics;

import java.util.Optional;

/**
 * The erasure events exactly as every producer must build them. Ids derive from the erasure (and
 * the service), so a request or a receipt built again — after a crash, or because the request was
 * read again — is the same event, and consumers drop it as a duplicate. The subject is the record
 * key: the wearer id for requests, the erasure id for receipts.
 */
public final class ErasureEvents {

    private ErasureEvents() {
    }

    /** {@code EventIds.of(ERASURE_REQUESTED, erasureId)}. */
    public static String requestedId(String erasureId) {
        return EventIds.of(EventType.ERASURE_REQUESTED, erasureId);
    }

    /** {@code EventIds.of(ERASURE_COMPLETED, erasureId, service)}: one receipt per service and erasure. */
    public static String completedId(String erasureId, String service) {
        return EventIds.of(EventType.ERASURE_COMPLETED, erasureId, service);
    }

    /** The request event, from the journal, about (and keyed by) the wearer, at {@code requestedAt}. */
    public static Event<ErasureRequested> requested(ErasureRequested request) {
        return Event.of(EventType.ERASURE_REQUESTED, requestedId(request.erasureId()), EventSources.JOURNAL,
                request.wearerId(), request.clinicId(), request.requestedAt(), request);
    }

    /**
     * The receipt event, from the service that sends it, about (and keyed by) the erasure, at
     * {@code completedAt}.
     *
     * @throws IllegalArgumentException when the receipt's service is not one of
     *                                  {@link Topics#erasureParticipants()}
     */
    public static Event<ErasureCompleted> completed(ErasureCompleted receipt) {
        if (!Topics.erasureParticipants().contains(receipt.service())) {
            throw new IllegalArgumentException(receipt.service() + " is not an erasure participant "
                    + Topics.erasureParticipants());
        }
        return Event.of(EventType.ERASURE_COMPLETED, completedId(receipt.erasureId(), receipt.service()),
                EventSources.of(receipt.service()), receipt.erasureId(), receipt.clinicId(),
                receipt.completedAt(), receipt);
    }

    /** The request {@code event} carries; empty for a tombstone ({@code null}) or another type. */
    public static Optional<ErasureRequested> request(Event<?> event) {
        return event != null && event.type() == EventType.ERASURE_REQUESTED
                ? Optional.of(event.dataAs(ErasureRequested.class)) : Optional.empty();
    }

    /** The receipt {@code event} carries; empty for a tombstone ({@code null}) or another type. */
    public static Optional<ErasureCompleted> receipt(Event<?> event) {
        return event != null && event.type() == EventType.ERASURE_COMPLETED
                ? Optional.of(event.dataAs(ErasureCompleted.class)) : Optional.empty();
    }
}
