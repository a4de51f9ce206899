package io.spinestream.journal.exercise;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.spinestream.journal.shared.Cursor;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** Exercise-log queries, always within one clinic and one wearer. */
@ApplicationScoped
public class ExerciseEntryRepository implements PanacheRepositoryBase<ExerciseEntry, String> {

    public Uni<ExerciseEntry> findForWearer(String clinicId, String wearerId, String id) {
        return find("id = ?1 and clinicId = ?2 and wearerId = ?3", id, clinicId, wearerId).firstResult();
    }

    public Uni<ExerciseEntry> findBySession(String sessionId) {
        return find("sessionId", sessionId).firstResult();
    }

    /** Entries that started in [from, to), oldest first. */
    public Uni<List<ExerciseEntry>> between(String clinicId, String wearerId, Instant from, Instant to) {
        return find("clinicId = ?1 and wearerId = ?2 and startedAt >= ?3 and startedAt < ?4",
                Sort.by("startedAt").and("id"), clinicId, wearerId, from, to).list();
    }

    /** What the inferences need of the entries that started in [from, to), oldest first. */
    public Uni<List<TrainingRow>> trainingBetween(String clinicId, String wearerId, Instant from, Instant to) {
        return find("clinicId = ?1 and wearerId = ?2 and startedAt >= ?3 and startedAt < ?4",
                Sort.by("startedAt").and("id"), clinicId, wearerId, from, to).project(TrainingRow.class).list();
    }

    /** One page, newest first, filtered; {@code max} rows at most. */
    public Uni<List<ExerciseEntry>> page(String clinicId, String wearerId, ExerciseFilter filter, Cursor after, int max) {
        StringBuilder query = new StringBuilder("clinicId = :clinic and wearerId = :wearer");
        Parameters parameters = Parameters.with("clinic", clinicId).and("wearer", wearerId);
        if (filter.from() != null) {
            query.append(" and startedAt >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            query.append(" and startedAt < :to");
            parameters.and("to", filter.to());
        }
        if (filter.source() != null) {
            query.append(" and source = :source");
            parameters.and("source", filter.source());
        }
        if (filter.activity() != null) {
            query.append(" and activity = :activity");
            parameters.and("activity", filter.activity());
        }
        if (after != null) {
            query.append(" and (startedAt < :afterAt or (startedAt = :afterAt and id < :afterId))");
            parameters.and("afterAt", after.at()).and("afterId", after.id());
        }
        return find(query.toString(), Sort.descending("startedAt", "id"), parameters).page(0, max).list();
    }
}
