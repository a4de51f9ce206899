package io.spinestream.e2e;

import static io.spinestream.e2e.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.spinestream.e2e.client.Clinic;
import io.spinestream.e2e.client.Wearer;
import io.spinestream.e2e.client.WebhookSubscription;
import io.spinestream.e2e.platform.PlatformExtension;
import io.spinestream.e2e.platform.PlatformUnderTest;
import io.spinestream.e2e.webhook.ReceivedWebhook;

/** journal.md: a red flag in the pain journal is an alert at once; integrators get it by webhook. */
@Order(2)
@ExtendWith(PlatformExtension.class)
class RedFlagWebhookIT {

    @Test
    void givenAnIntegratorSubscribedToRedFlags_whenAWearerRecordsPainWithSaddleNumbness_thenACriticalRedFlagWebhookArrives_andOrdinaryPainSendsNone(
            PlatformUnderTest platform) {
        // Given
        Clinic clinic = Clinic.create(platform, "redflag");
        WebhookSubscription hooks = clinic.subscribe(WebhookTypes.RED_FLAG);
        Wearer wearer = clinic.enrolWearer("Robin Redflag");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        // When: ordinary next-day soreness, then pain with saddle numbness
        JsonNode ordinary = clinic.recordPain(wearer, pain(now.minusSeconds(60), 3, List.of()));
        JsonNode alarming = clinic.recordPain(wearer, pain(now, 4, List.of("saddle_numbness")));

        // Then the journal names the red flag at once, in its answer
        assertThat(ordinary.path("redFlags")).isEmpty();
        assertThat(alarming.path("redFlags")).hasSize(1);
        assertThat(alarming.path("redFlags").get(0).path("code").asText()).isEqualTo("saddle_numbness");
        assertThat(alarming.path("redFlags").get(0).path("severity").asText()).isEqualTo("critical");

        // and the integrator receives it as a critical red flag, signed
        ReceivedWebhook webhook = await("the red-flag webhook of " + wearer)
                .until(() -> hooks.received(WebhookTypes.RED_FLAG), found -> !found.isEmpty()).get(0);
        assertThat(webhook.verified()).as("signature of %s verifies with the endpoint's secret", webhook).isTrue();
        JsonNode alert = webhook.data();
        assertThat(alert.path("severity").asText()).isEqualTo("critical");
        assertThat(alert.path("code").asText()).isEqualTo("saddle_numbness");
        assertThat(alert.path("clinicId").asText()).isEqualTo(clinic.id());
        assertThat(alert.path("wearerId").asText()).isEqualTo(wearer.id());
        assertThat(alert.path("details").path("entryId").asText()).isEqualTo(alarming.path("id").asText());
        assertThat(alert.path("reason").asText()).isNotBlank();

        // and that is all it receives: the ordinary entry raised nothing
        await("the delivery queue of " + hooks + " to drain").until(hooks::settled);
        assertThat(hooks.received()).hasSize(1);
    }

    private static Map<String, Object> pain(Instant at, int intensity, List<String> symptoms) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", at.toString());
        entry.put("locations", List.of("lower_back_central"));
        entry.put("qualities", List.of("aching"));
        entry.put("intensity", intensity);
        entry.put("onset", "next_day");
        entry.put("movementResponse", "improves");
        entry.put("symptoms", symptoms);
        return entry;
    }
}
