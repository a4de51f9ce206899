package io.spinestream.notification.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: the configured pauses, each varied by the jitter, and
 * never earlier than a {@code Retry-After} the receiver asked for (capped).
 */
public final class RetrySchedule {

    private final List<Duration> pauses;
    private final double jitter;
    private final Duration maxRetryAfter;
    private final RandomGenerator random;

    public RetrySchedule(List<Duration> pauses, double jitter, Duration maxRetryAfter, RandomGenerator random) {
        if (pauses.isEmpty() || pauses.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("the retry schedule needs at least one pause, none negative");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
        this.pauses = List.copyOf(pauses);
        this.jitter = jitter;
        this.maxRetryAfter = maxRetryAfter;
        this.random = random;
    }

    /** Attempts in all: the first, then one after each pause. */
    public int maxAttempts() {
        return pauses.size() + 1;
    }

    /** Whether a delivery that has failed {@code attemptsMade} times gets no further attempt. */
    public boolean exhausted(int attemptsMade) {
        return attemptsMade >= maxAttempts();
    }

    /**
     * The pause before the next attempt of a delivery that has failed {@code attemptsMade} times.
     *
     * @param retryAfter what the receiver asked for (429, 503); null when it did not
     */
    public Duration pauseAfter(int attemptsMade, Duration retryAfter) {
        Duration base = pauses.get(Math.min(attemptsMade, pauses.size()) - 1);
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        Duration pause = Duration.ofNanos((long) (base.toNanos() * factor));
        if (retryAfter != null) {
            Duration asked = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
            if (asked.compareTo(pause) > 0) {
                pause = asked;
            }
        }
        return pause;
    }

    /** A {@code Retry-After} header: delay-seconds or an HTTP-date; empty when absent or unreadable. */
    public static Optional<Duration> parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(now, at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
