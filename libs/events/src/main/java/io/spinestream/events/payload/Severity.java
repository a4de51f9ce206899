package io.spinestream.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How urgent an alert is. Serialised lowercase, as the specs write it. */
public enum Severity {
    @JsonProperty("info") INFO,
    @JsonProperty("warning") WARNING,
    /** Act now: a medical red flag, or a fault that must stop the movement. */
    @JsonProperty("critical") CRITICAL;

    /** The wire value ({@code "info"}, {@code "warning"}, {@code "critical"}). */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
