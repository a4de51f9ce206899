package io.spinestream.journal.wearer;

import io.spinestream.platform.problem.Problem;
import io.spinestream.platform.problem.ProblemException;

import java.util.List;

/** The clinic's own reference to a wearer ({@code externalRef}), e.g. its patient number. */
public final class ExternalRefs {

    /** Bean Validation pattern: 1–64 characters, starting with a letter or digit. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._/:#-]{0,63}";
    public static final String MESSAGE = "must be 1–64 letters, digits or . _ / : # -, starting with a letter or digit";

    /** The unique constraint that keeps a reference to one wearer per clinic. */
    static final String UNIQUE_CONSTRAINT = "wearer_clinic_external_ref_key";

    private ExternalRefs() {
    }

    /** 409 naming the field: the clinic already has a wearer with this reference. */
    static ProblemException taken() {
        String message = "another wearer of this clinic has this externalRef";
        return new ProblemException(409, "Conflict", message,
                List.of(new Problem.FieldViolation("externalRef", "unique", message)), null);
    }
}
