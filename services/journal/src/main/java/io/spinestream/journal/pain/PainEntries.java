package io.spinestream.journal.pain;

import com.fasterxml.jackson.core.type.TypeReference;
import io.spinestream.journal.insight.rules.PainObservation;
import io.spinestream.journal.shared.JsonColumns;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Pain entries as the inference rules see them. */
public final class PainEntries {

    private static final TypeReference<List<Treatment>> TREATMENTS = new TypeReference<>() {
    };

    private PainEntries() {
    }

    public static PainObservation observation(PainEntry entry) {
        return new PainObservation(entry.id, entry.recordedAt, entry.intensity,
                Arrays.stream(entry.locations).map(PainLocation::of).collect(Collectors.toSet()),
                Arrays.stream(entry.qualities).map(PainQuality::of).collect(Collectors.toSet()),
                entry.onset == null ? null : Onset.of(entry.onset),
                entry.onsetHours,
                Arrays.stream(entry.symptoms).map(Symptom::of).collect(Collectors.toSet()),
                entry.movementResponse == null ? null : MovementResponse.of(entry.movementResponse),
                entry.exerciseEntryId != null,
                selfCare(entry));
    }

    public static List<PainObservation> observations(List<PainEntry> entries) {
        return entries.stream().map(PainEntries::observation).toList();
    }

    public static List<Treatment> treatments(PainEntry entry) {
        return JsonColumns.read(entry.treatments, TREATMENTS);
    }

    /** Relief tried, or a medication or treatment taken. */
    static boolean selfCare(PainEntry entry) {
        return entry.relievingFactors.length > 0 || (entry.relievingText != null && !entry.relievingText.isBlank())
                || !treatments(entry).isEmpty();
    }
}
