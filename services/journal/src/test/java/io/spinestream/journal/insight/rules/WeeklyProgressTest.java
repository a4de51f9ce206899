package io.spinestream.journal.insight.rules;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WeeklyProgressTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 2);

    private static TrainingSession session(LocalDate day, int minutes, Integer score, int faults) {
        Instant start = day.atTime(18, 0).atZone(Pain.ZONE).toInstant();
        return new TrainingSession(day + "-" + minutes, "squat", start, start.plus(Duration.ofMinutes(30)),
                Duration.ofMinutes(minutes), score, faults == 0 ? Map.of() : Map.of("ROUNDED_BACK", faults));
    }

    @Test
    void givenTwoWeeks_whenSummarised_thenPainVolumeAndFormPerWeekAndTheirTrends() {
        List<PainObservation> pain = List.of(Pain.on(MONDAY, 6), Pain.on(MONDAY.plusDays(2), 4), Pain.on(MONDAY.plusDays(2), 0),
                Pain.on(MONDAY.plusDays(8), 2));
        List<TrainingSession> sessions = List.of(session(MONDAY.minusDays(3), 50, null, 0),
                session(MONDAY, 30, 60, 2), session(MONDAY.plusDays(3), 30, 80, 1),
                session(MONDAY.plusDays(7), 66, 90, 0));

        WeeklyProgress.Progress progress = WeeklyProgress.of(MONDAY, MONDAY.plusDays(13), pain, sessions, Pain.ZONE);

        assertThat(progress.weeks()).hasSize(2);
        WeeklyProgress.Week first = progress.weeks().get(0);
        assertThat(first.week()).isEqualTo("2026-W45");
        assertThat(first.painEntries()).isEqualTo(3);
        assertThat(first.painDays()).isEqualTo(2);
        assertThat(first.meanPain()).isEqualTo(3.3);
        assertThat(first.maxPain()).isEqualTo(6);
        assertThat(first.volumeMinutes()).isEqualTo(60.0);
        assertThat(first.volumeChangePercent()).isEqualTo(20.0);
        assertThat(first.sessions()).isEqualTo(2);
        assertThat(first.trainingDays()).isEqualTo(2);
        assertThat(first.meanFormScore()).isEqualTo(70.0);
        assertThat(first.faults()).isEqualTo(3);
        WeeklyProgress.Week second = progress.weeks().get(1);
        assertThat(second.meanPain()).isEqualTo(2.0);
        assertThat(second.volumeChangePercent()).isEqualTo(10.0);
        assertThat(progress.painSlopePerWeek()).isEqualTo(-1.3);
        assertThat(progress.volumeSlopePerWeek()).isEqualTo(6.0);
        assertThat(progress.formScoreSlopePerWeek()).isEqualTo(20.0);
    }

    @Test
    void givenAWeekWithoutData_thenItIsShownEmptyAndLeftOutOfTheTrend() {
        WeeklyProgress.Progress progress = WeeklyProgress.of(MONDAY, MONDAY.plusDays(6), List.of(), List.of(), Pain.ZONE);

        assertThat(progress.weeks()).singleElement().satisfies(w -> {
            assertThat(w.meanPain()).isNull();
            assertThat(w.volumeChangePercent()).isNull();
            assertThat(w.meanFormScore()).isNull();
        });
        assertThat(progress.painSlopePerWeek()).isNull();
    }
}
