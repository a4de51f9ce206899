package io.spinestream.journal.insight;

import io.smallrye.mutiny.Uni;
import io.spinestream.journal.exercise.ExerciseEntries;
import io.spinestream.journal.exercise.ExerciseEntryRepository;
import io.spinestream.journal.insight.rules.ClinicalRules;
import io.spinestream.journal.insight.rules.LoadAdvisory;
import io.spinestream.journal.insight.rules.LoadManagementRules;
import io.spinestream.journal.insight.rules.PainDays;
import io.spinestream.journal.insight.rules.PainObservation;
import io.spinestream.journal.insight.rules.PersistenceRule;
import io.spinestream.journal.insight.rules.RedFlag;
import io.spinestream.journal.insight.rules.RedFlagRules;
import io.spinestream.journal.insight.rules.TrainingSession;
import io.spinestream.journal.pain.PainEntries;
import io.spinestream.journal.pain.PainEntry;
import io.spinestream.journal.pain.PainEntryRepository;
import io.spinestream.journal.pain.PainRedFlag;
import io.spinestream.journal.pain.PainRedFlagRepository;
import io.spinestream.journal.wearer.Wearer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the rules when data arrives, inside the transaction that stores it: red flags and the
 * persistence advisory for a new pain entry, load management for new training. What they find is
 * raised through {@link AlertRaiser} (ledger and outbox), so it is published exactly when the data is
 * committed, and once per cause.
 */
@ApplicationScoped
public class Inferences {

    /** How far back pain days are read to find the start of the current episode. */
    static final Duration PAIN_HISTORY = Duration.ofDays(365);
    /** How far back training is read: the deload rule looks at streaks of weeks (a year at most). */
    static final Duration TRAINING_HISTORY = Duration.ofDays(7 * 52);

    private final PainEntryRepository painEntries;
    private final PainRedFlagRepository redFlags;
    private final ExerciseEntryRepository exerciseEntries;
    private final AlertRaiser raiser;

    @Inject
    public Inferences(PainEntryRepository painEntries, PainRedFlagRepository redFlags,
                      ExerciseEntryRepository exerciseEntries, AlertRaiser raiser) {
        this.painEntries = painEntries;
        this.redFlags = redFlags;
        this.exerciseEntries = exerciseEntries;
        this.raiser = raiser;
    }

    /**
     * Red flags of the (already persisted) entry, stored and raised as one alert; then the
     * persistence rule on the wearer's pain days. {@code earlierBackPain}: whether the wearer had
     * recorded back pain before this entry.
     */
    public Uni<List<PainRedFlag>> afterPainEntry(Wearer wearer, PainEntry entry, boolean earlierBackPain) {
        ZoneId zone = ZoneId.of(wearer.timeZone);
        List<RedFlag> flags = RedFlagRules.evaluate(PainEntries.observation(entry), wearer.birthYear, zone,
                earlierBackPain);
        List<PainRedFlag> rows = flags.stream().map(flag -> row(entry, flag)).toList();
        Uni<Void> stored = rows.isEmpty() ? Uni.createFrom().voidItem()
                : redFlags.persist(rows).chain(() -> raiseRedFlag(wearer, entry, flags)).replaceWithVoid();
        return stored.chain(() -> persistence(wearer, entry, zone)).replaceWith(rows);
    }

    /** Load-management advisories for training that just arrived (already persisted). */
    public Uni<Void> afterTraining(Wearer wearer, List<TrainingSession> arrived) {
        if (arrived.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ZoneId zone = ZoneId.of(wearer.timeZone);
        Instant earliest = arrived.stream().map(TrainingSession::start).min(Comparator.naturalOrder()).orElseThrow();
        Instant latest = arrived.stream().map(TrainingSession::start).max(Comparator.naturalOrder()).orElseThrow();
        return exerciseEntries.flush()
                .chain(() -> exerciseEntries.trainingBetween(wearer.clinicId, wearer.id, earliest.minus(TRAINING_HISTORY),
                        latest.plus(Duration.ofDays(15))))
                .chain(rows -> raiseAll(wearer, LoadManagementRules.evaluate(ExerciseEntries.sessions(rows), arrived, zone)));
    }

    private Uni<Boolean> raiseRedFlag(Wearer wearer, PainEntry entry, List<RedFlag> flags) {
        RedFlag first = flags.get(0);
        String reason = flags.stream().map(RedFlag::reason).collect(Collectors.joining("; "));
        return raiser.raise(new AlertRaiser.Raise(wearer.clinicId, wearer.id, JournalAlert.RED_FLAG, first.code(),
                first.severity(), first.rule(), entry.id, reason, entry.recordedAt, null, null, null, entry.id, null,
                Map.of("flags", flags.stream().map(RedFlag::code).collect(Collectors.joining(",")))));
    }

    private Uni<Void> persistence(Wearer wearer, PainEntry entry, ZoneId zone) {
        if (entry.intensity < 1) {
            return Uni.createFrom().voidItem();
        }
        return painEntries.flush()
                .chain(() -> painEntries.between(wearer.clinicId, wearer.id, entry.recordedAt.minus(PAIN_HISTORY),
                        Instant.now().plus(Duration.ofDays(1))))
                .chain(entries -> {
                    List<PainObservation> observations = PainEntries.observations(entries);
                    PainDays days = new PainDays(observations, zone);
                    // The new entry's own day, and the latest day (a late entry can lengthen the current episode).
                    Set<LocalDate> evaluated = new LinkedHashSet<>();
                    evaluated.add(entry.recordedAt.atZone(zone).toLocalDate());
                    if (!days.days().isEmpty()) {
                        evaluated.add(days.days().last());
                    }
                    List<PersistenceRule.Finding> findings = new ArrayList<>();
                    for (LocalDate day : evaluated) {
                        PersistenceRule.evaluate(days, day, false).ifPresent(found -> findings.add(new PersistenceRule.Finding(
                                found.episodeStart(), found.from(), found.to(), found.spanDays(), found.painDays(),
                                selfCare(observations, found.from(), found.to(), zone))));
                    }
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (PersistenceRule.Finding finding : findings) {
                        chain = chain.chain(() -> raiser.raise(new AlertRaiser.Raise(wearer.clinicId, wearer.id,
                                JournalAlert.ADVISORY, PersistenceRule.CODE, io.spinestream.events.payload.Severity.WARNING,
                                PersistenceRule.RULE, "episode:" + finding.episodeStart(), finding.reason(),
                                entry.recordedAt, (double) finding.painDays(), (double) ClinicalRules.PERSISTENCE_MIN_SPAN_DAYS,
                                "days", null, null, Map.of("from", finding.from().toString(), "to", finding.to().toString(),
                                "spanDays", Integer.toString(finding.spanDays()))))).replaceWithVoid();
                    }
                    return chain;
                });
    }

    private Uni<Void> raiseAll(Wearer wearer, List<LoadAdvisory> advisories) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (LoadAdvisory advisory : advisories) {
            chain = chain.chain(() -> raiser.raise(new AlertRaiser.Raise(wearer.clinicId, wearer.id, JournalAlert.ADVISORY,
                    advisory.code(), advisory.severity(), advisory.rule(), advisory.cause(), advisory.reason(),
                    advisory.at(), advisory.value(), advisory.limit(), advisory.unit(), null, advisory.activity(), Map.of())))
                    .replaceWithVoid();
        }
        return chain;
    }

    private static boolean selfCare(List<PainObservation> observations, LocalDate from, LocalDate to, ZoneId zone) {
        return observations.stream().anyMatch(o -> {
            LocalDate day = o.at().atZone(zone).toLocalDate();
            return o.selfCare() && !day.isBefore(from) && !day.isAfter(to);
        });
    }

    private static PainRedFlag row(PainEntry entry, RedFlag flag) {
        PainRedFlag row = new PainRedFlag();
        row.painEntryId = entry.id;
        row.code = flag.code();
        row.clinicId = entry.clinicId;
        row.wearerId = entry.wearerId;
        row.severity = flag.severity().code();
        row.rule = flag.rule();
        row.reason = flag.reason();
        row.recordedAt = entry.recordedAt;
        return row;
    }
}
