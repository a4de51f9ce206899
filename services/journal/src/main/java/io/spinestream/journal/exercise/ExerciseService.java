package io.spinestream.journal.exercise;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.payload.SessionSummary;
import io.spinestream.journal.erasure.ErasureRepository;
import io.spinestream.journal.insight.Inferences;
import io.spinestream.journal.outbox.OutboxRelay;
import io.spinestream.journal.shared.Failures;
import io.spinestream.journal.shared.JsonColumns;
import io.spinestream.journal.wearer.Wearer;
import io.spinestream.journal.wearer.WearerAccess;
import io.spinestream.journal.wearer.WearerRepository;
import io.spinestream.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Records exercise-log entries (manual ones and belt sessions), each in one transaction with the
 * load-management advisories it triggers.
 */
@ApplicationScoped
public class ExerciseService {

    /** Who recorded a belt session. */
    static final String FORM_ANALYSIS = "form-analysis";

    /** What became of a session summary. */
    public enum Outcome {
        STORED,
        /** Seen before (same session id): stored once. */
        DUPLICATE,
        /** No wearer on the summary, or one this clinic does not know. */
        NO_WEARER,
        /** The payload's clinic differs from the event's: never mix tenants. */
        TENANT_MISMATCH,
        /** The wearer was erased: data still arriving for them is dropped, never stored again. */
        ERASED_WEARER
    }

    private final WearerAccess access;
    private final WearerRepository wearers;
    private final ExerciseEntryRepository entries;
    private final Inferences inferences;
    private final ErasureRepository erasures;
    private final OutboxRelay relay;

    @Inject
    public ExerciseService(WearerAccess access, WearerRepository wearers, ExerciseEntryRepository entries,
                           Inferences inferences, ErasureRepository erasures, OutboxRelay relay) {
        this.access = access;
        this.wearers = wearers;
        this.entries = entries;
        this.inferences = inferences;
        this.erasures = erasures;
        this.relay = relay;
    }

    public Uni<ExerciseEntry> recordManual(String wearerId, String actor, ManualExerciseRequest request) {
        if ("other".equals(request.exercise()) && (request.name() == null || request.name().isBlank())) {
            throw ProblemException.invalidField("name", "required", "is required for exercise other");
        }
        Instant start = request.startedAt().truncatedTo(ChronoUnit.MICROS);
        Instant end = start.plus(Duration.ofMinutes(request.durationMinutes()));
        if (end.isAfter(Instant.now().plus(Duration.ofMinutes(5)))) {
            throw ProblemException.invalidField("startedAt", "past", "the exercise must have ended by now");
        }
        return Panache.withTransaction(() -> access.reachable(wearerId).chain(wearer -> {
                    ExerciseEntry e = new ExerciseEntry();
                    e.id = UUID.randomUUID().toString();
                    e.clinicId = wearer.clinicId;
                    e.wearerId = wearer.id;
                    e.source = ExerciseEntry.MANUAL;
                    e.activity = request.exercise();
                    e.exerciseName = request.name() == null || request.name().isBlank() ? null : request.name().strip();
                    e.startedAt = start;
                    e.endedAt = end;
                    e.volumeMs = Duration.ofMinutes(request.durationMinutes()).toMillis();
                    e.sets = request.sets();
                    e.reps = request.reps();
                    e.loadKg = request.loadKg();
                    e.rpe = request.rpe() == null ? null : request.rpe().shortValue();
                    e.equipment = request.equipment();
                    e.note = request.note();
                    e.recordedBy = actor;
                    e.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return store(wearer, e);
                }))
                .invoke(relay::wake);
    }

    /**
     * Stores the session of a summary event once: a summary seen again (same session id, whatever
     * the delivery) changes nothing. A summary of an erased wearer (form analysis may close a session
     * after the erasure) is dropped.
     */
    public Uni<Outcome> recordBelt(Event<?> event) {
        SessionSummary summary = event.dataAs(SessionSummary.class);
        if (summary.clinicId() != null && !summary.clinicId().equals(event.clinicId())) {
            return Uni.createFrom().item(Outcome.TENANT_MISMATCH);
        }
        if (summary.wearerId() == null) {
            return Uni.createFrom().item(Outcome.NO_WEARER);
        }
        return Panache.withTransaction(() -> erasures.isErased(summary.wearerId()).chain(erased -> erased
                        ? Uni.createFrom().item(Outcome.ERASED_WEARER)
                        : entries.findBySession(summary.sessionId()).chain(existing -> {
                            if (existing != null) {
                                return Uni.createFrom().item(Outcome.DUPLICATE);
                            }
                            return wearers.findInClinic(event.clinicId(), summary.wearerId()).chain(wearer -> wearer == null
                                    ? Uni.createFrom().item(Outcome.NO_WEARER)
                                    : store(wearer, toEntry(event, summary)).replaceWith(Outcome.STORED));
                        })))
                // Two deliveries of one summary racing each other: the unique session id lets one win.
                .onFailure(Failures::isUniqueViolation).recoverWithItem(Outcome.DUPLICATE)
                // The wearer was erased while the summary was being stored (wearers are deleted only so).
                .onFailure(Failures::isForeignKeyViolation).recoverWithItem(Outcome.ERASED_WEARER)
                .invoke(outcome -> {
                    if (outcome == Outcome.STORED) {
                        relay.wake();
                    }
                });
    }

    private Uni<ExerciseEntry> store(Wearer wearer, ExerciseEntry entry) {
        return entries.persist(entry).chain(entries::flush)
                .chain(() -> inferences.afterTraining(wearer, List.of(ExerciseEntries.session(entry))))
                .replaceWith(entry);
    }

    private static ExerciseEntry toEntry(Event<?> event, SessionSummary s) {
        ExerciseEntry e = new ExerciseEntry();
        e.id = s.sessionId();
        e.clinicId = event.clinicId();
        e.wearerId = s.wearerId();
        e.source = ExerciseEntry.BELT;
        e.sessionId = s.sessionId();
        e.eventId = event.id();
        e.beltId = s.beltId();
        e.activity = s.activity() == null || s.activity().isBlank() ? "unknown" : s.activity();
        e.startedAt = s.startedAt().truncatedTo(ChronoUnit.MICROS);
        e.endedAt = s.endedAt().isBefore(s.startedAt()) ? e.startedAt : s.endedAt().truncatedTo(ChronoUnit.MICROS);
        e.volumeMs = Math.max(0, Math.round(s.timeUnderLoadSeconds() * 1000));
        e.reps = s.reps();
        e.holdSeconds = s.holdSeconds();
        e.timeUnderLoadSeconds = s.timeUnderLoadSeconds();
        e.impacts = s.impacts();
        // A form score means something only where there are reps or hold time to judge.
        e.formScore = s.reps() > 0 || s.holdSeconds() > 0 ? (short) Math.max(0, Math.min(100, s.formScore())) : null;
        e.faults = JsonColumns.write(s.faults());
        e.repMetrics = JsonColumns.write(s.repMetrics());
        e.recordedBy = FORM_ANALYSIS;
        e.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return e;
    }
}
