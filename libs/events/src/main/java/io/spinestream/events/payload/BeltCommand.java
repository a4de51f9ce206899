package io.spinestream.events.payload;

import java.time.Instant;

/**
 * Vibrate a belt. Ingest delivers it to the belt; a command past {@link #expiresAt()} is
 * dropped, because late feedback is worse than none.
 *
 * @param commandId stable id (deterministic from the alert, so a redelivered alert does not
 *                  buzz twice)
 * @param beltId    the belt to vibrate
 * @param clinicId  tenant
 * @param pattern   what to play
 * @param alertId   the alert that caused it; {@code null} for commands not caused by an alert
 * @param code      the alert code, for the belt's log; {@code null} with no alert
 * @param issuedAt  when notification issued it; {@code null} if unknown
 * @param expiresAt drop it after this instant; {@code null} = never expires
 */
public record BeltCommand(
        String commandId,
        String beltId,
        String clinicId,
        HapticPattern pattern,
        String alertId,
        String code,
        Instant issuedAt,
        Instant expiresAt) {

    public BeltCommand {
        Payloads.requiredText(commandId, "commandId");
        Payloads.requiredText(beltId, "beltId");
        Payloads.required(pattern, "pattern");
    }

    /** Whether the command is still worth playing at {@code now}. */
    public boolean isLiveAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }
}
