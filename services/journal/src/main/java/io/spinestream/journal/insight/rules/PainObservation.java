package io.spinestream.journal.insight.rules;

import io.spinestream.journal.pain.MovementResponse;
import io.spinestream.journal.pain.Onset;
import io.spinestream.journal.pain.PainLocation;
import io.spinestream.journal.pain.PainQuality;
import io.spinestream.journal.pain.Symptom;

import java.time.Instant;
import java.util.Set;

/**
 * What the inferences need of a pain entry.
 *
 * @param entryId         the entry
 * @param at              when the pain was recorded
 * @param intensity       0–10
 * @param locations       where; never empty
 * @param qualities       how it feels; never empty
 * @param onset           relative to exercise; null when not said
 * @param onsetHours      hours after exercise, for {@link Onset#HOURS_AFTER}; null otherwise
 * @param symptoms        associated symptoms
 * @param movement        response to movement; null when not said
 * @param exerciseLinked  whether the entry names the exercise session it relates to
 * @param selfCare        whether the entry records relief tried or a medication or treatment taken
 */
public record PainObservation(
        String entryId,
        Instant at,
        int intensity,
        Set<PainLocation> locations,
        Set<PainQuality> qualities,
        Onset onset,
        Double onsetHours,
        Set<Symptom> symptoms,
        MovementResponse movement,
        boolean exerciseLinked,
        boolean selfCare) {

    public PainObservation {
        locations = Set.copyOf(locations);
        qualities = Set.copyOf(qualities);
        symptoms = Set.copyOf(symptoms);
    }

    /** Pain at all (intensity 0 records a pain-free moment). */
    public boolean hurts() {
        return intensity >= 1;
    }

    public boolean isBackPain() {
        return hurts() && locations.stream().anyMatch(PainLocation::isBack);
    }
}
