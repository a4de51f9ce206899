package io.spinestream.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}). {@code violations} names each
 * offending field and the rule it broke, so a client can fix its request without guessing.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldViolation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    /** One broken rule: the field as a path (e.g. {@code channels.trunkPitch[3]}), a rule code, and a sentence. */
    public record FieldViolation(String field, String rule, String message) {
    }
}
