package io.spinestream.ingest.fleet;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Belt queries, always within one clinic. */
@ApplicationScoped
public class BeltRepository implements PanacheRepositoryBase<Belt, String> {

    /** The belt if it exists in {@code clinicId}; null for an absent belt or one of another clinic. */
    public Uni<Belt> findInClinic(String clinicId, String beltId) {
        return find("id = ?1 and clinicId = ?2", beltId, clinicId).firstResult();
    }
}
