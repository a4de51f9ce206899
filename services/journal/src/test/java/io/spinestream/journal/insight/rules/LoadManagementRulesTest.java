package io.spinestream.journal.insight.rules;

import io.spinestream.events.payload.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LoadManagementRulesTest {

    /** A Monday. */
    private static final LocalDate WEEK1 = LocalDate.of(2026, 10, 5);
    private static final AtomicInteger IDS = new AtomicInteger();

    private static TrainingSession session(String activity, LocalDateTime localStart, Duration volume) {
        Instant start = localStart.atZone(Pain.ZONE).toInstant();
        return new TrainingSession("s-" + IDS.incrementAndGet(), activity, start, start.plus(Duration.ofMinutes(45)),
                volume, 80, Map.of());
    }

    private static TrainingSession walk(LocalDate day, Duration volume) {
        return session("walking", day.atTime(18, 0), volume);
    }

    private static List<LoadAdvisory> evaluate(List<TrainingSession> all, TrainingSession arrived) {
        return LoadManagementRules.evaluate(all, List.of(arrived), Pain.ZONE);
    }

    private static List<String> codes(List<LoadAdvisory> advisories) {
        return advisories.stream().map(LoadAdvisory::code).toList();
    }

    @Test
    void givenLastWeek10Minutes_whenThisWeekReaches11Minutes_thenNoWarning_whenItPasses10Point1Percent_thenWarning() {
        List<TrainingSession> all = new ArrayList<>(List.of(walk(WEEK1, Duration.ofSeconds(600))));
        TrainingSession exactlyTenPercent = walk(WEEK1.plusWeeks(1), Duration.ofSeconds(660));
        all.add(exactlyTenPercent);
        assertThat(codes(evaluate(all, exactlyTenPercent))).doesNotContain(LoadManagementRules.WEEKLY_VOLUME_SPIKE);

        all.remove(exactlyTenPercent);
        TrainingSession justOver = walk(WEEK1.plusWeeks(1), Duration.ofMillis(660_600));
        all.add(justOver);
        assertThat(evaluate(all, justOver)).filteredOn(a -> a.code().equals(LoadManagementRules.WEEKLY_VOLUME_SPIKE))
                .singleElement().satisfies(a -> {
                    assertThat(a.severity()).isEqualTo(Severity.WARNING);
                    assertThat(a.value()).isEqualTo(10.1);
                    assertThat(a.limit()).isEqualTo(10.0);
                    assertThat(a.cause()).isEqualTo("2026-W42");
                    assertThat(a.rule()).isEqualTo(LoadManagementRules.RULE_TEN_PERCENT);
                });
    }

    @Test
    void givenTheRiseComesFromSeveralSessions_thenTheWarningComesWithTheSessionThatCrossesTheLine() {
        List<TrainingSession> all = new ArrayList<>(List.of(walk(WEEK1, Duration.ofMinutes(60))));
        TrainingSession monday = walk(WEEK1.plusWeeks(1), Duration.ofMinutes(40));
        all.add(monday);
        assertThat(codes(evaluate(all, monday))).isEmpty();
        TrainingSession wednesday = walk(WEEK1.plusWeeks(1).plusDays(2), Duration.ofMinutes(27));
        all.add(wednesday);
        assertThat(codes(evaluate(all, wednesday))).containsExactly(LoadManagementRules.WEEKLY_VOLUME_SPIKE);
    }

    @Test
    void givenNoTrainingLastWeek_thenNoComparison() {
        TrainingSession first = walk(WEEK1.plusWeeks(1), Duration.ofMinutes(90));
        assertThat(evaluate(List.of(walk(WEEK1.minusWeeks(3), Duration.ofMinutes(10)), first), first)).isEmpty();
    }

    @Test
    void givenPostureSessions_thenTheyAreNotTrainingVolume() {
        List<TrainingSession> all = new ArrayList<>(List.of(walk(WEEK1, Duration.ofMinutes(10))));
        TrainingSession sitting = session("sitting", WEEK1.plusWeeks(1).atTime(9, 0), Duration.ofMinutes(300));
        all.add(sitting);
        assertThat(evaluate(all, sitting)).isEmpty();
    }

    @Test
    void givenSixTrainingDays_thenNoAdvice_givenSeven_thenTooFewRestDays() {
        List<TrainingSession> all = new ArrayList<>();
        for (int d = 0; d < 6; d++) {
            all.add(walk(WEEK1.plusDays(d), Duration.ofMinutes(20)));
        }
        assertThat(codes(evaluate(all, all.get(5)))).doesNotContain(LoadManagementRules.TOO_FEW_REST_DAYS);

        TrainingSession sunday = walk(WEEK1.plusDays(6), Duration.ofMinutes(20));
        all.add(sunday);
        assertThat(evaluate(all, sunday)).filteredOn(a -> a.code().equals(LoadManagementRules.TOO_FEW_REST_DAYS))
                .singleElement().satisfies(a -> {
                    assertThat(a.severity()).isEqualTo(Severity.INFO);
                    assertThat(a.value()).isEqualTo(0.0);
                    assertThat(a.cause()).isEqualTo("2026-W41");
                });
    }

    @Test
    void givenTwoSessionsOnOneDay_thenItIsOneTrainingDay() {
        List<TrainingSession> all = new ArrayList<>();
        for (int d = 0; d < 6; d++) {
            all.add(walk(WEEK1.plusDays(d), Duration.ofMinutes(20)));
        }
        TrainingSession again = session("squat", WEEK1.plusDays(5).atTime(7, 0), Duration.ofMinutes(5));
        all.add(again);
        assertThat(codes(evaluate(all, again))).doesNotContain(LoadManagementRules.TOO_FEW_REST_DAYS);
    }

    /** Weeks of walking with these volumes in minutes, from WEEK1. */
    private static List<TrainingSession> weeks(double... minutes) {
        List<TrainingSession> all = new ArrayList<>();
        for (int w = 0; w < minutes.length; w++) {
            all.add(walk(WEEK1.plusWeeks(w), Duration.ofMillis(Math.round(minutes[w] * 60_000))));
        }
        return all;
    }

    private static List<String> deloadAdvice(List<TrainingSession> all) {
        return evaluate(all, all.get(all.size() - 1)).stream()
                .filter(a -> a.code().equals(LoadManagementRules.NO_DELOAD_WEEK)).map(LoadAdvisory::cause).toList();
    }

    @Test
    void givenSevenSteadyWeeks_thenNoAdvice_givenEight_thenNoDeloadWeekOncePerStreak() {
        assertThat(deloadAdvice(weeks(100, 100, 100, 100, 100, 100, 100))).isEmpty();
        assertThat(deloadAdvice(weeks(100, 100, 100, 100, 100, 100, 100, 100))).containsExactly("2026-W41");
        // the ninth week of the same streak names the same streak: one advisory, not one per week
        assertThat(deloadAdvice(weeks(100, 100, 100, 100, 100, 100, 100, 100, 100))).containsExactly("2026-W41");
    }

    @Test
    void givenAWeekAtExactly90Percent_thenItIsADeload_givenOneAt90Point1Percent_thenNot() {
        assertThat(deloadAdvice(weeks(100, 100, 100, 90, 100, 100, 100, 100, 100, 100))).isEmpty();
        assertThat(deloadAdvice(weeks(100, 100, 100, 90.1, 100, 100, 100, 100))).containsExactly("2026-W41");
    }

    @Test
    void givenAWeekWithoutTraining_thenTheStreakStartsAfterIt() {
        List<TrainingSession> all = weeks(100, 100, 100);
        for (int w = 4; w < 12; w++) {
            all.add(walk(WEEK1.plusWeeks(w), Duration.ofMinutes(100)));
        }
        assertThat(deloadAdvice(all)).containsExactly("2026-W45");
    }

    @Test
    void givenTheEighthWeekIsStillLightSoFar_thenNoAdviceYet() {
        assertThat(deloadAdvice(weeks(100, 100, 100, 100, 100, 100, 100, 50))).isEmpty();
    }

    private static List<LoadAdvisory> spacing(String first, String second, Duration restBetween) {
        TrainingSession a = session(first, WEEK1.atTime(8, 0), Duration.ofMinutes(10));
        Instant nextStart = a.end().plus(restBetween);
        TrainingSession b = new TrainingSession("s-" + IDS.incrementAndGet(), second, nextStart,
                nextStart.plus(Duration.ofMinutes(30)), Duration.ofMinutes(10), 90, Map.of());
        return evaluate(List.of(a, b), b).stream()
                .filter(x -> x.code().equals(LoadManagementRules.STRENGTH_SESSIONS_TOO_CLOSE)).toList();
    }

    @Test
    void givenDeadlifts47Point9HoursApart_thenAdvice_given48Hours_thenNone() {
        assertThat(spacing("deadlift", "deadlift", Duration.ofMinutes(47 * 60 + 54))).singleElement()
                .satisfies(a -> {
                    assertThat(a.value()).isEqualTo(47.9);
                    assertThat(a.limit()).isEqualTo(48.0);
                    assertThat(a.reason()).contains("deadlift");
                });
        assertThat(spacing("deadlift", "deadlift", Duration.ofHours(48))).isEmpty();
    }

    @Test
    void givenDifferentActivitiesOrNoStrength_thenNoSpacingAdvice() {
        assertThat(spacing("deadlift", "squat", Duration.ofHours(20))).isEmpty();
        assertThat(spacing("walking", "walking", Duration.ofHours(20))).isEmpty();
    }

    @Test
    void givenOneWorkoutSplitIntoBeltSessions_thenItIsOneWorkout() {
        assertThat(spacing("squat", "squat", Duration.ofMinutes(10))).isEmpty();
    }

    @Test
    void givenAnEarlierSessionArrivesLate_thenTheSpacingToTheLaterWorkoutIsChecked() {
        TrainingSession later = session("row", WEEK1.plusDays(1).atTime(8, 0), Duration.ofMinutes(10));
        TrainingSession earlier = session("row", WEEK1.atTime(8, 0), Duration.ofMinutes(10));
        assertThat(evaluate(List.of(later, earlier), earlier)).extracting(LoadAdvisory::code, LoadAdvisory::cause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LoadManagementRules.STRENGTH_SESSIONS_TOO_CLOSE, later.id()));
    }
}
