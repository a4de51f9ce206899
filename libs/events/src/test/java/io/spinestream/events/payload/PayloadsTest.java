package io.spinestream.events.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.spinestream.events.cloudevents.EventJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    private static final Instant AT = Instant.parse("2026-11-20T10:15:30.120Z");

    @Test
    void givenNullCollections_whenPayloadsBuilt_thenTheyAreEmptyAndImmutable() {
        Alert alert = new Alert("a", "ROUNDED_BACK", Severity.WARNING, "c", "SB-1", null, null, AT,
                null, null, null, false, null, null, null);
        WearerProfile profile = new WearerProfile("w", "c", null, null, null, 1, null);

        assertThat(alert.details()).isEmpty();
        assertThat(profile.conditions()).isEmpty();
        assertThat(profile.limits()).isEqualTo(Limits.none());
        assertThatThrownBy(() -> alert.details().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void givenMutableInput_whenPayloadBuilt_thenLaterChangesDoNotLeakIn() {
        List<String> faults = new ArrayList<>(List.of("ROUNDED_BACK"));
        Map<String, Integer> counts = new HashMap<>(Map.of("ROUNDED_BACK", 1));
        RepMetrics rep = new RepMetrics(1, AT, AT, 1, 2, 3, faults);
        SessionSummary summary = new SessionSummary("s", "c", "SB-1", null, "squat", AT, AT, 1, 0, 0, 0, 100,
                counts, List.of(rep));

        faults.add("TWIST_UNDER_LOAD");
        counts.put("TWIST_UNDER_LOAD", 1);

        assertThat(rep.faults()).containsExactly("ROUNDED_BACK");
        assertThat(summary.faults()).containsOnlyKeys("ROUNDED_BACK");
    }

    @Test
    void givenMissingRequiredField_whenPayloadBuilt_thenRejectedNamingIt() {
        assertThatThrownBy(() -> new Alert(null, "X", Severity.INFO, "c", null, null, null, AT,
                null, null, null, false, null, null, null)).hasMessageContaining("alertId");
        assertThatThrownBy(() -> new BeltCommand("id", "SB-1", "c", null, null, null, null, null))
                .hasMessageContaining("pattern");
        assertThatThrownBy(() -> new AlertStateChanged("a", "c", AlertState.OPEN, null, null, null))
                .hasMessageContaining("at");
    }

    @Test
    void givenEnums_whenSerialised_thenLowercaseWireValuesBothWays() throws Exception {
        String json = EventJson.mapper().writeValueAsString(
                List.of(Severity.CRITICAL, AlertState.ACKNOWLEDGED, HapticPattern.THREE_SHORT));

        assertThat(json).isEqualTo("[\"critical\",\"acknowledged\",\"three_short\"]");
        assertThat(EventJson.mapper().readValue("\"warning\"", Severity.class)).isEqualTo(Severity.WARNING);
        assertThat(Severity.INFO.code()).isEqualTo("info");
    }

    @Test
    void givenLimitsWithOnlySomeSet_whenRoundTripped_thenUnsetStayNull() throws Exception {
        Limits limits = new Limits(18.0, null, null, null, null, null, null, null, null, null, 100);

        JsonNode json = EventJson.mapper().valueToTree(limits);
        Limits back = EventJson.mapper().treeToValue(json, Limits.class);

        assertThat(json.size()).isEqualTo(2);
        assertThat(back).isEqualTo(limits);
        assertThat(back.extensionDeg()).isNull();
    }

    @Test
    void givenFormCodes_whenMappedToHaptics_thenSpecPatternsApply() {
        assertThat(HapticPattern.forCode(AlertCodes.ROUNDED_BACK)).contains(HapticPattern.TWO_SHORT);
        assertThat(HapticPattern.forCode(AlertCodes.EXCESSIVE_ARCH)).contains(HapticPattern.ONE_LONG);
        assertThat(HapticPattern.forCode(AlertCodes.TWIST_UNDER_LOAD)).contains(HapticPattern.THREE_SHORT);
        assertThat(HapticPattern.forCode(AlertCodes.HIGH_IMPACT)).contains(HapticPattern.ONE_SHORT);
        assertThat(HapticPattern.forCode(AlertCodes.MOVEMENT_BREAK_DUE)).contains(HapticPattern.GENTLE_ONCE);
        assertThat(HapticPattern.forCode(AlertCodes.CALIBRATION_NEEDED)).contains(HapticPattern.GENTLE_ONCE);
        assertThat(HapticPattern.forCode(AlertCodes.CALIBRATED)).isEmpty();
    }

    @Test
    void givenPatterns_whenPlayed_thenPulseCountsMatchTheirNames() {
        assertThat(HapticPattern.TWO_SHORT.pulses()).hasSize(2);
        assertThat(HapticPattern.THREE_SHORT.pulses()).hasSize(3);
        assertThat(HapticPattern.ONE_SHORT.pulses()).hasSize(1);
        assertThat(HapticPattern.ONE_LONG.pulses().get(0).onMs())
                .isGreaterThan(HapticPattern.ONE_SHORT.pulses().get(0).onMs());
        assertThat(HapticPattern.GENTLE_ONCE.intensityPercent())
                .isLessThan(HapticPattern.ONE_SHORT.intensityPercent());
        assertThat(HapticPattern.TWO_SHORT.totalMillis()).isEqualTo(400);
        for (HapticPattern pattern : HapticPattern.values()) {
            assertThat(pattern.pulses().get(pattern.pulses().size() - 1).offMs()).as(pattern.name()).isZero();
        }
    }

    @Test
    void givenCommand_whenCheckedAgainstExpiry_thenLiveOnlyBeforeIt() {
        BeltCommand command = new BeltCommand("id", "SB-1", "c", HapticPattern.ONE_SHORT, null, null,
                AT, AT.plusSeconds(2));

        assertThat(command.isLiveAt(AT.plusSeconds(1))).isTrue();
        assertThat(command.isLiveAt(AT.plusSeconds(2))).isFalse();
    }
}
