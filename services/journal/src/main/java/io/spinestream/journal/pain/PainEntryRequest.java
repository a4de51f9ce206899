package io.spinestream.journal.pain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/**
 * A pain entry as the wearer (or their clinician) records it; every field of journal.md.
 * {@code onsetHours} is required with {@code onset: hours_after} and refused otherwise.
 */
public record PainEntryRequest(
        @NotNull Instant at,
        @Size(max = 64) String exerciseEntryId,
        @NotEmpty @Size(max = 14) List<@NotNull @Pattern(regexp = PainLocation.PATTERN, message = PainLocation.MESSAGE) String> locations,
        @NotEmpty @Size(max = 8) List<@NotNull @Pattern(regexp = PainQuality.PATTERN, message = PainQuality.MESSAGE) String> qualities,
        @NotNull @Min(0) @Max(10) Integer intensity,
        @Pattern(regexp = Onset.PATTERN, message = Onset.MESSAGE) String onset,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("168") Double onsetHours,
        @Size(max = 3) List<@NotNull @Pattern(regexp = WorseAt.PATTERN, message = WorseAt.MESSAGE) String> worseAt,
        @Size(max = 20) List<@NotNull @Pattern(regexp = "[a-z0-9_]{1,40}",
                message = "must be a code of 1–40 lowercase letters, digits or _") String> triggers,
        @Size(max = 500) String triggersText,
        @Size(max = 7) List<@NotNull @Pattern(regexp = RelievingFactor.PATTERN, message = RelievingFactor.MESSAGE) String> relievingFactors,
        @Size(max = 500) String relievingText,
        @Size(max = 11) List<@NotNull @Pattern(regexp = Symptom.PATTERN, message = Symptom.MESSAGE) String> symptoms,
        @Pattern(regexp = MovementResponse.PATTERN, message = MovementResponse.MESSAGE) String movementResponse,
        @Size(max = 20) List<@NotNull @Valid TreatmentRequest> treatments,
        @Min(0) @Max(10) Integer mood,
        @Min(0) @Max(10) Integer stress,
        @Size(max = 2000) String note) {
}
