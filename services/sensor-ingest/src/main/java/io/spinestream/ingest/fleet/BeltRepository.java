package io.spinestream.ingest.fleet;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Collection;
import java.util.List;

/** Belt queries, always within one clinic. */
@ApplicationScoped
public class BeltRepository implements PanacheRepositoryBase<Belt, String> {

    /** The belt if it exists in {@code clinicId}; null for an absent belt or one of another clinic. */
    public Uni<Belt> findInClinic(String clinicId, String beltId) {
        return find("id = ?1 and clinicId = ?2", beltId, clinicId).firstResult();
    }

    /** As {@link #findInClinic}, locked until the transaction ends, so that changes to one belt queue up. */
    public Uni<Belt> lockInClinic(String clinicId, String beltId) {
        return find("id = ?1 and clinicId = ?2", beltId, clinicId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Which of these ids are taken, in any clinic (ids are hardware serials, unique platform-wide). */
    public Uni<List<String>> existingIds(Collection<String> ids) {
        return getSession().chain(session -> session
                .createSelectionQuery("select id from Belt where id in :ids order by id", String.class)
                .setParameter("ids", ids)
                .getResultList());
    }

    /** Up to {@code limit} belts of the clinic matching the filter, by id, after {@code afterId} (null: from the start). */
    public Uni<List<Belt>> page(String clinicId, BeltFilter filter, String afterId, int limit) {
        StringBuilder query = new StringBuilder("clinicId = :clinic");
        Parameters params = Parameters.with("clinic", clinicId);
        if (filter.firmware() != null) {
            query.append(" and firmware = :firmware");
            params.and("firmware", filter.firmware());
        }
        if (filter.batteryBelow() != null) {
            query.append(" and battery < :battery");
            params.and("battery", filter.batteryBelow());
        }
        if (filter.silentSince() != null) {
            query.append(" and (lastSeenAt is null or lastSeenAt < :silentSince)");
            params.and("silentSince", filter.silentSince());
        }
        if (filter.unassigned() != null) {
            query.append(filter.unassigned() ? " and wearerId is null" : " and wearerId is not null");
        }
        if (filter.state() != null) {
            query.append(" and state = :state");
            params.and("state", filter.state());
        }
        if (afterId != null) {
            query.append(" and id > :after");
            params.and("after", afterId);
        }
        return find(query.toString(), Sort.by("id"), params).range(0, limit - 1).list();
    }
}
