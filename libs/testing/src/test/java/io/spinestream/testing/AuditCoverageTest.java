package io.spinestream.testing;

import io.spinestream.testing.auditfixtures.BlankReasonResource;
import io.spinestream.testing.auditfixtures.BothResource;
import io.spinestream.testing.auditfixtures.DecidedResource;
import io.spinestream.testing.auditfixtures.UndecidedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditCoverageTest {

    @Test
    void givenEveryResourceMethodDecided_whenChecked_thenItPassesAndSeesOnlyTheResourceMethods() {
        AuditCoverage coverage = AuditCoverage.ofClasses(DecidedResource.class);

        coverage.assertEveryEndpointDecided();
        assertThat(coverage.problems()).isEmpty();
        assertThat(coverage.endpoints()).containsExactlyInAnyOrder(
                DecidedResource.class.getName() + "#read() [GET /v1/decided/{id}]",
                DecidedResource.class.getName() + "#configure() [POST /v1/decided]");
    }

    @Test
    void givenAMethodAndALocatorWithoutDecision_whenChecked_thenBothAreListed() {
        AuditCoverage coverage = AuditCoverage.ofClasses(UndecidedResource.class);

        assertThat(coverage.problems()).containsExactlyInAnyOrder(
                UndecidedResource.class.getName() + "#remove() [DELETE /v1/undecided/{id}]: "
                        + "neither @Audited nor @NotAudited(reason = \"…\")",
                UndecidedResource.class.getName() + "#children() [locator /v1/undecided/children]: "
                        + "neither @Audited nor @NotAudited(reason = \"…\")");
        assertThatThrownBy(coverage::assertEveryEndpointDecided)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("2 of 2 resource methods")
                .hasMessageContaining("#remove()")
                .hasMessageContaining("#children()");
    }

    @Test
    void givenAMethodBothAuditedAndNotAudited_whenChecked_thenItIsListed() {
        AuditCoverage coverage = AuditCoverage.ofClasses(BothResource.class);

        assertThat(coverage.problems()).containsExactly(BothResource.class.getName()
                + "#change() [PATCH /v1/both]: both @Audited and @NotAudited; decide for one");
        assertThatThrownBy(coverage::assertEveryEndpointDecided).isInstanceOf(AssertionError.class);
    }

    @Test
    void givenAnExemptionWithABlankReason_whenChecked_thenItIsListed() {
        AuditCoverage coverage = AuditCoverage.ofClasses(BlankReasonResource.class);

        assertThat(coverage.problems()).containsExactly(BlankReasonResource.class.getName()
                + "#replace() [PUT /v1/blank]: @NotAudited with a blank reason; say why it holds nothing to audit");
        assertThatThrownBy(coverage::assertEveryEndpointDecided).isInstanceOf(AssertionError.class);
    }

    @Test
    void givenADirectoryOfCompiledClasses_whenChecked_thenEveryProblemIsListedAndNoneOfTheDecided() throws Exception {
        Path fixtures = classesDirectoryOf(DecidedResource.class).resolve("io/spinestream/testing/auditfixtures");

        AuditCoverage coverage = AuditCoverage.ofDirectory(fixtures);

        assertThat(coverage.endpoints()).hasSize(6);
        assertThat(coverage.problems()).hasSize(4)
                .noneMatch(problem -> problem.startsWith(DecidedResource.class.getName()))
                .anyMatch(problem -> problem.startsWith(UndecidedResource.class.getName() + "#remove()"))
                .anyMatch(problem -> problem.startsWith(UndecidedResource.class.getName() + "#children()"))
                .anyMatch(problem -> problem.startsWith(BothResource.class.getName()))
                .anyMatch(problem -> problem.startsWith(BlankReasonResource.class.getName()));
    }

    @Test
    void givenADirectoryWithoutResources_whenChecked_thenItFailsRatherThanPassWithoutChecking(@TempDir Path empty) {
        AuditCoverage coverage = AuditCoverage.ofDirectory(empty);

        assertThatThrownBy(coverage::assertEveryEndpointDecided)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("nothing was checked");
    }

    private static Path classesDirectoryOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
