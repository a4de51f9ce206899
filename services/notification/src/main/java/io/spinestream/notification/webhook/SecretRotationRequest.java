package io.spinestream.notification.webhook;

import java.time.Duration;

/**
 * @param overlap how long the old secret keeps signing next to the new one (ISO-8601, e.g.
 *                {@code PT24H}); absent = the service default, {@code PT0S} = retire it now
 */
public record SecretRotationRequest(Duration overlap) {
}
