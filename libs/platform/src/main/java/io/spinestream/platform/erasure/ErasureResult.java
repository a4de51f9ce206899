package io.spinestream.platform.erasure;

import io.spinestream.events.payload.ErasureCompleted;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a participant removed for one erasure, by kind (its own words: {@code sessions},
 * {@code pain_entries}, …, see {@link ErasureCompleted#KIND}), and when it finished.
 *
 * @param removed     kind → records removed (≥ 0); sorted by kind, never null
 * @param completedAt when the deletion was done (for an erasure done before: then)
 */
public record ErasureResult(Map<String, Long> removed, Instant completedAt) {

    public ErasureResult {
        removed = ErasureCompleted.checkedCounts(removed);
        Objects.requireNonNull(completedAt, "completedAt is required");
    }

    /** All records removed, of every kind. */
    public long total() {
        return removed.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Counts added up kind by kind, e.g. one per store or table. */
    public static Builder builder() {
        return new Builder();
    }

    /** Adds up counts per kind; a kind added twice counts the sum. */
    public static final class Builder {

        private final Map<String, Long> counts = new TreeMap<>();

        private Builder() {
        }

        /** Adds {@code count} records of {@code kind} (a kind with 0 is still reported: checked, none held). */
        public Builder add(String kind, long count) {
            if (count < 0) {
                throw new IllegalArgumentException("count of " + kind + " must be >= 0");
            }
            counts.merge(kind, count, Long::sum);
            return this;
        }

        /** The result, done at {@code completedAt}. */
        public ErasureResult completedAt(Instant completedAt) {
            return new ErasureResult(counts, completedAt);
        }
    }
}
