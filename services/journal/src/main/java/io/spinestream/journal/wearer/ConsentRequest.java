package io.spinestream.journal.wearer;

import jakarta.validation.constraints.NotNull;

/** The wearer's consent to export their journal to the clinic's health records (FHIR). */
public record ConsentRequest(@NotNull Boolean ehrExport) {
}
