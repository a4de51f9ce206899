package io.spinestream.journal.erasure;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.erasure.ErasureEvents;
import io.spinestream.events.payload.ErasureCompleted;
import io.spinestream.events.payload.ErasureRequested;
import io.spinestream.events.topic.Topics;
import io.spinestream.journal.outbox.Outbox;
import io.spinestream.journal.outbox.OutboxRelay;
import io.spinestream.journal.shared.JsonColumns;
import io.spinestream.journal.wearer.WearerAccess;
import io.spinestream.platform.erasure.ErasureResult;
import io.spinestream.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Right to erasure, the journal's side (docs/privacy.md). A request is one transaction: the erasure with
 * a pending part for every participant, the journal's own data deleted (its part completed with what it
 * removed), and in the outbox the erasure-requested event, a tombstone for the wearer on the
 * wearer-profiles topic and the journal's receipt. The other participants' receipts complete their parts.
 * Logs name erasures, never the wearer.
 */
@ApplicationScoped
public class ErasureService {

    private static final Logger LOG = Logger.getLogger(ErasureService.class);

    /** What became of a receipt. */
    public enum ReceiptOutcome {
        /** The service's part is now completed. */
        CONFIRMED,
        /** The part was completed by an earlier receipt (the same one again): the first is kept. */
        DUPLICATE,
        /** No such erasure here. */
        UNKNOWN_ERASURE,
        /** The receipt's clinic is not the erasure's (or not its event's): never mix tenants. */
        TENANT_MISMATCH,
        /** The service was not asked to confirm this erasure. */
        UNEXPECTED_SERVICE
    }

    private final ErasureRepository erasures;
    private final ErasureConfirmationRepository confirmations;
    private final WearerDataEraser eraser;
    private final Outbox outbox;
    private final OutboxRelay relay;

    @Inject
    public ErasureService(ErasureRepository erasures, ErasureConfirmationRepository confirmations,
                          WearerDataEraser eraser, Outbox outbox, OutboxRelay relay) {
        this.erasures = erasures;
        this.confirmations = confirmations;
        this.eraser = eraser;
        this.outbox = outbox;
        this.relay = relay;
    }

    /**
     * Erases a wearer of the clinic, or answers the erasure that already did; 404 (as for an absent wearer)
     * when the clinic neither has the wearer nor erased it.
     */
    public Uni<ErasureView> request(String clinicId, String actor, String wearerId) {
        return Panache.withTransaction(() -> erasures.findByWearer(clinicId, wearerId).chain(existing -> existing != null
                        ? view(existing)
                        : eraser.lock(clinicId, wearerId).chain(found -> found
                                ? carryOut(ErasureIds.next(), clinicId, wearerId, actor, now(), true).chain(this::view)
                                // A concurrent request of the same wearer got there first (it held the lock).
                                : erasures.findByWearer(clinicId, wearerId)
                                        .onItem().ifNull().failWith(() -> WearerAccess.notFound(wearerId))
                                        .chain(this::view))))
                .invoke(relay::wake);
    }

    /** The clinic's erasure; 404 for an absent one or one of another clinic. */
    public Uni<ErasureView> find(String clinicId, String erasureId) {
        return erasures.findInClinic(clinicId, erasureId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("erasure " + erasureId))
                .chain(this::view);
    }

    /**
     * The journal as a participant, for a request read from the erasure-requests topic: the erasure it
     * carried out when the clinic asked answers what it removed then. An erasure unknown here (the database
     * was restored from a backup taken before it) is carried out now and remembered, the wearer's data of
     * the clinic deleted again.
     */
    public Uni<ErasureResult> carryOut(ErasureRequested request) {
        return Panache.withTransaction(() -> erasures.findById(request.erasureId()).chain(erasure -> {
                    if (erasure != null) {
                        return journalPart(erasure, request);
                    }
                    return erasures.findByWearer(request.wearerId()).chain(other -> {
                        if (other != null) {
                            // Erased again under another request since: nothing of the wearer is left here.
                            return Uni.createFrom().item(ErasureResult.builder().completedAt(now()));
                        }
                        LOG.infof("erasure %s was unknown here (a restored database?): carrying it out", request.erasureId());
                        return eraser.lock(request.clinicId(), request.wearerId())
                                .chain(() -> carryOut(request.erasureId(), request.clinicId(), request.wearerId(), null,
                                        request.requestedAt(), false))
                                .chain(created -> journalPart(created, request));
                    });
                }))
                .invoke(relay::wake);
    }

    /** Records a participant's receipt once; see {@link ReceiptOutcome}. */
    public Uni<ReceiptOutcome> confirm(Event<?> event, ErasureCompleted receipt) {
        if (!receipt.clinicId().equals(event.clinicId())) {
            return Uni.createFrom().item(ReceiptOutcome.TENANT_MISMATCH);
        }
        return Panache.withTransaction(() -> erasures.findById(receipt.erasureId()).chain(erasure -> {
            if (erasure == null) {
                return Uni.createFrom().item(ReceiptOutcome.UNKNOWN_ERASURE);
            }
            if (!erasure.clinicId.equals(receipt.clinicId())) {
                return Uni.createFrom().item(ReceiptOutcome.TENANT_MISMATCH);
            }
            return confirmations.forUpdate(erasure.id, receipt.service()).map(part -> {
                if (part == null) {
                    return ReceiptOutcome.UNEXPECTED_SERVICE;
                }
                if (part.isCompleted()) {
                    return ReceiptOutcome.DUPLICATE;
                }
                part.receiptId = event.id();
                part.removed = JsonColumns.write(receipt.removed());
                part.completedAt = receipt.completedAt().truncatedTo(ChronoUnit.MICROS);
                return ReceiptOutcome.CONFIRMED;
            });
        }));
    }

    /**
     * Within the caller's transaction, with the wearer's row locked: deletes the journal's data of the
     * wearer, records the erasure with every participant's part (the journal's completed), and queues the
     * tombstone of the wearer's profile, the journal's receipt and — for a request made here — the
     * erasure-requested event.
     */
    private Uni<Erasure> carryOut(String erasureId, String clinicId, String wearerId, String actor, Instant requestedAt,
                                  boolean publishRequest) {
        Instant now = now();
        String tombstoneId = EventIds.deterministic("tombstone", Topics.WEARER_PROFILES.name(), wearerId, erasureId);
        return eraser.erase(clinicId, wearerId, tombstoneId).chain(removed -> {
            ErasureResult result = removed.completedAt(now);
            Erasure erasure = new Erasure();
            erasure.id = erasureId;
            erasure.clinicId = clinicId;
            erasure.wearerId = wearerId;
            erasure.requestedBy = actor;
            erasure.requestedAt = requestedAt.truncatedTo(ChronoUnit.MICROS);
            Event<ErasureCompleted> receipt = ErasureEvents.completed(
                    new ErasureCompleted(erasureId, clinicId, Topics.JOURNAL, result.removed(), now));
            List<ErasureConfirmation> parts = new ArrayList<>();
            for (String service : Topics.erasureParticipants()) {
                ErasureConfirmation part = new ErasureConfirmation();
                part.erasureId = erasureId;
                part.service = service;
                if (service.equals(Topics.JOURNAL)) {
                    part.receiptId = receipt.id();
                    part.removed = JsonColumns.write(result.removed());
                    part.completedAt = now;
                }
                parts.add(part);
            }
            Uni<Void> chain = erasures.persist(erasure).chain(erasures::flush)
                    .chain(() -> confirmations.persist(parts)).replaceWithVoid();
            if (publishRequest) {
                chain = chain.chain(() -> outbox.add(ErasureEvents.requested(
                        new ErasureRequested(erasureId, clinicId, wearerId, erasure.requestedAt)), wearerId));
            }
            return chain.chain(() -> outbox.add(receipt, erasureId))
                    .invoke(() -> LOG.infof("erasure %s requested in clinic %s: the journal removed %d record(s)",
                            erasureId, clinicId, result.total()))
                    .replaceWith(erasure);
        });
    }

    private Uni<ErasureResult> journalPart(Erasure erasure, ErasureRequested request) {
        if (!erasure.clinicId.equals(request.clinicId()) || !erasure.wearerId.equals(request.wearerId())) {
            return Uni.createFrom().failure(new IllegalStateException("erasure " + erasure.id
                    + " is recorded for another clinic or wearer than its request says"));
        }
        return confirmations.findById(new ErasureConfirmation.Key(erasure.id, Topics.JOURNAL)).map(part -> {
            if (part == null || !part.isCompleted()) {
                throw new IllegalStateException("erasure " + erasure.id + " has no completed journal part");
            }
            return new ErasureResult(JsonColumns.read(part.removed, ErasureView.COUNTS), part.completedAt);
        });
    }

    private Uni<ErasureView> view(Erasure erasure) {
        return confirmations.of(erasure.id).map(parts -> ErasureView.of(erasure, parts));
    }

    private static Instant now() {
        // Microseconds: what PostgreSQL keeps, so a stored time reads back equal.
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
