package io.spinestream.notification.haptics;

import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.AlertCodes;
import io.spinestream.events.payload.HapticPattern;
import io.spinestream.notification.testkit.TestAlerts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.spinestream.notification.haptics.HapticPolicy.Outcome.DUPLICATE;
import static io.spinestream.notification.haptics.HapticPolicy.Outcome.EMITTED;
import static io.spinestream.notification.haptics.HapticPolicy.Outcome.LATE;
import static io.spinestream.notification.haptics.HapticPolicy.Outcome.SILENT;
import static io.spinestream.notification.haptics.HapticPolicy.Outcome.STALE;
import static io.spinestream.notification.haptics.HapticPolicy.Outcome.THROTTLED;
import static org.assertj.core.api.Assertions.assertThat;

class HapticPolicyTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:15:30Z");
    private static final String BELT = "SB-000123";

    private final HapticPolicy policy = new HapticPolicy(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofMinutes(10), 1000);

    @Test
    void givenAFault_whenDecided_thenItsPatternIsPlayed() {
        assertThat(decide(AlertCodes.ROUNDED_BACK, T0).pattern()).isEqualTo(HapticPattern.TWO_SHORT);
        assertThat(decide(AlertCodes.EXCESSIVE_ARCH, T0).pattern()).isEqualTo(HapticPattern.ONE_LONG);
        assertThat(decide(AlertCodes.TWIST_UNDER_LOAD, T0).pattern()).isEqualTo(HapticPattern.THREE_SHORT);
        assertThat(decide(AlertCodes.HIGH_IMPACT, T0).pattern()).isEqualTo(HapticPattern.ONE_SHORT);
        assertThat(decide(AlertCodes.MOVEMENT_BREAK_DUE, T0).pattern()).isEqualTo(HapticPattern.GENTLE_ONCE);
        assertThat(decide(AlertCodes.CALIBRATED, T0).outcome()).isEqualTo(SILENT);
    }

    @Test
    void givenACommandForACode_whenTheSameCodeFollowsWithinTwoSeconds_thenThrottledAndAfterwardsPlayedAgain() {
        assertThat(decide(AlertCodes.ROUNDED_BACK, T0).outcome()).isEqualTo(EMITTED);
        assertThat(decide(AlertCodes.ROUNDED_BACK, T0.plusMillis(1999)).outcome()).isEqualTo(THROTTLED);
        assertThat(decide(AlertCodes.ROUNDED_BACK, T0.plusMillis(2000)).outcome()).isEqualTo(EMITTED);
    }

    @Test
    void givenAThrottledCode_whenAnotherCodeOrAnotherBeltFollows_thenThoseArePlayed() {
        decide(AlertCodes.ROUNDED_BACK, T0);
        assertThat(decide(AlertCodes.ROUNDED_BACK, T0.plusMillis(500)).outcome()).isEqualTo(THROTTLED);
        assertThat(decide(AlertCodes.TWIST_UNDER_LOAD, T0.plusMillis(500)).outcome()).isEqualTo(EMITTED);
        Alert otherBelt = TestAlerts.formFault("c", "SB-OTHER", AlertCodes.ROUNDED_BACK, null);
        assertThat(policy.decide("SB-OTHER", otherBelt, T0, T0.plusMillis(500)).outcome()).isEqualTo(EMITTED);
    }

    @Test
    void givenALateAlert_whenDecided_thenNoVibrationAndTheCodeIsNotThrottled() {
        Alert late = TestAlerts.late(TestAlerts.formFault("c", BELT, AlertCodes.ROUNDED_BACK, null));
        assertThat(policy.decide(BELT, late, T0, T0).outcome()).isEqualTo(LATE);
        assertThat(decide(AlertCodes.ROUNDED_BACK, T0.plusMillis(10)).outcome()).isEqualTo(EMITTED);
    }

    @Test
    void givenTheSameAlertTwice_whenDecided_thenTheSecondIsADuplicateEvenAfterTheWindow() {
        Alert alert = TestAlerts.formFault("c", BELT, AlertCodes.HIGH_IMPACT, null);
        assertThat(policy.decide(BELT, alert, T0, T0).outcome()).isEqualTo(EMITTED);
        assertThat(policy.decide(BELT, alert, T0, T0.plusSeconds(3)).outcome()).isEqualTo(DUPLICATE);
    }

    @Test
    void givenAnAlertPublishedLongerAgoThanItsCommandWouldLive_whenDecided_thenStale() {
        Alert alert = TestAlerts.formFault("c", BELT, AlertCodes.HIGH_IMPACT, null);
        assertThat(policy.decide(BELT, alert, T0, T0.plusMillis(5001)).outcome()).isEqualTo(STALE);
    }

    @Test
    void givenCommandsIssuedByAnotherInstance_whenSeeded_thenTheyThrottleAndDeduplicateHere() {
        Alert alreadyPlayed = TestAlerts.formFault("c", BELT, AlertCodes.ROUNDED_BACK, null);
        policy.remember(BELT, AlertCodes.ROUNDED_BACK, alreadyPlayed.alertId(), T0);

        assertThat(policy.decide(BELT, alreadyPlayed, T0, T0.plusMillis(100)).outcome()).isEqualTo(DUPLICATE);
        assertThat(decide(AlertCodes.ROUNDED_BACK, T0.plusMillis(100)).outcome()).isEqualTo(THROTTLED);
        assertThat(decide(AlertCodes.ROUNDED_BACK, T0.plusMillis(2100)).outcome()).isEqualTo(EMITTED);
    }

    @Test
    void givenTheStateWindow_thenItCoversBothTheThrottleAndTheStaleness() {
        assertThat(policy.stateWindow()).isEqualTo(Duration.ofSeconds(5));
    }

    private HapticPolicy.Decision decide(String code, Instant now) {
        return policy.decide(BELT, TestAlerts.formFault("c", BELT, code, null), now, now);
    }
}
