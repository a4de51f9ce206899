package io.spinestream.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an audited access did to the health data it touched. Serialised lowercase. */
public enum AuditAction {
    @JsonProperty("read") READ,
    @JsonProperty("create") CREATE,
    @JsonProperty("update") UPDATE,
    @JsonProperty("delete") DELETE,
    /** A read that takes the data out of the platform in bulk (FHIR bundle, recording, audit export). */
    @JsonProperty("export") EXPORT;

    /** The wire value ({@code read}, {@code create}, …). */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the access only reads: its response waits for the record (fail closed). */
    public boolean isRead() {
        return this == READ || this == EXPORT;
    }
}
