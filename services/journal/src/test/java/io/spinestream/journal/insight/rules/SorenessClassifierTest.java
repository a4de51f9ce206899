package io.spinestream.journal.insight.rules;

import io.spinestream.journal.insight.rules.SorenessAssessment.Kind;
import io.spinestream.journal.pain.MovementResponse;
import io.spinestream.journal.pain.Onset;
import io.spinestream.journal.pain.PainQuality;
import io.spinestream.journal.pain.Symptom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SorenessClassifierTest {

    private static SorenessAssessment classify(Pain pain) {
        PainObservation entry = pain.build();
        return SorenessClassifier.classify(entry, new PainDays(List.of(entry), Pain.ZONE), Pain.ZONE);
    }

    @Test
    void givenDomsPicture_whenClassified_thenNormalSorenessSayingWhy() {
        SorenessAssessment result = classify(Pain.entry());

        assertThat(result.kind()).isEqualTo(Kind.NORMAL_SORENESS);
        assertThat(result.rule()).isEqualTo(SorenessClassifier.RULE_DOMS);
        assertThat(result.reason()).contains("24 h after exercise");
    }

    @Test
    void givenOnset11Point9Hours_thenNotSoreness_given12Hours_thenSoreness() {
        assertThat(classify(Pain.entry().onset(Onset.HOURS_AFTER, 11.9)).kind()).isEqualTo(Kind.UNDETERMINED);
        assertThat(classify(Pain.entry().onset(Onset.HOURS_AFTER, 12.0)).kind()).isEqualTo(Kind.NORMAL_SORENESS);
    }

    @Test
    void givenOnset72Hours_thenSoreness_given72Point1Hours_thenNot() {
        assertThat(classify(Pain.entry().onset(Onset.HOURS_AFTER, 72.0)).kind()).isEqualTo(Kind.NORMAL_SORENESS);
        SorenessAssessment late = classify(Pain.entry().onset(Onset.HOURS_AFTER, 72.1));
        assertThat(late.kind()).isEqualTo(Kind.UNDETERMINED);
        assertThat(late.reason()).contains("outside 12–72 h");
    }

    @Test
    void givenNextDayOnset_thenInTheDomsWindow() {
        assertThat(classify(Pain.entry().onset(Onset.NEXT_DAY, null)).kind()).isEqualTo(Kind.NORMAL_SORENESS);
    }

    @Test
    void givenOnsetDuringOrImmediatelyAfter_thenConcerningByThatRule() {
        assertThat(classify(Pain.entry().onset(Onset.DURING, null)).rule()).isEqualTo(SorenessClassifier.RULE_ONSET_DURING);
        assertThat(classify(Pain.entry().onset(Onset.IMMEDIATELY_AFTER, null)))
                .satisfies(r -> assertThat(r.kind()).isEqualTo(Kind.CONCERNING))
                .satisfies(r -> assertThat(r.rule()).isEqualTo(SorenessClassifier.RULE_ONSET_IMMEDIATELY));
    }

    @ParameterizedTest
    @EnumSource(value = PainQuality.class, names = {"SHARP", "STABBING", "BURNING", "TINGLING", "ELECTRIC"})
    void givenConcerningQuality_thenConcerning(PainQuality quality) {
        SorenessAssessment result = classify(Pain.entry().qualities(PainQuality.ACHING, quality));
        assertThat(result.kind()).isEqualTo(Kind.CONCERNING);
        assertThat(result.rule()).isEqualTo(SorenessClassifier.RULE_QUALITY);
        assertThat(result.reason()).contains(quality.code());
    }

    @Test
    void givenThrobbing_thenNeitherConcerningNorSoreness() {
        assertThat(classify(Pain.entry().qualities(PainQuality.THROBBING))).satisfies(r -> {
            assertThat(r.kind()).isEqualTo(Kind.UNDETERMINED);
            assertThat(r.reason()).contains("not only dull or aching");
        });
    }

    @Test
    void givenWorsensWithMovement_thenConcerning_givenNoChange_thenUndetermined() {
        assertThat(classify(Pain.entry().movement(MovementResponse.WORSENS)).rule()).isEqualTo(SorenessClassifier.RULE_WORSENS);
        assertThat(classify(Pain.entry().movement(MovementResponse.NO_CHANGE)).kind()).isEqualTo(Kind.UNDETERMINED);
        assertThat(classify(Pain.entry().movement(null)).kind()).isEqualTo(Kind.UNDETERMINED);
    }

    @Test
    void givenNumbness_thenNotNormalSoreness() {
        assertThat(classify(Pain.entry().symptoms(Symptom.NUMBNESS))).satisfies(r -> {
            assertThat(r.kind()).isEqualTo(Kind.UNDETERMINED);
            assertThat(r.reason()).contains("numbness");
        });
    }

    @Test
    void givenPainOnSevenDaysInARow_thenSoreness_givenEightDays_thenConcerningPersisting() {
        LocalDate start = LocalDate.of(2026, 11, 1);
        List<PainObservation> week = new ArrayList<>();
        for (int d = 0; d < 8; d++) {
            week.add(Pain.entry().at(start.plusDays(d).atTime(9, 0).atZone(Pain.ZONE).toInstant()).build());
        }
        PainDays sevenDays = new PainDays(week.subList(0, 7), Pain.ZONE);
        PainDays eightDays = new PainDays(week, Pain.ZONE);

        assertThat(SorenessClassifier.classify(week.get(6), sevenDays, Pain.ZONE).kind()).isEqualTo(Kind.NORMAL_SORENESS);
        SorenessAssessment day8 = SorenessClassifier.classify(week.get(7), eightDays, Pain.ZONE);
        assertThat(day8.kind()).isEqualTo(Kind.CONCERNING);
        assertThat(day8.rule()).isEqualTo(SorenessClassifier.RULE_PERSISTS);
        assertThat(day8.reason()).contains("8 days");
    }

    @Test
    void givenThreePainFreeDays_thenTheEpisodeStartsAgain() {
        LocalDate start = LocalDate.of(2026, 11, 1);
        List<PainObservation> entries = new ArrayList<>();
        for (int d = 0; d < 5; d++) {
            entries.add(Pain.on(start.plusDays(d), 3));
        }
        // days 5, 6, 7 without pain; then 4 more days: a new episode of 4 days, not one of 12
        for (int d = 8; d < 12; d++) {
            entries.add(Pain.on(start.plusDays(d), 3));
        }
        PainDays days = new PainDays(entries, Pain.ZONE);
        assertThat(days.episodeStart(start.plusDays(11))).isEqualTo(start.plusDays(8));
        // two pain-free days do not break it
        entries.add(Pain.on(start.plusDays(14), 3));
        assertThat(new PainDays(entries, Pain.ZONE).episodeStart(start.plusDays(14))).isEqualTo(start.plusDays(8));
    }

    @Test
    void givenUnrelatedOnsetOrNoLinkAndNoOnset_thenNotExerciseRelated_givenLinkWithoutOnset_thenClassified() {
        assertThat(classify(Pain.entry().onset(Onset.UNRELATED, null)).kind()).isEqualTo(Kind.NOT_EXERCISE_RELATED);
        assertThat(classify(Pain.entry().onset(null, null)).kind()).isEqualTo(Kind.NOT_EXERCISE_RELATED);
        assertThat(classify(Pain.entry().onset(null, null).linked()).kind()).isEqualTo(Kind.UNDETERMINED);
    }

    @Test
    void givenIntensityZero_thenNoPainToClassify() {
        assertThat(classify(Pain.entry().intensity(0)).kind()).isEqualTo(Kind.NO_PAIN);
    }
}
