package io.spinestream.journal.pain;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.spinestream.journal.exercise.ExerciseEntryRepository;
import io.spinestream.journal.insight.Inferences;
import io.spinestream.journal.outbox.OutboxRelay;
import io.spinestream.journal.wearer.Wearer;
import io.spinestream.journal.wearer.WearerAccess;
import io.spinestream.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Records pain entries. The entry, its red flags, the alerts they raise and the events of those
 * alerts are written in one transaction: all of it, or (on any failure) none of it.
 */
@ApplicationScoped
public class PainService {

    /** Clock skew tolerated for an entry's time. */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final WearerAccess access;
    private final PainEntryRepository entries;
    private final ExerciseEntryRepository exercise;
    private final Inferences inferences;
    private final PainAssessments assessments;
    private final OutboxRelay relay;

    @Inject
    public PainService(WearerAccess access, PainEntryRepository entries, ExerciseEntryRepository exercise,
                       Inferences inferences, PainAssessments assessments, OutboxRelay relay) {
        this.access = access;
        this.entries = entries;
        this.exercise = exercise;
        this.inferences = inferences;
        this.assessments = assessments;
        this.relay = relay;
    }

    public Uni<PainEntryView> record(String wearerId, String actor, PainEntryRequest request) {
        check(request);
        return Panache.withTransaction(() -> access.reachable(wearerId).chain(wearer ->
                        linkedExercise(wearer, request.exerciseEntryId())
                                .chain(() -> entries.hasBackPain(wearer.clinicId, wearer.id))
                                .chain(earlierBackPain -> {
                                    PainEntry entry = toEntry(wearer, actor, request);
                                    return entries.persist(entry).chain(entries::flush)
                                            .chain(() -> inferences.afterPainEntry(wearer, entry, earlierBackPain))
                                            .chain(() -> assessments.view(wearer, entry));
                                })))
                .invoke(relay::wake);
    }

    private Uni<Void> linkedExercise(Wearer wearer, String exerciseEntryId) {
        if (exerciseEntryId == null) {
            return Uni.createFrom().voidItem();
        }
        return exercise.findForWearer(wearer.clinicId, wearer.id, exerciseEntryId)
                .onItem().ifNull().failWith(() -> ProblemException.invalidField("exerciseEntryId", "exists",
                        "no exercise-log entry " + exerciseEntryId + " of this wearer"))
                .replaceWithVoid();
    }

    /** The rules Bean Validation cannot express: times and the onset hours. */
    static void check(PainEntryRequest request) {
        if (request.at().isAfter(Instant.now().plus(FUTURE_TOLERANCE))) {
            throw ProblemException.invalidField("at", "past", "must not be in the future");
        }
        boolean hoursAfter = Onset.HOURS_AFTER.code().equals(request.onset());
        if (hoursAfter && request.onsetHours() == null) {
            throw ProblemException.invalidField("onsetHours", "required", "is required with onset hours_after");
        }
        if (!hoursAfter && request.onsetHours() != null) {
            throw ProblemException.invalidField("onsetHours", "forbidden", "is only given with onset hours_after");
        }
    }

    private static PainEntry toEntry(Wearer wearer, String actor, PainEntryRequest r) {
        PainEntry e = new PainEntry();
        e.id = UUID.randomUUID().toString();
        e.clinicId = wearer.clinicId;
        e.wearerId = wearer.id;
        e.recordedAt = r.at().truncatedTo(ChronoUnit.MICROS);
        e.exerciseEntryId = r.exerciseEntryId();
        e.locations = codes(r.locations());
        e.qualities = codes(r.qualities());
        e.intensity = r.intensity().shortValue();
        e.onset = r.onset();
        e.onsetHours = r.onsetHours();
        e.worseAt = codes(r.worseAt());
        e.triggers = codes(r.triggers());
        e.triggersText = blankToNull(r.triggersText());
        e.relievingFactors = codes(r.relievingFactors());
        e.relievingText = blankToNull(r.relievingText());
        e.symptoms = codes(r.symptoms());
        e.movementResponse = r.movementResponse();
        e.treatments = io.spinestream.journal.shared.JsonColumns.write(r.treatments() == null ? List.of()
                : r.treatments().stream().map(TreatmentRequest::toTreatment).toList());
        e.mood = r.mood() == null ? null : r.mood().shortValue();
        e.stress = r.stress() == null ? null : r.stress().shortValue();
        e.note = blankToNull(r.note());
        e.recordedBy = actor;
        e.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return e;
    }

    private static String[] codes(List<String> codes) {
        return codes == null ? new String[0] : codes.stream().filter(Objects::nonNull).distinct().toArray(String[]::new);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
