package io.spinestream.ingest.telemetry;

import io.spinestream.events.telemetry.Violation;
import io.spinestream.platform.problem.Problem;
import io.spinestream.platform.problem.ProblemException;

import java.util.List;

/**
 * A rejected batch as a 400 problem. A batch of 2000 bad samples breaks 16000 rules; the problem
 * lists the first few (in the validator's order: top-level fields, then channels) and says how
 * many there were, which is enough to fix a belt's encoder and keeps the answer small.
 */
final class ViolationReport {

    private ViolationReport() {
    }

    static ProblemException problem(List<Violation> violations, int maxListed) {
        List<Problem.FieldViolation> listed = violations.stream()
                .limit(maxListed)
                // "" is the library's "the body as a whole"; problems elsewhere in the platform say "$".
                .map(v -> new Problem.FieldViolation(v.field().isEmpty() ? "$" : v.field(), v.rule(), v.message()))
                .toList();
        String detail = violations.size() > listed.size()
                ? "the batch breaks " + violations.size() + " rules; the first " + listed.size()
                  + " are listed; nothing of it was kept"
                : "the batch breaks " + violations.size() + " rule(s); nothing of it was kept";
        return ProblemException.badRequest(detail, listed);
    }
}
