package io.spinestream.journal.wearer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A new wearer. {@code id} is the subject ({@code sub}) of the wearer's own tokens at the clinic's
 * identity provider. Conditions and limits are the clinician's to set (optional here).
 */
public record CreateWearerRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9._@:-]{1,64}", message = "must be 1–64 letters, digits or . _ @ : -")
        String id,
        @NotBlank @Size(max = 120) String displayName,
        @Min(1900) @Max(2100) Integer birthYear,
        @Size(max = 64) String timeZone,
        @Size(max = 5) List<@NotNull @Pattern(regexp = Condition.PATTERN, message = Condition.MESSAGE) String> conditions,
        @Valid LimitsRequest limits) {
}
