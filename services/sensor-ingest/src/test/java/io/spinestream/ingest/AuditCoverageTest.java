package io.spinestream.ingest;

import io.spinestream.ingest.fleet.BeltResource;
import io.spinestream.testing.AuditCoverage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** No endpoint of the service ships with its audit undecided (docs/audit.md, "What is audited, service by service"). */
class AuditCoverageTest {

    @Test
    void givenTheServicesResourceMethods_whenCheckedForTheirAudit_thenEachIsAuditedOrExemptWithAReason() {
        AuditCoverage coverage = AuditCoverage.of(BeltResource.class);

        assertThat(coverage.endpoints())
                .anyMatch(endpoint -> endpoint.startsWith(BeltResource.class.getName() + "#"));
        coverage.assertEveryEndpointDecided();
    }
}
