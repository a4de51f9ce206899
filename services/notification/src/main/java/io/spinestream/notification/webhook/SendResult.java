package io.spinestream.notification.webhook;

import java.time.Duration;
import java.util.Locale;

/**
 * How one HTTP attempt went.
 *
 * @param statusCode the receiver's status; null when there was no response
 * @param retryAfter the receiver's {@code Retry-After}; null when absent or unreadable
 * @param error      a short, payload-free description of a failure; null on success
 */
public record SendResult(Outcome outcome, Integer statusCode, Duration retryAfter, long durationMs, String error) {

    public enum Outcome {
        /** A 2xx answer. */
        SUCCESS,
        /** An answer other than 2xx. */
        HTTP_ERROR,
        /** No complete answer within the timeouts. */
        TIMEOUT,
        /** Connection refused, reset, TLS failure, name not resolved. */
        NETWORK_ERROR,
        /** The URL resolved to an address deliveries may not go to. */
        BLOCKED_TARGET,
        /** Not sent: the endpoint's signing secret cannot be decrypted with the configured keys. */
        SECRET_UNREADABLE;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCESS;
    }
}
