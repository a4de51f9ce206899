package io.spinestream.journal.pain;

import java.time.Instant;

/**
 * Filters of the pain-journal list; a null field does not filter. {@code to} is exclusive;
 * {@code location} and {@code quality} match entries that include the code.
 */
public record PainFilter(Instant from, Instant to, String location, String quality, Integer minIntensity,
                         Integer maxIntensity) {
}
