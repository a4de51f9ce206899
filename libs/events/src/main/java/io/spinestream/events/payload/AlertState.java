package io.spinestream.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where an alert is in its lifecycle (owned by notification). Serialised lowercase. */
public enum AlertState {
    @JsonProperty("open") OPEN,
    @JsonProperty("acknowledged") ACKNOWLEDGED,
    @JsonProperty("resolved") RESOLVED
}
