package io.spinestream.notification.webhook;

/** How many deliveries a range replay queued again (one per message; a message replayed before counts once). */
public record ReplayResult(int replayed) {
}
