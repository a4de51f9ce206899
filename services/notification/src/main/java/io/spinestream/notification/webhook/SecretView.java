package io.spinestream.notification.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A new signing secret, shown this once.
 *
 * @param previousSecretExpiresAt until when deliveries carry a signature with the old secret too
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretView(String endpointId, String secret, Instant previousSecretExpiresAt) {
}
