package io.spinestream.journal;

import io.spinestream.journal.wearer.WearerResource;
import io.spinestream.testing.AuditCoverage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** No endpoint of the service ships with its audit undecided (docs/audit.md, "What is audited, service by service"). */
class AuditCoverageTest {

    @Test
    void givenTheServicesResourceMethods_whenCheckedForTheirAudit_thenEachIsAuditedOrExemptWithAReason() {
        AuditCoverage coverage = AuditCoverage.of(WearerResource.class);

        assertThat(coverage.endpoints())
                .anyMatch(endpoint -> endpoint.startsWith(WearerResource.class.getName() + "#"));
        coverage.assertEveryEndpointDecided();
    }
}
