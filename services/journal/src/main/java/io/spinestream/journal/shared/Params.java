package io.spinestream.journal.shared;

import io.spinestream.platform.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Query parameters that are times or dates; a malformed one is a 400 naming it. */
public final class Params {

    private Params() {
    }

    /** An RFC 3339 instant ({@code 2026-11-20T10:15:30Z}), or null when absent. */
    public static Instant instant(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "format", "must be an RFC 3339 time such as 2026-11-20T10:15:30Z");
        }
    }

    /** A calendar date ({@code 2026-11-20}), or null when absent. */
    public static LocalDate date(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "format", "must be a date such as 2026-11-20");
        }
    }
}
