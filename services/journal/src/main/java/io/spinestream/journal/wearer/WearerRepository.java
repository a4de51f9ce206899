package io.spinestream.journal.wearer;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Wearer queries, always within one clinic. */
@ApplicationScoped
public class WearerRepository implements PanacheRepositoryBase<Wearer, String> {

    /** The wearer if it exists in {@code clinicId}; null for an absent one or one of another clinic. */
    public Uni<Wearer> findInClinic(String clinicId, String wearerId) {
        return find("id = ?1 and clinicId = ?2", wearerId, clinicId).firstResult();
    }
}
