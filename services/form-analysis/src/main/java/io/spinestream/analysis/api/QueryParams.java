package io.spinestream.analysis.api;

import io.spinestream.platform.problem.ProblemException;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Query parameters read by hand, so that a malformed one is a 400 problem naming it (JAX-RS would
 * answer 404 for a query parameter it cannot convert).
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** An RFC 3339 instant, or null when absent. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, "format", name + " must be an RFC 3339 instant, e.g. "
                    + "2026-11-20T10:15:30Z");
        }
    }

    /** A required RFC 3339 instant. */
    public static Instant requiredInstant(String name, String value) {
        Instant instant = instant(name, value);
        if (instant == null) {
            throw ProblemException.invalidField(name, "required", name + " is required");
        }
        return instant;
    }

    /** A page size within 1..max; {@code fallback} when absent. */
    public static int limit(String value, int fallback, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalidField("limit", "range", "limit must be a whole number from 1 to " + max);
    }

    /** Fails with a 400 naming both ends unless {@code from} is before {@code to}. */
    public static void requireOrdered(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalidField("to", "order", "to must be after from");
        }
    }
}
