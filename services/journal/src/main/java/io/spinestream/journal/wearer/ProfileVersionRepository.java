package io.spinestream.journal.wearer;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** A wearer's profile versions, within one clinic. */
@ApplicationScoped
public class ProfileVersionRepository implements PanacheRepositoryBase<ProfileVersion, ProfileVersion.Key> {

    /** Every version, oldest first. */
    public Uni<List<ProfileVersion>> history(String clinicId, String wearerId) {
        return find("clinicId = ?1 and wearerId = ?2", Sort.by("version"), clinicId, wearerId).list();
    }
}
