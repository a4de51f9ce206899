package io.spinestream.journal.insight.rules;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PersistenceRuleTest {

    private static final LocalDate DAY1 = LocalDate.of(2026, 10, 1);

    /** Pain on the given day offsets (0 = DAY1). */
    private static PainDays painOn(int... offsets) {
        List<PainObservation> entries = new ArrayList<>();
        for (int offset : offsets) {
            entries.add(Pain.on(DAY1.plusDays(offset), 4));
        }
        return new PainDays(entries, Pain.ZONE);
    }

    private static int[] everyDay(int days) {
        int[] offsets = new int[days];
        for (int i = 0; i < days; i++) {
            offsets[i] = i;
        }
        return offsets;
    }

    @Test
    void givenPainEveryDayFor14Days_thenNoAdvice_for15Days_thenAdvice() {
        assertThat(PersistenceRule.evaluate(painOn(everyDay(14)), DAY1.plusDays(13), false)).isEmpty();

        Optional<PersistenceRule.Finding> finding = PersistenceRule.evaluate(painOn(everyDay(15)), DAY1.plusDays(14), true);
        assertThat(finding).hasValueSatisfying(f -> {
            assertThat(f.episodeStart()).isEqualTo(DAY1);
            assertThat(f.spanDays()).isEqualTo(15);
            assertThat(f.painDays()).isEqualTo(15);
            assertThat(f.reason()).contains("15 of 15 days").contains("despite the self-care recorded");
        });
    }

    @Test
    void givenEightOf15Days_thenMostDays_givenSevenOf15_thenNot() {
        // every other day: 0, 2, …, 14 = 8 pain days in 15
        assertThat(PersistenceRule.evaluate(painOn(0, 2, 4, 6, 8, 10, 12, 14), DAY1.plusDays(14), false))
                .hasValueSatisfying(f -> assertThat(f.painDays()).isEqualTo(8));
        // 7 pain days in 15, no two days in a row missing more than twice
        assertThat(PersistenceRule.evaluate(painOn(0, 2, 4, 7, 9, 12, 14), DAY1.plusDays(14), false)).isEmpty();
    }

    @Test
    void givenALongSparseStartAndThenDailyPain_thenALaterStartSatisfiesTheRule() {
        // pain every third day for 8 weeks (1/3 of the days), then every day for 15 days
        List<Integer> offsets = new ArrayList<>();
        for (int d = 0; d < 58; d += 3) {
            offsets.add(d);
        }
        for (int d = 58; d < 73; d++) {
            offsets.add(d);
        }
        PainDays days = painOn(offsets.stream().mapToInt(Integer::intValue).toArray());

        assertThat(PersistenceRule.evaluate(days, DAY1.plusDays(72), false)).hasValueSatisfying(f -> {
            assertThat(f.episodeStart()).isEqualTo(DAY1);
            assertThat(f.from()).isAfter(DAY1);
            assertThat(f.spanDays()).isGreaterThanOrEqualTo(15);
            assertThat(f.painDays() * 2).isGreaterThan(f.spanDays());
        });
    }

    @Test
    void givenThePainFreeBreakOfThreeDays_thenTheEarlierPainDoesNotCount() {
        // 10 days of pain, 3 pain-free, 10 days of pain: two episodes of 10 days, neither over 14
        List<Integer> offsets = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            offsets.add(d);
            offsets.add(d + 13);
        }
        PainDays days = painOn(offsets.stream().mapToInt(Integer::intValue).toArray());

        assertThat(PersistenceRule.evaluate(days, DAY1.plusDays(22), false)).isEmpty();
    }

    @Test
    void givenTheEvaluatedDayHasNoPain_thenNothing() {
        assertThat(PersistenceRule.evaluate(painOn(everyDay(20)), DAY1.plusDays(25), false)).isEmpty();
    }
}
