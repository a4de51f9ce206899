package io.spinestream.journal.erasure;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Erasures; queries for callers are within one clinic. */
@ApplicationScoped
public class ErasureRepository implements PanacheRepositoryBase<Erasure, String> {

    /** The erasure if it exists in {@code clinicId}; null for an absent one or one of another clinic. */
    public Uni<Erasure> findInClinic(String clinicId, String erasureId) {
        return find("id = ?1 and clinicId = ?2", erasureId, clinicId).firstResult();
    }

    /** The clinic's erasure of that wearer, if the clinic erased it. */
    public Uni<Erasure> findByWearer(String clinicId, String wearerId) {
        return find("wearerId = ?1 and clinicId = ?2", wearerId, clinicId).firstResult();
    }

    /** The erasure of that wearer, of any clinic (wearer ids are unique across clinics). */
    public Uni<Erasure> findByWearer(String wearerId) {
        return find("wearerId", wearerId).firstResult();
    }

    /** Whether the wearer was erased: data arriving for them now is dropped. */
    public Uni<Boolean> isErased(String wearerId) {
        return count("wearerId", wearerId).map(n -> n > 0);
    }
}
