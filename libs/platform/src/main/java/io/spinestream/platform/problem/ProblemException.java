package io.spinestream.platform.problem;

import java.time.Duration;
import java.util.List;

/**
 * A failure that becomes a problem+json response. Thrown by resources and services for every
 * error a client can cause or must react to (bad input, absent resource, overload).
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldViolation> violations;
    private final Duration retryAfter;

    public ProblemException(int status, String title, String detail, List<Problem.FieldViolation> violations,
                            Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
        this.retryAfter = retryAfter;
    }

    public static ProblemException badRequest(String detail, List<Problem.FieldViolation> violations) {
        return new ProblemException(400, "Bad Request", detail, violations, null);
    }

    public static ProblemException invalidField(String field, String rule, String message) {
        return badRequest(message, List.of(new Problem.FieldViolation(field, rule, message)));
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail, List.of(), null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, List.of(), null);
    }

    /** Absent, or of another clinic: the two are indistinguishable on purpose. */
    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not Found", what + " not found", List.of(), null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, List.of(), null);
    }

    public static ProblemException payloadTooLarge(String detail) {
        return new ProblemException(413, "Payload Too Large", detail, List.of(), null);
    }

    public static ProblemException tooManyRequests(String detail, Duration retryAfter) {
        return new ProblemException(429, "Too Many Requests", detail, List.of(), retryAfter);
    }

    public static ProblemException unavailable(String detail, Duration retryAfter) {
        return new ProblemException(503, "Service Unavailable", detail, List.of(), retryAfter);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldViolation> violations() {
        return violations;
    }

    /** When set, answered as a {@code Retry-After} header in whole seconds. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
