package io.spinestream.notification.erasure;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

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

    /**
     * Within the current transaction: whether the clinic erased the wearer. Holds the wearer's lock shared
     * until the transaction ends, so call it before storing anything of the wearer. A null wearer (an alert
     * about no one) was never erased.
     */
    public Uni<Boolean> isErased(String clinicId, String wearerId) {
        if (wearerId == null) {
            return Uni.createFrom().item(false);
        }
        return lock("pg_advisory_xact_lock_shared", clinicId, wearerId)
                .chain(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("SELECT count(*) FROM erasure WHERE clinic_id = ?1 AND wearer_id = ?2",
                                Long.class)
                        .setParameter(1, clinicId)
                        .setParameter(2, wearerId)
                        .getSingleResult()))
                .map(count -> count > 0);
    }

    /** Within the current transaction: waits until no one records data of the wearer, and keeps it so. */
    Uni<Void> lockForErasure(String clinicId, String wearerId) {
        return lock("pg_advisory_xact_lock", clinicId, wearerId);
    }

    private static Uni<Void> lock(String function, String clinicId, String wearerId) {
        // Flush first: a native statement must not trigger Hibernate's blocking auto-flush.
        return Panache.getSession().chain(session -> session.flush().chain(() -> session
                .createNativeQuery("SELECT CAST(" + function + "(?1, hashtext(?2)) AS text)", String.class)
                .setParameter(1, LOCK_SPACE)
                .setParameter(2, clinicId + ' ' + wearerId)
                .getSingleResult()
                .replaceWithVoid()));
    }
}
