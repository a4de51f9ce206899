package io.spinestream.bench.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PostgreSQL's own counters, which other work on the machine does not disturb: transactions
 * committed in ingest's database (every statement outside a transaction block is one) and WAL
 * flushes of the whole server ({@code pg_stat_wal.wal_sync}, one per commit that had to wait
 * for the disk, fewer when commits share a flush). Read as the superuser, trusted on loopback.
 */
final class PgCounters {

    static final String COMMITS = "ingest DB commits";
    static final String WAL_SYNCS = "WAL flushes";

    private final String url;

    PgCounters(String host, int port) {
        this.url = "jdbc:postgresql://" + host + ":" + port + "/postgres?user=postgres";
    }

    /** The counters now; empty if PostgreSQL cannot be asked. */
    Map<String, Long> read() {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            // what backends have not flushed yet would be missed: ask them to, as far as this session can
            try (ResultSet r = s.executeQuery(
                    "SELECT xact_commit FROM pg_stat_database WHERE datname = 'spinestream_ingest'")) {
                if (r.next()) {
                    m.put(COMMITS, r.getLong(1));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT wal_sync FROM pg_stat_wal")) {
                if (r.next()) {
                    m.put(WAL_SYNCS, r.getLong(1));
                }
            }
        } catch (SQLException e) {
            // left out of the report
        }
        return m;
    }
}
