package io.spinestream.journal.wearer;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Wearers' profile versions; queries for callers are within one clinic. */
@ApplicationScoped
public class ProfileVersionRepository implements PanacheRepositoryBase<ProfileVersion, ProfileVersion.Key> {

    /** The current version of each of these wearers (any clinic: for the backfill, not for callers). */
    public Uni<List<ProfileVersion>> current(List<String> wearerIds) {
        return find("from ProfileVersion v where v.wearerId in ?1"
                + " and v.version = (select w.profileVersion from Wearer w where w.id = v.wearerId)", wearerIds).list();
    }

    /** Every version, oldest first. */
    public Uni<List<ProfileVersion>> history(String clinicId, String wearerId) {
        return find("clinicId = ?1 and wearerId = ?2", Sort.by("version"), clinicId, wearerId).list();
    }
}
