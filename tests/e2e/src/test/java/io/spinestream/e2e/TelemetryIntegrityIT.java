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
import io.spinestream.e2e.client.Http;
import io.spinestream.e2e.client.Wearer;
import io.spinestream.e2e.client.WebhookSubscription;
import io.spinestream.e2e.platform.PlatformExtension;
import io.spinestream.e2e.platform.PlatformUnderTest;
import io.spinestream.e2e.telemetry.BeltTelemetry;
import io.spinestream.e2e.telemetry.Rep;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

/**
 * telemetry.md: each {@code (beltId, seq)} is kept and analysed once, however often it arrives; a belt
 * speaks only for itself, and what a belt may not send leaves no trace.
 */
@Order(4)
@ExtendWith(PlatformExtension.class)
class TelemetryIntegrityIT {

    @Test
    void givenAnAcceptedBatchWithARoundedRep_whenTheBeltSendsItAgain_thenItIsAcknowledgedAgain_andStillOneAlertOneCommandOneRep(
            PlatformUnderTest platform) throws Exception {
        // Given
        Clinic clinic = Clinic.create(platform, "resend");
        WebhookSubscription hooks = clinic.subscribe(WebhookTypes.FORM_FAULT);
        Wearer wearer = clinic.enrolWearer("Sam Resend");
        try (Belt belt = clinic.beltWornBy(wearer)) {
            belt.openCommandStream();
            BeltTelemetry telemetry = new BeltTelemetry(belt.id(), Instant.now(), 500);
            TelemetryBatch rounded = telemetry.set("deadlift", List.of(Rep.rounded(25))).get(0);

            // When the belt sends the same batch twice (a retry after a lost answer)
            Belt.Ack first = belt.upload(rounded);
            Belt.Ack again = belt.upload(rounded);
            // and goes on: a twisted rep (the marker that everything before it went through), then it stands
            belt.upload(telemetry.set("deadlift", List.of(Rep.twisted(22))));
            belt.upload(telemetry.still("standing", Duration.ofSeconds(1)));

            // Then the retry got the same acknowledgement
            assertThat(again.seq()).isEqualTo(first.seq());
            assertThat(again.receivedAt()).isEqualTo(first.receivedAt());
            // and everything downstream happened once
            await("the twist's command for " + belt).until(() -> !belt.commands("TWIST_UNDER_LOAD").isEmpty());
            await("the twist's webhook for " + belt).until(() -> faults(hooks, belt, "TWIST_UNDER_LOAD") == 1);
            JsonNode logged = await("the deadlift session in the exercise log")
                    .until(() -> clinic.beltSessions(wearer, "deadlift"), found -> !found.isEmpty()).get(0);
            await("the delivery queue of " + hooks + " to drain").until(hooks::settled);
            assertThat(faults(hooks, belt, "ROUNDED_BACK")).isEqualTo(1);
            assertThat(belt.commands("ROUNDED_BACK")).hasSize(1);
            assertThat(logged.path("reps").asInt()).isEqualTo(2);
            assertThat(Json.ints(logged.path("faults"))).isEqualTo(Map.of("ROUNDED_BACK", 1, "TWIST_UNDER_LOAD", 1));
        }
    }

    @Test
    void givenBeltsOfAnotherClinicAndOfTheSameClinic_whenTheyUploadInTheNameOfThisBelt_thenTheyAreRefused_andNothingOfTheirBatchIsKept(
            PlatformUnderTest platform) throws Exception {
        // Given this clinic's belt worn by a wearer, another belt of the clinic, and a belt of another clinic
        Clinic clinic = Clinic.create(platform, "owner");
        Clinic other = Clinic.create(platform, "intruder");
        WebhookSubscription hooks = clinic.subscribe(WebhookTypes.FORM_FAULT);
        WebhookSubscription otherHooks = other.subscribe(WebhookTypes.FORM_FAULT);
        Wearer wearer = clinic.enrolWearer("Kim Owner");
        try (Belt belt = clinic.beltWornBy(wearer); Belt sibling = clinic.provisionBelt(); Belt foreign = other.provisionBelt()) {
            belt.openCommandStream();
            Instant start = Instant.now();
            long seq = 7;
            TelemetryBatch forged = new BeltTelemetry(belt.id(), start, seq).set("deadlift", List.of(Rep.rounded(25))).get(0);

            // When other credentials upload a batch in this belt's name (a rounded rep, seq 7)
            Http.Reply fromOtherClinic = belt.uploadWith(foreign.credential(), forged);
            Http.Reply fromSibling = belt.uploadWith(sibling.credential(), forged);
            Http.Reply fromPerson = belt.uploadWith(clinic.token("clinician"), forged);

            // Then each is refused
            assertThat(fromOtherClinic.status()).isEqualTo(403);
            assertThat(fromSibling.status()).isEqualTo(403);
            assertThat(fromPerson.status()).isEqualTo(403);
            assertThat(fromOtherClinic.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));

            // and nothing of it was kept: the belt's own seq 7 (a twisted rep) is new to the platform
            BeltTelemetry own = new BeltTelemetry(belt.id(), start, seq);
            Belt.Ack accepted = belt.upload(own.set("deadlift", List.of(Rep.twisted(22))).get(0));
            belt.upload(own.still("standing", Duration.ofSeconds(1)));
            assertThat(accepted.seq()).isEqualTo(seq);
            await("the twist's command for " + belt).until(() -> !belt.commands("TWIST_UNDER_LOAD").isEmpty());
            JsonNode logged = await("the deadlift session in the exercise log")
                    .until(() -> clinic.beltSessions(wearer, "deadlift"), found -> !found.isEmpty()).get(0);
            await("the delivery queue of " + hooks + " to drain").until(hooks::settled);
            assertThat(faults(hooks, belt, "TWIST_UNDER_LOAD")).isEqualTo(1);
            assertThat(faults(hooks, belt, "ROUNDED_BACK")).isZero();
            assertThat(belt.commands("ROUNDED_BACK")).isEmpty();
            assertThat(logged.path("reps").asInt()).isEqualTo(1);
            assertThat(Json.ints(logged.path("faults"))).isEqualTo(Map.of("TWIST_UNDER_LOAD", 1));
            // and the other clinic heard nothing of any of it
            assertThat(otherHooks.settled()).isTrue();
            assertThat(otherHooks.received()).isEmpty();
        }
    }

    private static long faults(WebhookSubscription hooks, Belt belt, String code) {
        return hooks.received(WebhookTypes.FORM_FAULT, belt).stream()
                .filter(w -> code.equals(w.data().path("code").asText()))
                .peek(w -> assertThat(w.verified()).as("signature of %s", w).isTrue())
                .count();
    }
}
