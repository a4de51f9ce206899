package io.spinestream.journal.insight.rules;

import io.spinestream.journal.insight.rules.PatternAnalysis.Kind;
import io.spinestream.journal.insight.rules.PatternAnalysis.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PatternAnalysisTest {

    private static final LocalDate DAY0 = LocalDate.of(2026, 10, 5);

    private static Instant at(int day, int hour) {
        return DAY0.plusDays(day).atTime(hour, 0).atZone(Pain.ZONE).toInstant();
    }

    private static TrainingSession session(String id, String activity, Instant start, Map<String, Integer> faults) {
        return new TrainingSession(id, activity, start, start.plus(Duration.ofMinutes(40)), Duration.ofMinutes(10), 70,
                faults);
    }

    private final List<PainObservation> entries = new ArrayList<>();
    private final List<TrainingSession> sessions = new ArrayList<>();

    /**
     * Deadlifts (with a rounded back) in the evening of days 0, 4, 8, …, pain 7 the next morning;
     * walks in the morning of days 2, 6, 10, …, pain 2 the next morning.
     */
    private void fortnights(int deadlifts) {
        for (int i = 0; i < deadlifts; i++) {
            sessions.add(session("dl-" + i, "deadlift", at(4 * i, 18), Map.of("ROUNDED_BACK", 2)));
            entries.add(Pain.entry().at(at(4 * i + 1, 8)).intensity(7).build());
            sessions.add(session("walk-" + i, "walking", at(4 * i + 2, 7), Map.of()));
            entries.add(Pain.entry().at(at(4 * i + 3, 8)).intensity(2).build());
        }
    }

    @Test
    void givenDeadliftsFollowedByHigherPain_whenAnalysed_thenActivityFaultAndTimeOfDayReportedWithEvidence() {
        fortnights(5);

        PatternAnalysis.Report report = PatternAnalysis.analyse(entries, sessions, Pain.ZONE);

        assertThat(report.status()).isEqualTo(Status.ANALYSED);
        assertThat(report.spanDays()).isEqualTo(19);
        assertThat(report.tested()).isEqualTo(5);
        assertThat(report.findings()).extracting(f -> f.trigger().kind(), f -> f.trigger().value())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.ACTIVITY, "deadlift"),
                        org.assertj.core.groups.Tuple.tuple(Kind.FAULT, "ROUNDED_BACK"),
                        org.assertj.core.groups.Tuple.tuple(Kind.TIME_OF_DAY, "evening"));
        PatternAnalysis.Finding deadlift = report.findings().get(0);
        assertThat(deadlift.exposedEntries()).isEqualTo(5);
        assertThat(deadlift.baselineEntries()).isEqualTo(5);
        assertThat(deadlift.sessions()).isEqualTo(5);
        assertThat(deadlift.difference()).isEqualTo(5.0);
        assertThat(deadlift.rankBiserial()).isEqualTo(1.0);
        assertThat(deadlift.pValue()).isCloseTo(1.0 / 252, within(1e-12));
        assertThat(deadlift.qValue()).isCloseTo(5.0 / 3 / 252, within(1e-12));
        assertThat(deadlift.summary()).contains("deadlift").contains("7.0 vs 2.0").contains("5 entries after 5 sessions");
    }

    @Test
    void givenOnlyFourExposedEntries_thenSilent() {
        fortnights(4);
        // stretch the journal over 14 days without adding exposures
        entries.add(Pain.entry().at(at(20, 8)).intensity(2).build());

        PatternAnalysis.Report report = PatternAnalysis.analyse(entries, sessions, Pain.ZONE);

        assertThat(report.status()).isEqualTo(Status.TOO_FEW_OBSERVATIONS);
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void givenEntriesOver13Days_thenTooShort_given14Days_thenAnalysed() {
        for (int d = 0; d < 13; d++) {
            entries.add(Pain.entry().at(at(d, 8)).intensity(3).build());
        }
        assertThat(PatternAnalysis.analyse(entries, sessions, Pain.ZONE).status()).isEqualTo(Status.TOO_SHORT);
        entries.add(Pain.entry().at(at(13, 8)).intensity(3).build());
        assertThat(PatternAnalysis.analyse(entries, sessions, Pain.ZONE).spanDays()).isEqualTo(14);
        assertThat(PatternAnalysis.analyse(entries, sessions, Pain.ZONE).status()).isNotEqualTo(Status.TOO_SHORT);
    }

    @Test
    void givenNoDifference_thenAnalysedButNothingReported() {
        fortnights(5);
        List<PainObservation> flat = entries.stream().map(e -> Pain.entry().at(e.at()).intensity(4).build()).toList();

        PatternAnalysis.Report report = PatternAnalysis.analyse(flat, sessions, Pain.ZONE);

        assertThat(report.status()).isEqualTo(Status.ANALYSED);
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void givenSessionEnded48HoursBeforeTheEntry_thenExposed_given48HoursAndOneSecond_thenNot() {
        TrainingSession s = session("s", "squat", at(0, 8), Map.of());
        assertThat(PatternAnalysis.precedes(s, s.end().plus(Duration.ofHours(48)))).isTrue();
        assertThat(PatternAnalysis.precedes(s, s.end().plus(Duration.ofHours(48)).plusSeconds(1))).isFalse();
        assertThat(PatternAnalysis.precedes(s, s.start())).isFalse();
    }

    @Test
    void givenStartHours_thenTimeOfDayBuckets() {
        assertThat(PatternAnalysis.TimeOfDay.of(4)).isEqualTo(PatternAnalysis.TimeOfDay.NIGHT);
        assertThat(PatternAnalysis.TimeOfDay.of(5)).isEqualTo(PatternAnalysis.TimeOfDay.MORNING);
        assertThat(PatternAnalysis.TimeOfDay.of(12)).isEqualTo(PatternAnalysis.TimeOfDay.AFTERNOON);
        assertThat(PatternAnalysis.TimeOfDay.of(17)).isEqualTo(PatternAnalysis.TimeOfDay.EVENING);
        assertThat(PatternAnalysis.TimeOfDay.of(22)).isEqualTo(PatternAnalysis.TimeOfDay.NIGHT);
    }
}
