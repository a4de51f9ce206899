package io.spinestream.journal.pain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A medication or treatment in a pain entry; {@code effect} defaults to {@code unknown}. */
public record TreatmentRequest(
        @NotNull @Pattern(regexp = TreatmentKind.PATTERN, message = TreatmentKind.MESSAGE) String kind,
        @NotBlank @Size(max = 120) String name,
        @Size(max = 60) String dose,
        @Pattern(regexp = TreatmentEffect.PATTERN, message = TreatmentEffect.MESSAGE) String effect) {

    Treatment toTreatment() {
        return new Treatment(kind, name.strip(), dose, effect == null ? TreatmentEffect.UNKNOWN.code() : effect);
    }
}
