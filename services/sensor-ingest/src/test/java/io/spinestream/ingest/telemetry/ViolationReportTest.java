package io.spinestream.ingest.telemetry;

import io.spinestream.events.telemetry.Violation;
import io.spinestream.platform.problem.Problem;
import io.spinestream.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ViolationReportTest {

    @Test
    void givenMoreViolationsThanListed_whenReported_thenTheFirstAreListedAndTheDetailCountsThemAll() {
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            violations.add(new Violation("channels.trunkPitch[" + i + "]", Violation.RANGE, "out of range"));
        }

        ProblemException problem = ViolationReport.problem(violations, 20);

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.violations()).hasSize(20);
        assertThat(problem.violations().get(0).field()).isEqualTo("channels.trunkPitch[0]");
        assertThat(problem.getMessage()).contains("2000 rules").contains("first 20");
    }

    @Test
    void givenWholeBodyViolation_whenReported_thenItsFieldIsTheBodyMarker() {
        ProblemException problem = ViolationReport.problem(
                List.of(new Violation("", Violation.SYNTAX, "not JSON")), 20);

        assertThat(problem.violations()).extracting(Problem.FieldViolation::field).containsExactly("$");
        assertThat(problem.getMessage()).contains("1 rule(s)");
    }
}
