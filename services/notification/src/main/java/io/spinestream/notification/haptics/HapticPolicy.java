package io.spinestream.notification.haptics;

import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.HapticPattern;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a form alert vibrates its belt: never for a late alert, a duplicate, a stale one
 * or a code without a pattern; at most once per fault code per belt within the throttle window.
 * Holds its state in memory; {@link #remember} seeds it from the commands already issued (by any
 * instance), so a restart or a partition moving to this instance keeps the rules.
 *
 * <p>Thread-safe. Decisions are made in the order alerts are consumed.
 */
public final class HapticPolicy {

    /** What became of an alert. */
    public enum Outcome {
        EMITTED, THROTTLED, LATE, DUPLICATE, STALE, SILENT;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The decision, with the pattern to play when {@link Outcome#EMITTED}. */
    public record Decision(Outcome outcome, HapticPattern pattern) {
        static Decision of(Outcome outcome) {
            return new Decision(outcome, null);
        }
    }

    private static final int PRUNE_EVERY = 1024;

    private final Duration throttleWindow;
    private final Duration staleAfter;
    private final Duration dedupMemory;
    private final int dedupCapacity;

    private final Map<String, Instant> lastCommand = new HashMap<>();
    private final LinkedHashMap<String, Instant> seenAlerts = new LinkedHashMap<>();
    private int sincePrune;

    public HapticPolicy(Duration throttleWindow, Duration staleAfter, Duration dedupMemory, int dedupCapacity) {
        this.throttleWindow = throttleWindow;
        this.staleAfter = staleAfter;
        this.dedupMemory = dedupMemory;
        this.dedupCapacity = dedupCapacity;
    }

    /** How far back the issued commands must be read to seed this policy. */
    public Duration stateWindow() {
        return throttleWindow.compareTo(staleAfter) >= 0 ? throttleWindow : staleAfter;
    }

    /**
     * The decision for a form alert of {@code beltId}, consumed {@code now}.
     *
     * @param publishedAt when the alert was published (the record's timestamp); null if unknown
     */
    public synchronized Decision decide(String beltId, Alert alert, Instant publishedAt, Instant now) {
        pruneFromTimeToTime(now);
        if (alert.late()) {
            return Decision.of(Outcome.LATE);
        }
        if (seenAlerts.containsKey(alert.alertId())) {
            return Decision.of(Outcome.DUPLICATE);
        }
        rememberAlert(alert.alertId(), now);
        if (publishedAt != null && Duration.between(publishedAt, now).compareTo(staleAfter) > 0) {
            return Decision.of(Outcome.STALE);
        }
        Optional<HapticPattern> pattern = HapticPattern.forCode(alert.code());
        if (pattern.isEmpty()) {
            return Decision.of(Outcome.SILENT);
        }
        String key = key(beltId, alert.code());
        Instant last = lastCommand.get(key);
        if (last != null && now.isBefore(last.plus(throttleWindow))) {
            return Decision.of(Outcome.THROTTLED);
        }
        lastCommand.put(key, now);
        return new Decision(Outcome.EMITTED, pattern.get());
    }

    /** Seeds the state with a command issued at {@code issuedAt} (by this or another instance). */
    public synchronized void remember(String beltId, String code, String alertId, Instant issuedAt) {
        if (beltId == null || code == null || issuedAt == null) {
            return;
        }
        lastCommand.merge(key(beltId, code), issuedAt, (a, b) -> a.isAfter(b) ? a : b);
        if (alertId != null) {
            rememberAlert(alertId, issuedAt);
        }
    }

    private void rememberAlert(String alertId, Instant at) {
        seenAlerts.put(alertId, at);
        if (seenAlerts.size() > dedupCapacity) {
            Iterator<String> eldest = seenAlerts.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    private void pruneFromTimeToTime(Instant now) {
        if (++sincePrune < PRUNE_EVERY) {
            return;
        }
        sincePrune = 0;
        Instant throttleHorizon = now.minus(throttleWindow);
        lastCommand.values().removeIf(at -> at.isBefore(throttleHorizon));
        Instant dedupHorizon = now.minus(dedupMemory);
        seenAlerts.values().removeIf(at -> at.isBefore(dedupHorizon));
    }

    private static String key(String beltId, String code) {
        return beltId + '\u0000' + code;
    }
}
