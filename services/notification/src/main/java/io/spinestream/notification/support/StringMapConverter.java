package io.spinestream.notification.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.spinestream.events.cloudevents.EventJson;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Map;
import java.util.TreeMap;

/** A string map stored as a JSON object in a text column (alert details). */
@Converter
public class StringMapConverter implements AttributeConverter<Map<String, String>, String> {

    private static final TypeReference<TreeMap<String, String>> TYPE = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(Map<String, String> map) {
        try {
            return EventJson.mapper().writeValueAsString(map == null ? Map.of() : new TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("details are not serialisable", e);
        }
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return Map.copyOf(EventJson.mapper().readValue(json, TYPE));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored details are not a JSON object of strings", e);
        }
    }
}
