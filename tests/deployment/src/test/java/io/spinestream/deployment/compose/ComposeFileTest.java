package io.spinestream.deployment.compose;

import io.spinestream.deployment.service.Repository;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/docker-compose.yml agrees with the services' configuration. */
class ComposeFileTest {

    @Test
    void givenTheComposeFileWithItsDefaults_whenChecked_thenItAgreesWithTheServicesConfiguration() {
        ComposeFile compose = ComposeFile.load(Repository.path("deploy/docker-compose.yml"));

        assertThat(ComposeChecks.all(compose)).isEmpty();
    }

    @Test
    void givenInstallationVariables_whenInterpolated_thenTheServicesGetThemAndStillAgree() {
        ComposeFile compose = ComposeFile.load(Repository.path("deploy/docker-compose.yml"), Map.of(
                "SPINESTREAM_DB_PASSWORD", "s3cret", "SPINESTREAM_VERSION", Repository.version()));

        assertThat(compose.environment("journal").get("SPINESTREAM_DB_PASSWORD").value()).contains("s3cret");
        assertThat(compose.environment("postgres").get("SPINESTREAM_DB_PASSWORD").value()).contains("s3cret");
        assertThat(ComposeChecks.all(compose)).isEmpty();
    }

    @Test
    void givenTheComposeFile_whenRead_thenEveryServiceHasTheSharedHardeningThroughItsMergeKey() {
        ComposeFile compose = ComposeFile.load(Repository.path("deploy/docker-compose.yml"));

        for (String service : Repository.SERVICES) {
            Map<String, Object> s = compose.service(service).orElseThrow();
            assertThat(s.get("read_only")).as(service).isEqualTo(true);
            assertThat(ComposeFile.strings(s.get("security_opt"))).as(service).contains("no-new-privileges:true");
        }
    }
}
