package io.spinestream.journal.insight;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** The journal's alerts, within one clinic and one wearer. */
@ApplicationScoped
public class JournalAlertRepository implements PanacheRepositoryBase<JournalAlert, String> {

    /** Alerts that occurred in [from, to), newest first. */
    public Uni<List<JournalAlert>> between(String clinicId, String wearerId, Instant from, Instant to) {
        return find("clinicId = ?1 and wearerId = ?2 and occurredAt >= ?3 and occurredAt < ?4",
                Sort.descending("occurredAt", "alertId"), clinicId, wearerId, from, to).list();
    }
}
