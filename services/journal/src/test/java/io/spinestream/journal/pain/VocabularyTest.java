package io.spinestream.journal.pain;

import io.spinestream.journal.wearer.Condition;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The validation patterns of the API list exactly the codes the rules know, in the spec's spelling. */
class VocabularyTest {

    private static String codes(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining("|"));
    }

    @Test
    void givenEveryCodeList_whenComparedWithItsPattern_thenEqual() {
        assertThat(PainLocation.PATTERN).isEqualTo(codes(PainLocation.values()));
        assertThat(PainQuality.PATTERN).isEqualTo(codes(PainQuality.values()));
        assertThat(Onset.PATTERN).isEqualTo(codes(Onset.values()));
        assertThat(WorseAt.PATTERN).isEqualTo(codes(WorseAt.values()));
        assertThat(RelievingFactor.PATTERN).isEqualTo(codes(RelievingFactor.values()));
        assertThat(Symptom.PATTERN).isEqualTo(codes(Symptom.values()));
        assertThat(MovementResponse.PATTERN).isEqualTo(codes(MovementResponse.values()));
        assertThat(TreatmentEffect.PATTERN).isEqualTo(codes(TreatmentEffect.values()));
        assertThat(TreatmentKind.PATTERN).isEqualTo(codes(TreatmentKind.values()));
        assertThat(Condition.PATTERN).isEqualTo(codes(Condition.values()));
    }

    @Test
    void givenTheSpec_thenEveryLocationAndSymptomIsKnown() {
        assertThat(codes(PainLocation.values())).isEqualTo("lower_back_central|lower_back_left|lower_back_right|upper_back|"
                + "neck|buttock_left|buttock_right|thigh_left|thigh_right|leg_below_knee_left|leg_below_knee_right|"
                + "foot_left|foot_right|groin");
        assertThat(codes(Symptom.values())).isEqualTo("numbness|tingling|weakness|radiating_leg_pain|"
                + "bladder_or_bowel_change|saddle_numbness|fever|unexplained_weight_loss|night_pain|"
                + "progressive_leg_weakness|after_trauma");
    }
}
