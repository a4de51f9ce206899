package io.spinestream.journal.wearer;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.spinestream.journal.shared.Cursor;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Wearer queries, always within one clinic. */
@ApplicationScoped
public class WearerRepository implements PanacheRepositoryBase<Wearer, String> {

    /** The wearer if it exists in {@code clinicId}; null for an absent one or one of another clinic. */
    public Uni<Wearer> findInClinic(String clinicId, String wearerId) {
        return find("id = ?1 and clinicId = ?2", wearerId, clinicId).firstResult();
    }

    /**
     * Up to {@code max} wearers of the clinic, newest enrolment first, after {@code after} (null: from
     * the first); only the one with {@code externalRef} when it is given.
     */
    public Uni<List<Wearer>> page(String clinicId, String externalRef, Cursor after, int max) {
        StringBuilder query = new StringBuilder("clinicId = :clinic");
        Parameters parameters = Parameters.with("clinic", clinicId);
        if (externalRef != null) {
            query.append(" and externalRef = :externalRef");
            parameters.and("externalRef", externalRef);
        }
        if (after != null) {
            query.append(" and (createdAt < :afterAt or (createdAt = :afterAt and id < :afterId))");
            parameters.and("afterAt", after.at()).and("afterId", after.id());
        }
        return find(query.toString(), Sort.descending("createdAt", "id"), parameters).page(0, max).list();
    }
}
