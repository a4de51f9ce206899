package io.spinestream.notification.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A delivery as the delivery log shows it.
 *
 * @param status        {@code pending}, {@code succeeded} or {@code dead_lettered}
 * @param lastLatencyMs duration of the last attempt
 * @param replayOf      the delivery this one replays
 * @param body          the payload sent; only when one delivery is read
 * @param attempts      every attempt; only when one delivery is read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(String id, String endpointId, String webhookId, String eventType, String status,
                           int attemptCount, Instant createdAt, Instant nextAttemptAt, Instant lastAttemptAt,
                           Integer lastStatusCode, Long lastLatencyMs, String lastError, String deadLetterReason,
                           Instant completedAt, String replayOf, String body, List<AttemptView> attempts) {

    static DeliveryView of(WebhookDelivery delivery, Long lastLatencyMs) {
        return new DeliveryView(delivery.id, delivery.endpointId, delivery.webhookId, delivery.eventType,
                delivery.status, delivery.attempts, delivery.createdAt, delivery.nextAttemptAt,
                delivery.lastAttemptAt, delivery.lastStatusCode, lastLatencyMs, delivery.lastError,
                delivery.deadLetterReason, delivery.completedAt, delivery.replayOf, null, null);
    }

    DeliveryView withDetail(String body, List<AttemptView> attempts) {
        return new DeliveryView(id, endpointId, webhookId, eventType, status, attemptCount, createdAt, nextAttemptAt,
                lastAttemptAt, lastStatusCode, lastLatencyMs, lastError, deadLetterReason, completedAt, replayOf,
                body, attempts);
    }
}
