package io.spinestream.launcher;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL (zonky embedded binaries from Maven Central) with its data directory kept under
 * {@code .spinestream/postgres}. The postmaster is started by {@code pg_ctl} and therefore is not a
 * child of this JVM: {@link #close()} stops it with {@code pg_ctl stop -m fast}.
 */
final class PostgresNode implements AutoCloseable {

    private final InfraConfig config;
    private EmbeddedPostgres postgres;

    PostgresNode(InfraConfig config) {
        this.config = config;
    }

    void start() throws IOException, SQLException {
        Path dataDir = config.workspace().postgresDataDir();
        Files.createDirectories(dataDir);
        Path log = config.workspace().logFile("postgres");
        Files.createDirectories(log.getParent());
        postgres = EmbeddedPostgres.builder()
                .setPort(config.postgresPort())
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // zonky starts postgres with -F (fsync off), fine for throw-away test databases; this data is kept
                .setServerConfig("fsync", "on")
                // an error's DETAIL quotes the values of the row (a unique key: a patient reference): not in the log
                .setServerConfig("log_error_verbosity", "terse")
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()))
                .start();
        provision();
    }

    /** The {@code spinestream} role and one database per service; created once, checked on every start. */
    private void provision() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", LocalPlatform.DB_USER)) {
                s.execute("CREATE ROLE " + LocalPlatform.DB_USER + " LOGIN PASSWORD '" + LocalPlatform.DB_PASSWORD + "'");
            }
            for (String db : LocalPlatform.DATABASES) {
                if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", db)) {
                    s.execute("CREATE DATABASE " + db + " OWNER " + LocalPlatform.DB_USER);
                }
            }
        }
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public void close() throws IOException {
        EmbeddedPostgres p = postgres;
        postgres = null;
        if (p != null) {
            p.close();
        }
    }
}
