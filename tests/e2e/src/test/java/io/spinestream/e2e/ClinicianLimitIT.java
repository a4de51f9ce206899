package io.spinestream.e2e;

import static io.spinestream.e2e.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.spinestream.e2e.client.Belt;
import io.spinestream.e2e.client.Clinic;
import io.spinestream.e2e.client.Wearer;
import io.spinestream.e2e.client.WebhookSubscription;
import io.spinestream.e2e.platform.PlatformExtension;
import io.spinestream.e2e.platform.PlatformUnderTest;
import io.spinestream.e2e.telemetry.BeltTelemetry;
import io.spinestream.e2e.telemetry.Rep;
import io.spinestream.e2e.webhook.ReceivedWebhook;

/**
 * form-analysis.md, "Limits per wearer": a limit the clinician sets is the wearer's limit, and the
 * analyzer judges the wearer's next batches by it.
 */
@Order(3)
@ExtendWith(PlatformExtension.class)
class ClinicianLimitIT {

    private static final double MODERATE_FLEXION = 16.0;

    /** The faults of the belt's 16° reps (any other rep of this scenario rounds to 25°). */
    private static List<ReceivedWebhook> moderateFaults(WebhookSubscription hooks, Belt belt) {
        return hooks.received(WebhookTypes.FORM_FAULT, belt).stream()
                .filter(w -> w.data().path("value").asDouble() <= MODERATE_FLEXION)
                .toList();
    }

    @Test
    void givenARepRoundedTo16DegreesIsFineUnderTheDefault_whenTheClinicianSetsAFlexionLimitOf12_thenTheSameRepRaisesARoundedBackFault(
            PlatformUnderTest platform) {
        // Given a wearer with the default limits (flexion 20°), wearing a belt
        Clinic clinic = Clinic.create(platform, "limits");
        WebhookSubscription hooks = clinic.subscribe(WebhookTypes.FORM_FAULT);
        Wearer wearer = clinic.enrolWearer("Lee Limit");
        try (Belt belt = clinic.beltWornBy(wearer)) {
            BeltTelemetry telemetry = new BeltTelemetry(belt.id(), Instant.now(), 1);

            // a rep rounded to 16° passes; the 25° rep after it is the marker that the 16° one was judged
            belt.upload(telemetry.set("deadlift", List.of(Rep.rounded(MODERATE_FLEXION), Rep.rounded(25))));
            await("the 25° rep's fault for " + belt)
                    .until(() -> hooks.received(WebhookTypes.FORM_FAULT, belt), found -> !found.isEmpty());
            await("the delivery queue of " + hooks + " to drain").until(hooks::settled);
            List<ReceivedWebhook> underDefault = hooks.received(WebhookTypes.FORM_FAULT, belt);
            assertThat(underDefault).hasSize(1);
            assertThat(underDefault.get(0).data().path("value").asDouble()).isGreaterThan(20.0);
            assertThat(underDefault.get(0).data().path("limit").asDouble()).isEqualTo(20.0);

            // When the clinician sets the wearer's flexion limit to 12°
            long versionBefore = clinic.wearer(wearer).path("profileVersion").asLong();
            JsonNode changed = clinic.setProfile(wearer, List.of(), Map.of("flexionDeg", 12),
                    "rounding at moderate depth in the last sessions");
            assertThat(changed.path("limits").path("flexionDeg").asDouble()).isEqualTo(12.0);
            assertThat(changed.path("profileVersion").asLong()).isGreaterThan(versionBefore);

            // Then the wearer's next 16° rep is a fault, judged against the clinician's 12°. The profile
            // reaches the analyzer through Kafka: a rep uploaded before it arrived is still judged by the
            // old limit, so the belt lifts again (bounded) until the new judgement shows.
            long deadline = System.nanoTime() + Eventually.SOON.toNanos();
            int reps = 0;
            while (moderateFaults(hooks, belt).isEmpty()) {
                assertThat(System.nanoTime()).as("a 16° rep of %s judged by the new limit (%d reps uploaded)", belt, reps)
                        .isLessThan(deadline);
                belt.upload(telemetry.set("deadlift", List.of(Rep.rounded(MODERATE_FLEXION))));
                reps++;
                try {
                    await("a fault of a 16° rep of " + belt).atMost(Duration.ofSeconds(5))
                            .until(() -> !moderateFaults(hooks, belt).isEmpty());
                } catch (ConditionTimeoutException notYet) {
                    // judged before the analyzer read the new profile: lift again
                }
            }
            for (ReceivedWebhook fault : moderateFaults(hooks, belt)) {
                JsonNode alert = fault.data();
                assertThat(fault.verified()).isTrue();
                assertThat(alert.path("code").asText()).isEqualTo("ROUNDED_BACK");
                assertThat(alert.path("limit").asDouble()).isEqualTo(12.0);
                assertThat(alert.path("value").asDouble()).isGreaterThan(12.0);
                assertThat(alert.path("wearerId").asText()).isEqualTo(wearer.id());
            }
        }
    }
}
