package io.spinestream.journal.pain;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Red flags of pain entries, within one clinic. */
@ApplicationScoped
public class PainRedFlagRepository implements PanacheRepositoryBase<PainRedFlag, PainRedFlag.Key> {

    public Uni<List<PainRedFlag>> forEntries(String clinicId, Collection<String> entryIds) {
        if (entryIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return find("clinicId = ?1 and painEntryId in ?2", clinicId, entryIds).list();
    }

    /** Flags of entries recorded in [from, to), oldest first. */
    public Uni<List<PainRedFlag>> between(String clinicId, String wearerId, Instant from, Instant to) {
        return find("clinicId = ?1 and wearerId = ?2 and recordedAt >= ?3 and recordedAt < ?4",
                Sort.by("recordedAt").and("painEntryId"), clinicId, wearerId, from, to).list();
    }
}
