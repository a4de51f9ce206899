package io.spinestream.notification.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.spinestream.events.cloudevents.EventJson;

import java.time.Instant;

/**
 * The Standard Webhooks payload: {@code {"type", "timestamp", "data"}}.
 *
 * @param type      the event type, e.g. {@code io.spinestream.form.fault.v1}
 * @param timestamp when the event happened
 * @param data      the event's payload
 */
public record WebhookBody(String type, Instant timestamp, Object data) {

    /** The JSON sent and signed, with the contract's JSON settings (RFC 3339 instants, no nulls). */
    public String toJson() {
        try {
            return EventJson.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook body not serialisable", e);
        }
    }
}
