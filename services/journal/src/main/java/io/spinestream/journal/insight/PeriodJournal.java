package io.spinestream.journal.insight;

import io.spinestream.journal.exercise.ExerciseEntry;
import io.spinestream.journal.pain.PainEntry;
import io.spinestream.journal.pain.PainRedFlag;
import io.spinestream.journal.shared.Period;
import io.spinestream.journal.wearer.Wearer;

import java.util.List;

/**
 * Everything recorded for a wearer in a period, loaded once for insights, the report and the FHIR
 * export.
 *
 * @param painEntries     entries of the period, oldest first
 * @param painHistory     entries of the year before the period's end, for soreness assessments
 * @param exercise        exercise-log entries of the period, oldest first
 * @param exerciseContext exercise-log entries from the week before the period's first week to its end
 *                        (for week-on-week changes and for pain that followed training just before it)
 * @param redFlags        red flags of the period's entries
 * @param alerts          alerts that occurred in the period, newest first
 */
public record PeriodJournal(Wearer wearer, Period period, List<PainEntry> painEntries, List<PainEntry> painHistory,
                            List<ExerciseEntry> exercise, List<ExerciseEntry> exerciseContext,
                            List<PainRedFlag> redFlags, List<JournalAlert> alerts) {
}
