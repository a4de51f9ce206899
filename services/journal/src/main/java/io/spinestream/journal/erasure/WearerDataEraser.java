package io.spinestream.journal.erasure;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.EventType;
import io.spinestream.journal.outbox.Outbox;
import io.spinestream.platform.erasure.ErasureResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Set;

/**
 * Deletes everything the journal holds of one wearer, counting it by kind: pain entries with their
 * treatments and red flags, the alerts raised, the exercise log, every profile version, the events of the
 * wearer still in the outbox (sent or not: they are copies of the same data), and the wearer. Must run
 * inside the erasure's transaction, which it joins.
 */
@ApplicationScoped
public class WearerDataEraser {

    /** Every table holding a wearer's data (ErasureTest checks the schema has no other). */
    static final Set<String> TABLES = Set.of("wearer", "wearer_profile_version", "pain_entry", "pain_red_flag",
            "journal_alert", "exercise_entry", "outbox_event");

    /** One kind of record and how to remove it (treatments live inside their pain entries: counted first). */
    private record Step(String kind, String sql, boolean delete) {
    }

    // In dependency order: flags and alerts point at entries, entries at exercise-log entries.
    private static final List<Step> STEPS = List.of(
            new Step("treatments", "SELECT COALESCE(SUM(json_array_length(CAST(treatments AS json))), 0)"
                    + " FROM pain_entry WHERE wearer_id = :wearer AND clinic_id = :clinic", false),
            new Step("red_flags", "DELETE FROM pain_red_flag WHERE wearer_id = :wearer AND clinic_id = :clinic", true),
            new Step("alerts", "DELETE FROM journal_alert WHERE wearer_id = :wearer AND clinic_id = :clinic", true),
            new Step("pain_entries", "DELETE FROM pain_entry WHERE wearer_id = :wearer AND clinic_id = :clinic", true),
            new Step("exercise_entries", "DELETE FROM exercise_entry WHERE wearer_id = :wearer AND clinic_id = :clinic", true),
            new Step("profile_versions",
                    "DELETE FROM wearer_profile_version WHERE wearer_id = :wearer AND clinic_id = :clinic", true));

    private static final String LOCK = "SELECT id FROM wearer WHERE id = :wearer AND clinic_id = :clinic FOR UPDATE";
    private static final String DELETE_WEARER = "DELETE FROM wearer WHERE id = :wearer AND clinic_id = :clinic";

    private final Outbox outbox;

    @Inject
    public WearerDataEraser(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Whether the clinic has the wearer; if so, its row is locked until the transaction ends, so that no
     * entry, alert or profile change of the wearer commits while it is being erased.
     */
    public Uni<Boolean> lock(String clinicId, String wearerId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(LOCK, String.class)
                .setParameter("wearer", wearerId).setParameter("clinic", clinicId)
                .getResultList()).map(rows -> !rows.isEmpty());
    }

    /**
     * Deletes the wearer's data of the clinic and puts a tombstone for the wearer's key on the
     * wearer-profiles topic in the outbox ({@code tombstoneId}); answers what was removed, by kind (every
     * kind, 0 when there was none). Call {@link #lock} first.
     */
    public Uni<ErasureResult.Builder> erase(String clinicId, String wearerId, String tombstoneId) {
        ErasureResult.Builder removed = ErasureResult.builder();
        // One reactive session runs one statement at a time.
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Step step : STEPS) {
            chain = chain.chain(() -> run(step, clinicId, wearerId)).invoke(n -> removed.add(step.kind(), n)).replaceWithVoid();
        }
        return chain
                .chain(() -> outbox.replaceWithTombstone(wearerId, EventType.WEARER_PROFILE, clinicId, tombstoneId))
                .invoke(n -> removed.add("outbox_events", n))
                .chain(() -> Panache.getSession().chain(session -> session.createNativeQuery(DELETE_WEARER)
                        .setParameter("wearer", wearerId).setParameter("clinic", clinicId).executeUpdate()))
                .invoke(n -> removed.add("wearers", n))
                .replaceWith(removed);
    }

    private static Uni<Long> run(Step step, String clinicId, String wearerId) {
        return Panache.getSession().chain(session -> step.delete()
                ? session.createNativeQuery(step.sql()).setParameter("wearer", wearerId).setParameter("clinic", clinicId)
                        .executeUpdate().map(Integer::longValue)
                : session.createNativeQuery(step.sql(), Long.class).setParameter("wearer", wearerId)
                        .setParameter("clinic", clinicId).getSingleResult());
    }
}
