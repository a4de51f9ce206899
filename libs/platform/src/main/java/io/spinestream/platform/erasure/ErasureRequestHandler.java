package io.spinestream.platform.erasure;

import io.smallrye.mutiny.Uni;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.erasure.ErasureEvents;
import io.spinestream.events.payload.ErasureCompleted;
import io.spinestream.events.payload.ErasureRequested;
import io.spinestream.events.topic.Topics;
import org.jboss.logging.Logger;

import java.util.Objects;
import java.util.Optional;

/**
 * A service's side of the erasure protocol (docs/privacy.md), for the consumer of its channel on
 * {@code Topics.ERASURE_REQUESTS}: for each request of the right tenant, run the service's
 * {@link ErasureParticipant}, then send its receipt ({@link ErasureEvents#completed}: id from erasure and
 * service). The returned Uni completes only after the receipt was sent, so a request is acknowledged
 * (its offset committed) only once both happened: a crash in between reads the request again, the
 * participant answers what it recorded, and the same receipt goes out again. Failures of either step
 * are retried ({@link ErasureRetry}); if they persist the Uni fails and the request stays unacknowledged.
 *
 * <pre>{@code
 * handler = new ErasureRequestHandler(Topics.NOTIFICATION, eraser, ReceiptSender.kafka(receiptsEmitter));
 *
 * @Incoming("erasure-requests-in")
 * Uni<Void> consume(Event<?> event) { return handler.handle(event).replaceWithVoid(); }
 * }</pre>
 *
 * Logs carry the erasure id and counts, never the wearer.
 */
public final class ErasureRequestHandler {

    private static final Logger LOG = Logger.getLogger(ErasureRequestHandler.class);

    /** What became of a record read from the erasure-requests topic. */
    public enum Outcome {
        /** The participant erased the wearer (now or before) and its receipt was sent. */
        CONFIRMED,
        /** A tombstone or another type of event: nothing to do. */
        NOT_A_REQUEST,
        /** The payload's clinic is not the event's: never act across tenants. */
        TENANT_MISMATCH
    }

    private final String service;
    private final ErasureParticipant participant;
    private final ReceiptSender sender;
    private final ErasureRetry retry;

    /** With {@link ErasureRetry#DEFAULT}. */
    public ErasureRequestHandler(String service, ErasureParticipant participant, ReceiptSender sender) {
        this(service, participant, sender, ErasureRetry.DEFAULT);
    }

    /**
     * @param service     the service's registry name ({@code Topics.JOURNAL}, …); must be one of
     *                    {@link Topics#erasureParticipants()}
     * @param participant the service's deletion
     * @param sender      where its receipts go
     * @param retry       how a failed deletion or send is retried before the request is left
     *                    unacknowledged
     */
    public ErasureRequestHandler(String service, ErasureParticipant participant, ReceiptSender sender,
                                 ErasureRetry retry) {
        if (!Topics.erasureParticipants().contains(service)) {
            throw new IllegalArgumentException(service + " is not an erasure participant "
                    + Topics.erasureParticipants() + ": add it to the consumers of Topics.ERASURE_REQUESTS");
        }
        this.service = service;
        this.participant = Objects.requireNonNull(participant, "participant");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    /**
     * Handles one record's value ({@code null} for a tombstone). Completes with the outcome once the
     * receipt was sent (or there was nothing to do); fails when erasing or sending kept failing.
     */
    public Uni<Outcome> handle(Event<?> event) {
        Optional<ErasureRequested> read = ErasureEvents.request(event);
        if (read.isEmpty()) {
            return Uni.createFrom().item(Outcome.NOT_A_REQUEST);
        }
        ErasureRequested request = read.get();
        if (!request.clinicId().equals(event.clinicId())) {
            LOG.warnf("erasure %s skipped: its payload names another clinic than its event", request.erasureId());
            return Uni.createFrom().item(Outcome.TENANT_MISMATCH);
        }
        return retry.run(() -> participant.erase(request)
                        .onItem().ifNull().failWith(() -> new IllegalStateException("the participant answered no result"))
                        .call(result -> sender.send(receipt(request, result)))
                        .onFailure().invoke(e -> LOG.warnf("erasure %s by %s failed: %s", request.erasureId(), service,
                                e.toString())))
                .map(result -> {
                    LOG.infof("erasure %s: %s removed %d record(s) and sent its receipt", request.erasureId(), service,
                            result.total());
                    return Outcome.CONFIRMED;
                });
    }

    private Event<ErasureCompleted> receipt(ErasureRequested request, ErasureResult result) {
        return ErasureEvents.completed(new ErasureCompleted(request.erasureId(), request.clinicId(), service,
                result.removed(), result.completedAt()));
    }
}
