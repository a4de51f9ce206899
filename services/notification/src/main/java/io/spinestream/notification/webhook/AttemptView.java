package io.spinestream.notification.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** One attempt of a delivery, as the delivery log shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttemptView(int attempt, Instant startedAt, long durationMs, Integer statusCode, String outcome,
                          String error) {

    static AttemptView of(WebhookAttempt attempt) {
        return new AttemptView(attempt.attempt, attempt.startedAt, attempt.durationMs, attempt.statusCode,
                attempt.outcome, attempt.error);
    }
}
