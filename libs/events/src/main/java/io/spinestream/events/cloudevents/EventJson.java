package io.spinestream.events.cloudevents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON settings of every payload, so all producers write and all consumers read alike. */
public final class EventJson {

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private EventJson() {
    }

    /**
     * The shared, configured mapper. Thread-safe for reading and writing; do not reconfigure it
     * (use {@link #configure(ObjectMapper)} on a mapper of your own instead).
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Applies the contract's settings to {@code mapper} (e.g. a framework's own) and returns it:
     * instants as RFC 3339 strings, unknown properties ignored (v1 consumers must tolerate
     * fields added within v1), nulls omitted, map keys sorted (stable output).
     */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    }
}
