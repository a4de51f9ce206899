package io.spinestream.journal.wearer;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Changes to a wearer's details; an absent field is left as it is. {@code externalRef} {@code ""}
 * removes the clinic's reference (so that it can be given to another wearer).
 */
public record UpdateWearerRequest(
        @Size(min = 1, max = 120) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String displayName,
        @Min(1900) @Max(2100) Integer birthYear,
        @Size(max = 64) String timeZone,
        @Pattern(regexp = "|" + ExternalRefs.PATTERN, message = ExternalRefs.MESSAGE + "; \"\" removes it")
        String externalRef) {
}
