package io.spinestream.notification.alert;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Alert queries, always within one clinic. */
@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<AlertRecord, String> {

    /** The alert if it exists in {@code clinicId}; null for an absent one or one of another clinic. */
    public Uni<AlertRecord> findInClinic(String clinicId, String alertId) {
        return find("id = ?1 and clinicId = ?2", alertId, clinicId).firstResult();
    }
}
