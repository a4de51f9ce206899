package io.spinestream.journal.insight.rules;

import io.spinestream.events.payload.Severity;

/**
 * A red flag found in a pain entry.
 *
 * @param code     what was found: a symptom code, {@code severe_pain} or {@code new_back_pain_over_50}
 * @param severity {@code critical} (seek care now) or {@code warning} (see a doctor)
 * @param rule     the rule that decided it (docs/journal.md)
 * @param reason   the rule in words, for the wearer and the clinician
 */
public record RedFlag(String code, Severity severity, String rule, String reason) {
}
