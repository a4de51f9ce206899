package io.spinestream.deployment.databases;

import io.spinestream.deployment.service.Repository;
import io.spinestream.deployment.service.ServiceConfig;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The database initialisation of deploy/ creates exactly the databases the services use. */
class DatabaseInitTest {

    @Test
    void givenThePostgresInitScripts_whenRead_thenTheyCreateExactlyTheDatabasesTheServicesUrlsName() {
        Set<String> used = ServiceConfig.all().stream().map(DatabaseInit::postgresDatabaseOf).flatMap(Optional::stream)
                .collect(Collectors.toSet());

        assertThat(used).containsExactlyInAnyOrder("spinestream_ingest", "spinestream_journal", "spinestream_notification");
        assertThat(DatabaseInit.postgresDatabases(Repository.path("deploy/postgres/init"))).containsExactlyInAnyOrderElementsOf(used);
    }

    @Test
    void givenTheMongoInitScripts_whenRead_thenTheyCreateTheUserInFormAnalysissDatabase() {
        assertThat(DatabaseInit.mongoDatabaseOf(ServiceConfig.of("form-analysis"))).hasValue("spinestream_analysis");
        assertThat(DatabaseInit.mongoDatabases(Repository.path("deploy/mongodb/init"))).containsExactly("spinestream_analysis");
    }
}
