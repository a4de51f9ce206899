package io.spinestream.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real PostgreSQL for a Quarkus test: embedded binaries from Maven Central in a per-run data
 * directory, an external server ({@value InfrastructureMode#POSTGRES_URL_ENV}), or a Testcontainers
 * image. Configures both the reactive URL (Hibernate Reactive) and the JDBC URL (migrations).
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    static final String POSTGRES_IMAGE = "postgres:17";

    private EmbeddedPostgres embedded;
    private PostgreSQLContainer container;
    private Path dataDir;

    @Override
    public Map<String, String> start() {
        var external = InfrastructureMode.external(InfrastructureMode.POSTGRES_URL_ENV);
        if (external.isPresent()) {
            String url = external.get().replaceFirst("^jdbc:", "");
            return config(url,
                    InfrastructureMode.external(InfrastructureMode.POSTGRES_USER_ENV).orElse("postgres"),
                    InfrastructureMode.external(InfrastructureMode.POSTGRES_PASSWORD_ENV).orElse("postgres"));
        }
        if (InfrastructureMode.current() == InfrastructureMode.CONTAINERS) {
            container = new PostgreSQLContainer(POSTGRES_IMAGE);
            container.start();
            return config(container.getJdbcUrl().replaceFirst("^jdbc:", ""), container.getUsername(),
                    container.getPassword());
        }
        dataDir = TempDirs.create("postgres");
        try {
            embedded = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .start();
        } catch (IOException e) {
            TempDirs.delete(dataDir);
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
        return config("postgresql://127.0.0.1:" + embedded.getPort() + "/postgres", "postgres", "postgres");
    }

    private static Map<String, String> config(String url, String user, String password) {
        return Map.of(
                "quarkus.datasource.reactive.url", url,
                "quarkus.datasource.jdbc.url", "jdbc:" + url,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }

    @Override
    public void stop() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not stop the embedded PostgreSQL", e);
            } finally {
                embedded = null;
                TempDirs.delete(dataDir);
            }
        }
        if (container != null) {
            container.stop();
            container = null;
        }
    }
}
