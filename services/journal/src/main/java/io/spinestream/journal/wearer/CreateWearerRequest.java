package io.spinestream.journal.wearer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A new wearer. The journal assigns the id ({@link WearerIds}); {@code externalRef} is the clinic's
 * own reference (e.g. its patient number), unique within the clinic. Conditions and limits are the
 * clinician's to set (optional here).
 *
 * @param id refused when present: ids are the journal's to assign. Kept as a field so that a client
 *           that still sends one is told so (400) rather than having it silently ignored.
 */
public record CreateWearerRequest(
        @Schema(hidden = true)
        @Null(message = "is assigned by the journal; send the clinic's own reference as externalRef")
        String id,
        @Pattern(regexp = ExternalRefs.PATTERN, message = ExternalRefs.MESSAGE) String externalRef,
        @NotBlank @Size(max = 120) String displayName,
        @Min(1900) @Max(2100) Integer birthYear,
        @Size(max = 64) String timeZone,
        @Size(max = 5) List<@NotNull @Pattern(regexp = Condition.PATTERN, message = Condition.MESSAGE) String> conditions,
        @Valid LimitsRequest limits) {
}
