package io.spinestream.journal.insight;

import io.smallrye.mutiny.Uni;
import io.spinestream.journal.exercise.ExerciseEntry;
import io.spinestream.journal.exercise.ExerciseEntryRepository;
import io.spinestream.journal.insight.rules.Weeks;
import io.spinestream.journal.pain.PainEntryRepository;
import io.spinestream.journal.pain.PainRedFlagRepository;
import io.spinestream.journal.shared.Period;
import io.spinestream.journal.wearer.Wearer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Loads a {@link PeriodJournal} within the wearer's clinic; must run within a session. */
@ApplicationScoped
public class PeriodJournals {

    private static final Duration PAIN_HISTORY = Duration.ofDays(365);

    private final PainEntryRepository painEntries;
    private final PainRedFlagRepository redFlags;
    private final ExerciseEntryRepository exercise;
    private final JournalAlertRepository alerts;

    @Inject
    public PeriodJournals(PainEntryRepository painEntries, PainRedFlagRepository redFlags,
                          ExerciseEntryRepository exercise, JournalAlertRepository alerts) {
        this.painEntries = painEntries;
        this.redFlags = redFlags;
        this.exercise = exercise;
        this.alerts = alerts;
    }

    public Uni<PeriodJournal> load(Wearer wearer, Period period) {
        String clinic = wearer.clinicId;
        Instant contextStart = Weeks.start(period.from()).minusWeeks(1).atStartOfDay(period.zone()).toInstant();
        return painEntries.between(clinic, wearer.id, period.end().minus(PAIN_HISTORY), period.end())
                .chain(history -> exercise.between(clinic, wearer.id, contextStart, period.end())
                        .chain(context -> redFlags.between(clinic, wearer.id, period.start(), period.end())
                                .chain(flags -> alerts.between(clinic, wearer.id, period.start(), period.end())
                                        .map(raised -> new PeriodJournal(wearer, period,
                                                history.stream().filter(e -> !e.recordedAt.isBefore(period.start())).toList(),
                                                history,
                                                within(context, period), context, flags, raised)))));
    }

    private static List<ExerciseEntry> within(List<ExerciseEntry> entries, Period period) {
        return entries.stream().filter(e -> !e.startedAt.isBefore(period.start())).toList();
    }
}
