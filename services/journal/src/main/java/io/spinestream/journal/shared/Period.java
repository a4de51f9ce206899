package io.spinestream.journal.shared;

import io.spinestream.platform.problem.ProblemException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * A period of whole days in the wearer's zone, both days included: what insights, reports and
 * exports cover.
 */
public record Period(LocalDate from, LocalDate to, ZoneId zone) {

    /** Days shown when a request names no period: four weeks up to today. */
    public static final int DEFAULT_DAYS = 28;

    /** The period of the query parameters; defaults to the last four weeks, 400 for a reversed or too long one. */
    public static Period of(String from, String to, ZoneId zone, Duration maxPeriod) {
        LocalDate end = to == null ? LocalDate.now(zone) : Params.date(to, "to");
        LocalDate start = from == null ? end.minusDays(DEFAULT_DAYS - 1) : Params.date(from, "from");
        if (start.isAfter(end)) {
            throw ProblemException.invalidField("from", "order", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > maxPeriod.toDays()) {
            throw ProblemException.invalidField("from", "Max", "the period may cover at most " + maxPeriod.toDays() + " days");
        }
        return new Period(start, end, zone);
    }

    /** The first instant of the period. */
    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public int days() {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }
}
