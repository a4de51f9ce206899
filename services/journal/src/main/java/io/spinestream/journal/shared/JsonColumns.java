package io.spinestream.journal.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spinestream.events.cloudevents.EventJson;

/**
 * Values kept as JSON text in a column (limits, medications, alert details): written and read with
 * the event contract's settings, so a stored value reads back exactly as it was published.
 */
public final class JsonColumns {

    private static final ObjectMapper MAPPER = EventJson.mapper();

    private JsonColumns() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("value is not serializable as JSON: " + value.getClass(), e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not fit " + type.getSimpleName(), e);
        }
    }

    public static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not fit " + type.getType(), e);
        }
    }
}
