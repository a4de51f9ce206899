package io.spinestream.journal.insight.rules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** ISO weeks (Monday to Sunday) in the wearer's zone. */
public final class Weeks {

    private Weeks() {
    }

    /** The Monday of the week of {@code day}. */
    public static LocalDate start(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public static LocalDate start(Instant at, ZoneId zone) {
        return start(at.atZone(zone).toLocalDate());
    }

    /** ISO week label of the week starting {@code monday}, e.g. {@code 2026-W47}. */
    public static String label(LocalDate monday) {
        return String.format(Locale.ROOT, "%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
