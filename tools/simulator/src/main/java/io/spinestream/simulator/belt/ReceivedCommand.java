package io.spinestream.simulator.belt;

/**
 * A haptic command as the belt got it (docs/ingest.md, "Downlink").
 *
 * @param commandId     the command's id
 * @param code          the alert code that caused it ({@code ROUNDED_BACK}, ...), null if none
 * @param alertId       the alert that caused it, null if none
 * @param pattern       what to play ({@code two_short}, ...)
 * @param receivedNanos {@link System#nanoTime()} when it arrived
 * @param onStream      true: on the command stream; false: in an upload's answer
 */
public record ReceivedCommand(String commandId, String code, String alertId, String pattern, long receivedNanos,
                              boolean onStream) {
}
