package io.spinestream.notification.alert;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.spinestream.notification.support.PageCursor;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Alert queries, always within one clinic. */
@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<AlertRecord, String> {

    /** The alert if it exists in {@code clinicId}; null for an absent one or one of another clinic. */
    public Uni<AlertRecord> findInClinic(String clinicId, String alertId) {
        return find("id = ?1 and clinicId = ?2", alertId, clinicId).firstResult();
    }

    /** Which of these alert ids are stored already (in any clinic: an alert id is global). */
    public Uni<Set<String>> existingIds(Collection<String> alertIds) {
        if (alertIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("select a.id from AlertRecord a where a.id in :ids", String.class)
                .setParameter("ids", List.copyOf(alertIds))
                .getResultList()
                .map(Set::copyOf));
    }

    /** As {@link #findInClinic}, locked until the transaction ends, for a state change. */
    public Uni<AlertRecord> lockInClinic(String clinicId, String alertId) {
        return find("id = ?1 and clinicId = ?2", alertId, clinicId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Up to {@code limit} alerts of the clinic matching the query, newest first, after the cursor. */
    public Uni<List<AlertRecord>> page(String clinicId, AlertQuery query, PageCursor after, int limit) {
        StringBuilder where = new StringBuilder("clinicId = :clinic");
        Parameters parameters = Parameters.with("clinic", clinicId);
        if (query.wearerId != null) {
            where.append(" and wearerId = :wearer");
            parameters.and("wearer", query.wearerId);
        }
        if (query.beltId != null) {
            where.append(" and beltId = :belt");
            parameters.and("belt", query.beltId);
        }
        if (query.type != null) {
            where.append(" and eventType = :type");
            parameters.and("type", query.type);
        }
        if (query.code != null) {
            where.append(" and code = :code");
            parameters.and("code", query.code);
        }
        if (query.severity != null) {
            where.append(" and severity = :severity");
            parameters.and("severity", query.severity);
        }
        if (query.state != null) {
            where.append(" and state = :state");
            parameters.and("state", query.state);
        }
        if (after != null) {
            where.append(" and (raisedAt < :afterAt or (raisedAt = :afterAt and id < :afterId))");
            parameters.and("afterAt", after.at()).and("afterId", after.id());
        }
        return find(where.toString(), Sort.descending("raisedAt", "id"), parameters).range(0, limit - 1).list();
    }
}
