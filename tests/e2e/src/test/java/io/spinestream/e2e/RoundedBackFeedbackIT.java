package io.spinestream.e2e;

import static io.spinestream.e2e.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.spinestream.e2e.client.Belt;
import io.spinestream.e2e.client.Clinic;
import io.spinestream.e2e.client.Command;
import io.spinestream.e2e.client.Wearer;
import io.spinestream.e2e.client.WebhookSubscription;
import io.spinestream.e2e.platform.PlatformExtension;
import io.spinestream.e2e.platform.PlatformUnderTest;
import io.spinestream.e2e.telemetry.BeltTelemetry;
import io.spinestream.e2e.telemetry.Rep;
import io.spinestream.e2e.webhook.ReceivedWebhook;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

/** The product promise, across all four services: poor form vibrates the belt, tells the clinic, and is logged. */
@Order(1)
@ExtendWith(PlatformExtension.class)
class RoundedBackFeedbackIT {

    @Test
    void givenABeltAssignedToAWearer_whenADeadliftSetHasARoundedRep_thenTheBeltVibrates_aSignedWebhookArrives_andTheJournalLogsTheSetWithItsFormScore(
            PlatformUnderTest platform) throws Exception {
        // Given: a wearer enrolled in the journal, a belt provisioned in the registry and assigned to them,
        // an integrator's endpoint for form faults, and the belt holding its command stream
        Clinic clinic = Clinic.create(platform, "haptic");
        WebhookSubscription hooks = clinic.subscribe(WebhookTypes.FORM_FAULT);
        Wearer wearer = clinic.enrolWearer("Dana Deadlift");
        try (Belt belt = clinic.beltWornBy(wearer)) {
            belt.openCommandStream();
            BeltTelemetry telemetry = new BeltTelemetry(belt.id(), Instant.now(), 1842);
            long firstSeq = telemetry.nextSeq();
            Instant setStartedAt = telemetry.clock();
            List<Rep> reps = List.of(Rep.clean(), Rep.rounded(25), Rep.clean());
            List<TelemetryBatch> set = telemetry.set("deadlift", reps);

            // When: the set is uploaded, one rep per batch; the second rep rounds the back to 25°
            belt.upload(set.get(0));
            belt.upload(set.get(1));
            await("a ROUNDED_BACK command for " + belt).until(() -> !belt.commands("ROUNDED_BACK").isEmpty());
            belt.upload(set.get(2));
            Instant setEndedAt = telemetry.lastSample();
            // and the wearer moves on to standing: a change of activity ends the session
            belt.upload(telemetry.still("standing", Duration.ofSeconds(1)));

            // Then the belt vibrates: two short pulses, on its open stream
            Command command = belt.commands("ROUNDED_BACK").get(0);
            assertThat(command.via()).isEqualTo("stream");
            assertThat(command.pattern()).isEqualTo("two_short");
            assertThat(command.intensityPercent()).isEqualTo(100);
            assertThat(belt.commands("ROUNDED_BACK")).hasSize(1);

            // and the integrator gets the fault as a signed webhook about this belt and wearer
            ReceivedWebhook webhook = await("the ROUNDED_BACK webhook of " + belt)
                    .until(() -> hooks.received(WebhookTypes.FORM_FAULT, belt), found -> !found.isEmpty()).get(0);
            assertThat(webhook.verified()).as("signature of %s verifies with the endpoint's secret", webhook).isTrue();
            assertThat(webhook.webhookId()).startsWith("msg_");
            assertThat(webhook.contentType()).startsWith("application/json");
            JsonNode alert = webhook.data();
            String sessionId = EventIds.deterministic("session", belt.id(), Long.toString(firstSeq));
            assertThat(alert.path("code").asText()).isEqualTo("ROUNDED_BACK");
            assertThat(alert.path("severity").asText()).isEqualTo("critical");
            assertThat(alert.path("clinicId").asText()).isEqualTo(clinic.id());
            assertThat(alert.path("wearerId").asText()).isEqualTo(wearer.id());
            assertThat(alert.path("activity").asText()).isEqualTo("deadlift");
            assertThat(alert.path("late").asBoolean(true)).isFalse();
            assertThat(alert.path("limit").asDouble()).isEqualTo(20.0);
            assertThat(alert.path("value").asDouble()).isGreaterThan(20.0).isLessThanOrEqualTo(25.0);
            assertThat(alert.path("sessionId").asText()).isEqualTo(sessionId);
            assertThat(alert.path("alertId").asText()).isEqualTo(command.alertId());

            // and the journal logs the set, once the session closed, with its form score: 2 of 3 reps clean
            JsonNode logged = await("the deadlift session in " + wearer + "'s exercise log")
                    .until(() -> clinic.beltSessions(wearer, "deadlift"), found -> !found.isEmpty()).get(0);
            assertThat(logged.path("sessionId").asText()).isEqualTo(sessionId);
            assertThat(logged.path("beltId").asText()).isEqualTo(belt.id());
            assertThat(logged.path("source").asText()).isEqualTo("belt");
            assertThat(Instant.parse(logged.path("startedAt").asText())).isEqualTo(setStartedAt);
            assertThat(Instant.parse(logged.path("endedAt").asText())).isEqualTo(setEndedAt);
            assertThat(logged.path("reps").asInt()).isEqualTo(reps.size());
            assertThat(logged.path("formScore").asInt()).isEqualTo(percentRoundedHalfUp(2, 3));
            assertThat(Map.copyOf(Json.ints(logged.path("faults")))).isEqualTo(Map.of("ROUNDED_BACK", 1));
            assertThat(Json.repFaults(logged)).containsExactly(List.of(), List.of("ROUNDED_BACK"), List.of());
        }
    }

    static int percentRoundedHalfUp(int part, int whole) {
        return (int) Math.floor(100.0 * part / whole + 0.5);
    }
}
