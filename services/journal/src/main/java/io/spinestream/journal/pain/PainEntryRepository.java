package io.spinestream.journal.pain;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.spinestream.journal.shared.Cursor;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** Pain-journal queries, always within one clinic and one wearer. */
@ApplicationScoped
public class PainEntryRepository implements PanacheRepositoryBase<PainEntry, String> {

    public Uni<PainEntry> findForWearer(String clinicId, String wearerId, String id) {
        return find("id = ?1 and clinicId = ?2 and wearerId = ?3", id, clinicId, wearerId).firstResult();
    }

    /** Entries recorded in [from, to), oldest first. */
    public Uni<List<PainEntry>> between(String clinicId, String wearerId, Instant from, Instant to) {
        return find("clinicId = ?1 and wearerId = ?2 and recordedAt >= ?3 and recordedAt < ?4",
                Sort.by("recordedAt").and("id"), clinicId, wearerId, from, to).list();
    }

    /** Whether the wearer has any back-pain entry (intensity ≥ 1 in a back location). */
    public Uni<Boolean> hasBackPain(String clinicId, String wearerId) {
        return count("clinicId = ?1 and wearerId = ?2 and intensity >= 1 and (array_contains(locations, 'lower_back_central')"
                        + " or array_contains(locations, 'lower_back_left') or array_contains(locations, 'lower_back_right')"
                        + " or array_contains(locations, 'upper_back'))", clinicId, wearerId)
                .map(count -> count > 0);
    }

    /** One page, newest first, filtered; {@code max} rows at most. */
    public Uni<List<PainEntry>> page(String clinicId, String wearerId, PainFilter filter, Cursor after, int max) {
        StringBuilder query = new StringBuilder("clinicId = :clinic and wearerId = :wearer");
        Parameters parameters = Parameters.with("clinic", clinicId).and("wearer", wearerId);
        if (filter.from() != null) {
            query.append(" and recordedAt >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            query.append(" and recordedAt < :to");
            parameters.and("to", filter.to());
        }
        if (filter.location() != null) {
            query.append(" and array_contains(locations, :location)");
            parameters.and("location", filter.location());
        }
        if (filter.quality() != null) {
            query.append(" and array_contains(qualities, :quality)");
            parameters.and("quality", filter.quality());
        }
        if (filter.minIntensity() != null) {
            query.append(" and intensity >= :minIntensity");
            parameters.and("minIntensity", filter.minIntensity().shortValue());
        }
        if (filter.maxIntensity() != null) {
            query.append(" and intensity <= :maxIntensity");
            parameters.and("maxIntensity", filter.maxIntensity().shortValue());
        }
        if (after != null) {
            query.append(" and (recordedAt < :afterAt or (recordedAt = :afterAt and id < :afterId))");
            parameters.and("afterAt", after.at()).and("afterId", after.id());
        }
        return find(query.toString(), Sort.descending("recordedAt", "id"), parameters).page(0, max).list();
    }
}
