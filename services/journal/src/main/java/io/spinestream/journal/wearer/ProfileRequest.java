package io.spinestream.journal.wearer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The wearer's conditions and clinician limits, replacing the current ones (send the whole profile).
 * {@code limits} absent or {@code {}} clears every limit. {@code reason} is kept in the history.
 */
public record ProfileRequest(
        @NotNull @Size(max = 5) List<@NotNull @Pattern(regexp = Condition.PATTERN, message = Condition.MESSAGE) String> conditions,
        @Valid LimitsRequest limits,
        @Size(max = 500) String reason) {
}
