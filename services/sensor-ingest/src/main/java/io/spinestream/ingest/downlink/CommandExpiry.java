package io.spinestream.ingest.downlink;

import io.spinestream.events.payload.BeltCommand;

import java.time.Duration;
import java.time.Instant;

/** When a command stops being worth playing. */
final class CommandExpiry {

    private CommandExpiry() {
    }

    /** Its own {@code expiresAt}; else the default expiry after it was issued (or, if unknown, received). */
    static Instant of(BeltCommand command, Instant receivedAt, Duration defaultExpiry) {
        if (command.expiresAt() != null) {
            return command.expiresAt();
        }
        return (command.issuedAt() != null ? command.issuedAt() : receivedAt).plus(defaultExpiry);
    }
}
