package io.spinestream.ingest.downlink;

import io.spinestream.events.payload.BeltCommand;
import io.spinestream.events.payload.HapticPattern;

import java.time.Instant;
import java.util.List;

/**
 * A command as a belt receives it: what to play (pattern, its pulses and intensity, so every belt
 * plays the same), and until when it is worth playing.
 *
 * @param code    the alert code, for the belt's log; null when no alert caused it
 * @param alertId the alert that caused it; null when none
 */
public record CommandView(String commandId, HapticPattern pattern, int intensityPercent,
                          List<HapticPattern.Pulse> pulses, String code, String alertId, Instant issuedAt,
                          Instant expiresAt) {

    static CommandView of(BeltCommand command, Instant expiresAt) {
        return new CommandView(command.commandId(), command.pattern(), command.pattern().intensityPercent(),
                command.pattern().pulses(), command.code(), command.alertId(), command.issuedAt(), expiresAt);
    }
}
