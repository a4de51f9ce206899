package io.spinestream.journal.erasure;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;

/** The services' parts of erasures. */
@ApplicationScoped
public class ErasureConfirmationRepository implements PanacheRepositoryBase<ErasureConfirmation, ErasureConfirmation.Key> {

    /** Every service's part of the erasure, by service name. */
    public Uni<List<ErasureConfirmation>> of(String erasureId) {
        return find("erasureId", Sort.by("service"), erasureId).list();
    }

    /** One service's part, locked for the rest of the transaction (two deliveries of a receipt race). */
    public Uni<ErasureConfirmation> forUpdate(String erasureId, String service) {
        return findById(new ErasureConfirmation.Key(erasureId, service), LockModeType.PESSIMISTIC_WRITE);
    }
}
