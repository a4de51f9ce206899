package io.spinestream.ingest.fleet;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** A belt's assignment history. Callers have already checked the belt is in their clinic. */
@ApplicationScoped
public class BeltAssignmentRepository implements PanacheRepositoryBase<BeltAssignment, Long> {

    /** Newest first. */
    public Uni<List<BeltAssignment>> history(String beltId) {
        return list("beltId", Sort.descending("assignedAt").and("id", Sort.Direction.Descending), beltId);
    }

    /** Ends the open assignment, if any, at {@code at} (written when the transaction commits). */
    public Uni<Void> close(String beltId, Instant at) {
        return list("beltId = ?1 and unassignedAt is null", beltId)
                .invoke(open -> open.forEach(assignment -> assignment.unassignedAt = at))
                .replaceWithVoid();
    }
}
