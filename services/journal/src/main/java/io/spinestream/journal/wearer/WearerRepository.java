package io.spinestream.journal.wearer;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Wearer queries, always within one clinic. */
@ApplicationScoped
public class WearerRepository implements PanacheRepositoryBase<Wearer, String> {

    /** The wearer if it exists in {@code clinicId}; null for an absent one or one of another clinic. */
    public Uni<Wearer> findInClinic(String clinicId, String wearerId) {
        return find("id = ?1 and clinicId = ?2", wearerId, clinicId).firstResult();
    }

    /** Up to {@code max} wearers of the clinic by id, after {@code afterId} (null: from the first). */
    public Uni<List<Wearer>> page(String clinicId, String afterId, int max) {
        return (afterId == null
                ? find("clinicId = ?1", Sort.by("id"), clinicId)
                : find("clinicId = ?1 and id > ?2", Sort.by("id"), clinicId, afterId))
                .page(0, max).list();
    }
}
