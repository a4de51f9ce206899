package io.spinestream.notification.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An endpoint as the API shows it.
 *
 * @param secret                  the signing secret: only in the answer to the creation, never again
 * @param previousSecretExpiresAt until when the secret before the last rotation still signs too
 * @param failingSince            start of the current run of failed attempts; absent while healthy
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointView(String id, String clinicId, String url, String description, List<String> eventTypes,
                           boolean enabled, String disabledReason, Instant disabledAt, DigestSettings digest,
                           Instant failingSince, Instant previousSecretExpiresAt, Instant createdAt,
                           Instant updatedAt, String secret) {

    static EndpointView of(WebhookEndpoint endpoint) {
        return withSecret(endpoint, null);
    }

    static EndpointView withSecret(WebhookEndpoint endpoint, String secret) {
        return new EndpointView(endpoint.id, endpoint.clinicId, endpoint.url, endpoint.description,
                endpoint.eventTypes, endpoint.enabled, endpoint.disabledReason, endpoint.disabledAt,
                new DigestSettings(endpoint.digestEnabled, Duration.ofMillis(endpoint.digestWindowMs)),
                endpoint.failingSince, endpoint.previousSecretExpires, endpoint.createdAt, endpoint.updatedAt, secret);
    }
}
