package io.spinestream.notification.webhook;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.time.Duration;

/**
 * Whether an endpoint receives form faults as digests, one per session and window.
 *
 * @param enabled whether to batch; {@code critical} alerts always go at once regardless
 * @param window  how long a digest collects after its first alert (ISO-8601, e.g. {@code PT5M});
 *                absent = the service default
 */
public record DigestSettings(boolean enabled, @JsonFormat(shape = JsonFormat.Shape.STRING) Duration window) {
}
