package io.spinestream.notification.webhook;

import io.spinestream.events.payload.Alert;

import java.time.Instant;
import java.util.List;

/**
 * The {@code data} of a {@value WebhookEventTypes#FORM_FAULT_DIGEST} delivery: the form faults
 * of one session an endpoint collected during its digest window, oldest first.
 *
 * @param count   how many alerts are in {@code alerts}
 * @param firstAt when the first of them was raised
 * @param lastAt  when the last of them was raised
 */
public record FormFaultDigest(String clinicId, String sessionId, String beltId, String wearerId, int count,
                              Instant firstAt, Instant lastAt, List<Alert> alerts) {
}
