package io.spinestream.notification.erasure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.cloudevents.EventJson;
import io.spinestream.events.payload.ErasureRequested;
import io.spinestream.notification.support.OutboxRelay;
import io.spinestream.platform.erasure.ErasureParticipant;
import io.spinestream.platform.erasure.ErasureResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Notification's part of an erasure (docs/privacy.md): in one transaction, deletes everything it holds of
 * the wearer in the clinic — the wearer's alerts with their state history and the lifecycle events not yet
 * published, the webhook deliveries about the wearer (the log with payloads and attempts, and the queued
 * ones, which are thereby cancelled), the form faults waiting for a digest — and records the erasure, so
 * that alerts still arriving for the wearer are dropped ({@link ErasedWearers}). A request read again
 * answers what was recorded the first time, after deleting anything of the wearer that appeared since.
 */
@ApplicationScoped
public class WearerDataEraser implements ErasureParticipant {

    /** Every table holding a wearer's data (ErasureTest checks the schema has no other). */
    public static final Set<String> TABLES = Set.of("alert", "alert_state_change", "event_outbox",
            "webhook_delivery", "webhook_attempt", "webhook_digest_item");

    private static final Logger LOG = Logger.getLogger(WearerDataEraser.class);
    private static final TypeReference<TreeMap<String, Long>> COUNTS = new TypeReference<>() {
    };

    /** A statement over the wearer's rows: a lock ({@code kind} null) or a deletion counted as {@code kind}. */
    private record Step(String kind, String sql) {
    }

    private static final String ALERTS_OF_WEARER = "SELECT id FROM alert WHERE clinic_id = :clinic AND wearer_id = :wearer";
    private static final String DELIVERIES_OF_WEARER =
            "SELECT id FROM webhook_delivery WHERE clinic_id = :clinic AND wearer_id = :wearer";

    // In this order: the wearer's alerts are locked first, so no state change of them commits meanwhile
    // (new alerts wait for the erasure lock); digest items go before the deliveries are locked, so a digest
    // sealed meanwhile is among them; deliveries are locked before their attempts are counted, so no attempt
    // is recorded meanwhile; outbox events and state changes are found through the alerts, so before them.
    private static final List<Step> STEPS = List.of(
            new Step(null, ALERTS_OF_WEARER + " FOR UPDATE"),
            new Step("webhook_digest_items",
                    "DELETE FROM webhook_digest_item WHERE clinic_id = :clinic AND wearer_id = :wearer"),
            new Step(null, DELIVERIES_OF_WEARER + " FOR UPDATE"),
            new Step("webhook_attempts", "DELETE FROM webhook_attempt WHERE delivery_id IN (" + DELIVERIES_OF_WEARER + ")"),
            new Step("cancelled_webhook_deliveries", "DELETE FROM webhook_delivery WHERE clinic_id = :clinic"
                    + " AND wearer_id = :wearer AND status = 'pending'"),
            new Step("webhook_deliveries",
                    "DELETE FROM webhook_delivery WHERE clinic_id = :clinic AND wearer_id = :wearer"),
            new Step("outbox_events", "DELETE FROM event_outbox WHERE channel = '" + OutboxRelay.ALERT_LIFECYCLE
                    + "' AND record_key IN (" + ALERTS_OF_WEARER + ")"),
            new Step("alert_state_changes", "DELETE FROM alert_state_change WHERE alert_id IN (" + ALERTS_OF_WEARER + ")"),
            new Step("alerts", "DELETE FROM alert WHERE clinic_id = :clinic AND wearer_id = :wearer"));

    private final ErasedWearers erased;
    private final InstantSource clock;

    @Inject
    public WearerDataEraser(ErasedWearers erased, InstantSource clock) {
        this.erased = erased;
        this.clock = clock;
    }

    @Override
    public Uni<ErasureResult> erase(ErasureRequested request) {
        return Panache.withTransaction(() -> erased.lockForErasure(request.clinicId(), request.wearerId())
                .chain(() -> Panache.getSession().chain(session -> session.find(ErasureRecord.class, request.erasureId())))
                .chain(known -> known == null ? firstTime(request) : again(known, request)));
    }

    private Uni<ErasureResult> firstTime(ErasureRequested request) {
        return delete(request).chain(removed -> {
            ErasureResult result = removed.completedAt(clock.instant().truncatedTo(ChronoUnit.MICROS));
            ErasureRecord record = new ErasureRecord();
            record.id = request.erasureId();
            record.clinicId = request.clinicId();
            record.wearerId = request.wearerId();
            record.requestedAt = request.requestedAt().truncatedTo(ChronoUnit.MICROS);
            record.removed = write(result.removed());
            record.completedAt = result.completedAt();
            return Panache.getSession().chain(session -> session.persist(record)).replaceWith(result);
        });
    }

    private Uni<ErasureResult> again(ErasureRecord known, ErasureRequested request) {
        if (!known.clinicId.equals(request.clinicId()) || !known.wearerId.equals(request.wearerId())) {
            return Uni.createFrom().failure(new IllegalStateException("erasure " + known.id
                    + " is recorded for another clinic or wearer than its request says"));
        }
        ErasureResult recorded = new ErasureResult(read(known.removed), known.completedAt);
        return delete(request).map(since -> {
            long late = since.completedAt(known.completedAt).total();
            if (late > 0) {
                LOG.warnf("erasure %s read again: removed %d record(s) stored since it was carried out", known.id, late);
            }
            return recorded;
        });
    }

    /** Runs every step, one statement at a time (one reactive session runs one at a time). */
    private static Uni<ErasureResult.Builder> delete(ErasureRequested request) {
        ErasureResult.Builder removed = ErasureResult.builder();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Step step : STEPS) {
            chain = chain.chain(() -> run(step, request.clinicId(), request.wearerId()).invoke(count -> {
                if (step.kind() != null) {
                    removed.add(step.kind(), count);
                }
            })).replaceWithVoid();
        }
        return chain.replaceWith(removed);
    }

    private static Uni<Long> run(Step step, String clinicId, String wearerId) {
        return Panache.getSession().chain(session -> step.kind() == null
                // Rows counted by a native update: a native query read for its rows caches a new plan on each call.
                ? session.createNativeQuery(step.sql())
                        .setParameter("clinic", clinicId).setParameter("wearer", wearerId)
                        .executeUpdate().map(Integer::longValue)
                : session.createNativeQuery(step.sql())
                        .setParameter("clinic", clinicId).setParameter("wearer", wearerId)
                        .executeUpdate().map(Integer::longValue));
    }

    private static String write(Map<String, Long> counts) {
        try {
            return EventJson.mapper().writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("counts not serialisable", e);
        }
    }

    private static Map<String, Long> read(String json) {
        try {
            return EventJson.mapper().readValue(json, COUNTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("recorded counts unreadable", e);
        }
    }
}
