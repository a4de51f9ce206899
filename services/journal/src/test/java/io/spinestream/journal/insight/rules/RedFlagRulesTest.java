package io.spinestream.journal.insight.rules;

import io.spinestream.events.payload.Severity;
import io.spinestream.journal.pain.PainLocation;
import io.spinestream.journal.pain.Symptom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RedFlagRulesTest {

    private static List<RedFlag> flags(Pain pain, Integer birthYear, boolean earlierBackPain) {
        return RedFlagRules.evaluate(pain.build(), birthYear, Pain.ZONE, earlierBackPain);
    }

    @ParameterizedTest
    @EnumSource(value = Symptom.class, names = {"BLADDER_OR_BOWEL_CHANGE", "SADDLE_NUMBNESS", "PROGRESSIVE_LEG_WEAKNESS"})
    void givenEmergencySymptom_whenEvaluated_thenCriticalEvenWithoutPain(Symptom symptom) {
        List<RedFlag> flags = flags(Pain.entry().intensity(0).symptoms(symptom), 1990, true);

        assertThat(flags).singleElement().satisfies(flag -> {
            assertThat(flag.code()).isEqualTo(symptom.code());
            assertThat(flag.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(flag.rule()).isEqualTo(RedFlagRules.RULE_CRITICAL_SYMPTOM);
            assertThat(flag.reason()).contains("seek care now");
        });
    }

    @ParameterizedTest
    @EnumSource(value = Symptom.class, names = {"FEVER", "UNEXPLAINED_WEIGHT_LOSS", "NIGHT_PAIN", "AFTER_TRAUMA"})
    void givenSeeADoctorSymptom_whenEvaluated_thenWarning(Symptom symptom) {
        assertThat(flags(Pain.entry().symptoms(symptom), 1990, true)).singleElement()
                .satisfies(flag -> {
                    assertThat(flag.severity()).isEqualTo(Severity.WARNING);
                    assertThat(flag.rule()).isEqualTo(RedFlagRules.RULE_WARNING_SYMPTOM);
                });
    }

    @ParameterizedTest
    @EnumSource(value = Symptom.class, names = {"NUMBNESS", "TINGLING", "WEAKNESS", "RADIATING_LEG_PAIN"})
    void givenNeurologicalSymptom_whenWithPain_thenWarning_butWithoutPainNone(Symptom symptom) {
        assertThat(flags(Pain.entry().intensity(1).symptoms(symptom), 1990, true)).singleElement()
                .satisfies(flag -> assertThat(flag.rule()).isEqualTo(RedFlagRules.RULE_NEUROLOGICAL));
        assertThat(flags(Pain.entry().intensity(0).symptoms(symptom), 1990, true)).isEmpty();
    }

    @Test
    void givenIntensity7_thenNoFlag_givenIntensity8_thenSeverePainWarning() {
        assertThat(flags(Pain.entry().intensity(7), 1990, true)).isEmpty();
        assertThat(flags(Pain.entry().intensity(8), 1990, true)).singleElement().satisfies(flag -> {
            assertThat(flag.code()).isEqualTo(RedFlagRules.SEVERE_PAIN);
            assertThat(flag.severity()).isEqualTo(Severity.WARNING);
        });
    }

    @Test
    void givenFirstEverBackPain_whenAge50_thenNoFlag_whenAge51_thenWarning() {
        Pain in2026 = Pain.entry().at(Instant.parse("2026-06-01T10:00:00Z"));
        assertThat(flags(in2026, 1976, false)).isEmpty();
        assertThat(flags(in2026, 1975, false)).singleElement().satisfies(flag -> {
            assertThat(flag.code()).isEqualTo(RedFlagRules.NEW_BACK_PAIN_OVER_50);
            assertThat(flag.reason()).contains("at 51");
        });
    }

    @Test
    void givenWearerOver50_whenBackPainWasRecordedBefore_orPainIsNotInTheBack_orNoBirthYear_thenNoAgeFlag() {
        assertThat(flags(Pain.entry(), 1950, true)).isEmpty();
        assertThat(flags(Pain.entry().locations(PainLocation.NECK), 1950, false)).isEmpty();
        assertThat(flags(Pain.entry().intensity(0), 1950, false)).isEmpty();
        assertThat(flags(Pain.entry(), null, false)).isEmpty();
    }

    @Test
    void givenNewYearsEveInBerlin_whenAgeComputed_thenTheWearersLocalYearCounts() {
        // 2026-12-31T23:30Z is already 2027 in Berlin: 1976 + 51.
        Pain lateUtc = Pain.entry().at(Instant.parse("2026-12-31T23:30:00Z"));
        assertThat(flags(lateUtc, 1976, false)).extracting(RedFlag::code).containsExactly(RedFlagRules.NEW_BACK_PAIN_OVER_50);
    }

    @Test
    void givenSeveralFlags_whenEvaluated_thenCriticalComesFirst() {
        List<RedFlag> flags = flags(Pain.entry().intensity(9).symptoms(Symptom.FEVER, Symptom.SADDLE_NUMBNESS), 1990, true);

        assertThat(flags).extracting(RedFlag::code).containsExactly("saddle_numbness", "fever", "severe_pain");
    }
}
