package io.spinestream.journal.insight.rules;

import io.spinestream.events.payload.Severity;

import java.time.Instant;

/**
 * A load-management advisory (spec, inference 4).
 *
 * @param code     {@code WEEKLY_VOLUME_SPIKE}, {@code TOO_FEW_REST_DAYS}, {@code NO_DELOAD_WEEK},
 *                 {@code STRENGTH_SESSIONS_TOO_CLOSE}
 * @param rule     the rule that decided it
 * @param severity warning for the 10 % rule, info for the others
 * @param cause    what it is about, once: an ISO week, a streak's first week, or the later workout's
 *                 first session; with the code it names the advisory (one alert per cause)
 * @param at       when the data that triggered it happened
 * @param reason   the rule in words
 * @param value    the measured value ({@code unit}); null when none
 * @param limit    the rule's limit ({@code unit}); null when none
 * @param unit     {@code %}, {@code days}, {@code weeks} or {@code h}
 * @param activity the activity it is about (strength spacing); null otherwise
 */
public record LoadAdvisory(String code, String rule, Severity severity, String cause, Instant at, String reason,
                           Double value, Double limit, String unit, String activity) {
}
