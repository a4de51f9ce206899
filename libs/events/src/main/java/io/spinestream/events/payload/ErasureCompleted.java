package io.spinestream.events.payload;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One service's receipt for an erasure: it deleted everything it held of the wearer. A service
 * that sees the same request again sends the same receipt again (same event id, same counts).
 *
 * @param erasureId   the erasure ({@link ErasureRequested#erasureId()})
 * @param clinicId    tenant
 * @param service     the service that erased, one of the registry's service names ({@code journal}, …)
 * @param removed     records removed by kind (e.g. {@code pain_entries} → 12), in the service's
 *                    own words: {@code [a-z][a-z0-9_]*} → count ≥ 0; never null, sorted by kind
 * @param completedAt when the service finished
 */
public record ErasureCompleted(
        String erasureId,
        String clinicId,
        String service,
        Map<String, Long> removed,
        Instant completedAt) {

    /** What a kind of removed records must look like: a lowercase snake_case word. */
    public static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public ErasureCompleted {
        Payloads.requiredText(erasureId, "erasureId");
        Payloads.requiredText(clinicId, "clinicId");
        Payloads.requiredText(service, "service");
        Payloads.required(completedAt, "completedAt");
        removed = checkedCounts(removed);
    }

    /**
     * {@code counts} as an immutable map sorted by kind, after checking every kind and count;
     * {@code null} is none.
     */
    public static Map<String, Long> checkedCounts(Map<String, Long> counts) {
        TreeMap<String, Long> sorted = new TreeMap<>();
        if (counts != null) {
            counts.forEach((kind, count) -> {
                if (kind == null || !KIND.matcher(kind).matches()) {
                    throw new IllegalArgumentException("removed: kind '" + kind + "' must match " + KIND.pattern());
                }
                if (count == null || count < 0) {
                    throw new IllegalArgumentException("removed: count of " + kind + " must be >= 0");
                }
                sorted.put(kind, count);
            });
        }
        return Collections.unmodifiableSortedMap(sorted);
    }
}
