package io.spinestream.events.payload;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Shared constructor helpers: payloads are immutable and never hold null collections. */
final class Payloads {

    private Payloads() {
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? Map.of() : Map.copyOf(map);
    }

    static <T> T required(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " is required");
    }

    static String requiredText(String value, String name) {
        if (required(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
