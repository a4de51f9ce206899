package io.spinestream.journal.shared;

import io.spinestream.platform.problem.ProblemException;

import java.time.DateTimeException;
import java.time.ZoneId;

/** Time zones given in requests. */
public final class TimeZones {

    private TimeZones() {
    }

    /** The IANA zone {@code id}, or a 400 naming {@code field}. */
    public static ZoneId parse(String id, String field) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw ProblemException.invalidField(field, "zone", "must be an IANA time zone such as Europe/Berlin");
        }
    }
}
