package io.spinestream.notification.erasure;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The wearers erased here, for whatever still arrives for them (an alert replayed from the alerts topic,
 * or read late by a lagging consumer): it must not be stored, delivered or shown.
 *
 * <p>Checking and erasing are serialised per wearer with a PostgreSQL advisory lock held until the
 * transaction ends: an erasure holds it exclusively, a check shared. So an alert being recorded while its
 * wearer is erased either commits first (and the erasure, waiting for it, deletes it) or waits for the
 * erasure and then sees it.
 */
@ApplicationScoped
public class ErasedWearers {

    // Key space of the two-integer advisory locks ("ERAS"); distinct from the single-key locks by design.
    private static final int LOCK_SPACE = 0x45524153;

    /** A wearer of a clinic. */
    public record Wearer(String clinicId, String wearerId) {
    }

    /**
     * Within the current transaction: which of these wearers the clinic erased, in two statements.
     * Holds each one's lock shared (taken in a fixed order) until the transaction ends, so call it
     * before storing anything of them. A null wearer (an alert about no one) was never erased.
     */
    public Uni<Set<Wearer>> erasedAmong(Collection<Wearer> wearers) {
        List<Wearer> sorted = wearers.stream().filter(w -> w.wearerId() != null).distinct()
                .sorted(Comparator.comparing(Wearer::clinicId).thenComparing(Wearer::wearerId)).toList();
        if (sorted.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<String> ids = sorted.stream().map(Wearer::wearerId).distinct().toList();
        String[] keys = sorted.stream().map(w -> w.clinicId() + ' ' + w.wearerId()).toArray(String[]::new);
        // Two statements: the check must see an erasure that committed while the lock was awaited.
        // The lock as a native update (its rows are not read) and the check in HQL: a native query read for
        // its rows caches a new plan on each call in Hibernate 7.2, all under one hash (issue #9).
        return Panache.getSession().chain(session -> session.flush()
                .chain(() -> session.createNativeQuery("SELECT CAST(pg_advisory_xact_lock_shared(?1, hashtext(k)) "
                                + "AS text) FROM unnest(CAST(?2 AS text[])) WITH ORDINALITY AS t(k, n) ORDER BY n")
                        .setParameter(1, LOCK_SPACE)
                        .setParameter(2, keys)
                        .executeUpdate())
                .chain(() -> session.createSelectionQuery("select e.clinicId, e.wearerId from ErasureRecord e "
                                + "where e.wearerId in :wearers", Object[].class)
                        .setParameter("wearers", ids)
                        .getResultList()))
                .map(rows -> {
                    Set<Wearer> erased = new HashSet<>();
                    rows.forEach(row -> erased.add(new Wearer((String) row[0], (String) row[1])));
                    erased.retainAll(sorted);
                    return erased;
                });
    }

    /** Within the current transaction: waits until no one records data of the wearer, and keeps it so. */
    Uni<Void> lockForErasure(String clinicId, String wearerId) {
        return lock("pg_advisory_xact_lock", clinicId, wearerId);
    }

    private static Uni<Void> lock(String function, String clinicId, String wearerId) {
        // Flush first: a native statement must not trigger Hibernate's blocking auto-flush.
        return Panache.getSession().chain(session -> session.flush().chain(() -> session
                .createNativeQuery("SELECT CAST(" + function + "(?1, hashtext(?2)) AS text)")
                .setParameter(1, LOCK_SPACE)
                .setParameter(2, clinicId + ' ' + wearerId)
                .executeUpdate()
                .replaceWithVoid()));
    }
}
