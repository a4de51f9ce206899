package io.spinestream.e2e;

import static io.spinestream.e2e.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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

/**
 * architecture.md, "Delivery guarantees": a crash of form-analysis in the middle of a session loses no
 * fault and shows no one a duplicate; the session carries on where it was. Runs last: it kills a service.
 */
@Order(5)
@ExtendWith(PlatformExtension.class)
class AnalyzerCrashIT {

    @Test
    void givenASessionUnderWay_whenFormAnalysisIsKilledAndRestarted_thenNoFaultIsLostOrDeliveredTwice_andTheSessionIsOneSummary(
            PlatformUnderTest platform) throws Exception {
        // Given a wearer in the middle of a deadlift set: a clean rep, then a rounded one that vibrated
        Clinic clinic = Clinic.create(platform, "crash");
        WebhookSubscription hooks = clinic.subscribe(WebhookTypes.FORM_FAULT);
        Wearer wearer = clinic.enrolWearer("Alex Aftershock");
        try (Belt belt = clinic.beltWornBy(wearer)) {
            belt.openCommandStream();
            BeltTelemetry telemetry = new BeltTelemetry(belt.id(), Instant.now(), 1);
            long firstSeq = telemetry.nextSeq();
            Instant setStartedAt = telemetry.clock();
            belt.upload(telemetry.set("deadlift", List.of(Rep.clean(), Rep.rounded(25))));
            await("the first fault's command for " + belt).until(() -> !belt.commands("ROUNDED_BACK").isEmpty());

            // When form-analysis is killed at once (its last second of work possibly uncommitted),
            platform.kill(PlatformUnderTest.FORM_ANALYSIS);
            // the belt goes on while it is down (ingest keeps accepting: Kafka holds the batches),
            belt.upload(telemetry.set("deadlift", List.of(Rep.rounded(25))));
            // and it comes back
            platform.restart(PlatformUnderTest.FORM_ANALYSIS);

            // Then the fault raised while it was down is not lost
            await("the fault of the rep uploaded while form-analysis was down", Eventually.AFTER_RESTART)
                    .until(() -> faults(hooks, belt).size() == 2);
            // and the set goes on, analysed live again: a clean rep and a twisted one, which vibrates (another
            // code than the rounded back, whose vibrations are at most one per 2 s)
            belt.upload(telemetry.set("deadlift", List.of(Rep.clean(), Rep.twisted(22))));
            await("the twist's webhook for " + belt).until(() -> faults(hooks, belt).size() == 3);
            await("the twist's command for " + belt).until(() -> !belt.commands("TWIST_UNDER_LOAD").isEmpty());
            Instant setEndedAt = telemetry.lastSample();
            // and the wearer moves on to a squat and then stands (the squat session is the marker that
            // every summary of the deadlift session has reached the journal)
            belt.upload(telemetry.set("squat", List.of(Rep.clean())));
            belt.upload(telemetry.still("standing", Duration.ofSeconds(1)));
            await("the squat session in the exercise log", Eventually.SOON)
                    .until(() -> !clinic.beltSessions(wearer, "squat").isEmpty());
            await("the delivery queue of " + hooks + " to drain").until(hooks::settled);
            // what the restart replayed and what was dropped as already handled (diagnostics, not asserted:
            // whether anything is replayed depends on when the kill fell within the analyzer's commit interval)
            System.out.println("[e2e] after the crash:\n" + platform.metrics(PlatformUnderTest.FORM_ANALYSIS, "form_analysis_batches")
                    + "\n" + platform.metrics(PlatformUnderTest.NOTIFICATION, "notification_haptic_commands"));

            // every fault reached the integrator exactly once
            List<ReceivedWebhook> faults = faults(hooks, belt);
            assertThat(faults).hasSize(3).allSatisfy(w -> assertThat(w.verified()).as("signature of %s", w).isTrue());
            assertThat(faults.stream().map(ReceivedWebhook::webhookId).distinct()).hasSize(3);
            assertThat(faults.stream().map(w -> w.data().path("alertId").asText()).distinct()).hasSize(3);
            assertThat(hooks.received()).hasSize(3);
            assertThat(faults.stream().map(w -> w.data().path("code").asText()).toList())
                    .containsExactlyInAnyOrder("ROUNDED_BACK", "ROUNDED_BACK", "TWIST_UNDER_LOAD");
            // no command reached the belt twice, and the live faults before and after the crash vibrated
            List<Command> commands = belt.commands().stream().filter(c -> c.alertId() != null).toList();
            assertThat(commands.stream().map(Command::commandId).distinct()).hasSameSizeAs(commands);
            assertThat(commands.stream().map(Command::alertId).distinct()).hasSameSizeAs(commands);
            List<String> alertsInOrder = alertIdsInOrder(faults);
            Set<String> vibrated = commands.stream().map(Command::alertId).collect(Collectors.toSet());
            assertThat(vibrated).contains(alertsInOrder.get(0), alertsInOrder.get(2));
            // and the session is one session in the journal, with every rep and fault before, during and after
            List<JsonNode> sessions = clinic.beltSessions(wearer, "deadlift");
            assertThat(sessions).hasSize(1);
            JsonNode logged = sessions.get(0);
            assertThat(logged.path("sessionId").asText())
                    .isEqualTo(EventIds.deterministic("session", belt.id(), Long.toString(firstSeq)));
            assertThat(Instant.parse(logged.path("startedAt").asText())).isEqualTo(setStartedAt);
            assertThat(Instant.parse(logged.path("endedAt").asText())).isEqualTo(setEndedAt);
            assertThat(logged.path("reps").asInt()).isEqualTo(5);
            assertThat(Json.ints(logged.path("faults"))).isEqualTo(Map.of("ROUNDED_BACK", 2, "TWIST_UNDER_LOAD", 1));
            assertThat(logged.path("formScore").asInt()).isEqualTo(RoundedBackFeedbackIT.percentRoundedHalfUp(2, 5));
            assertThat(faults).allSatisfy(w -> assertThat(w.data().path("sessionId").asText())
                    .isEqualTo(logged.path("sessionId").asText()));
        }
    }

    /** The alert ids of the faults in the order they were raised (by the belt's sample time). */
    private static List<String> alertIdsInOrder(List<ReceivedWebhook> faults) {
        return faults.stream()
                .sorted(Comparator.comparing(w -> Instant.parse(w.data().path("at").asText())))
                .map(w -> w.data().path("alertId").asText())
                .toList();
    }

    private static List<ReceivedWebhook> faults(WebhookSubscription hooks, Belt belt) {
        return hooks.received(WebhookTypes.FORM_FAULT, belt);
    }
}
