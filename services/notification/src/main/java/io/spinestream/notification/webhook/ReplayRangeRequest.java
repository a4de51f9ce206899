package io.spinestream.notification.webhook;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Instant;

/**
 * Replay every delivery of an endpoint created in [since, until).
 *
 * @param status only deliveries in this final state ({@code succeeded} or {@code dead_lettered});
 *               absent = both. Pending deliveries are never replayed: they are still under way.
 */
public record ReplayRangeRequest(
        @NotNull Instant since,
        @NotNull Instant until,
        @Pattern(regexp = "succeeded|dead_lettered", message = "must be succeeded or dead_lettered") String status) {
}
