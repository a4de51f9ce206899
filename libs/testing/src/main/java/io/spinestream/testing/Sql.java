package io.spinestream.testing;

import javax.sql.DataSource;
import java.sql.SQLException;

/** Plain SQL for seeding and inspecting a service's database in tests, through its JDBC pool. */
public final class Sql {

    private Sql() {
    }

    /** Runs one statement with positional parameters; returns the number of rows changed. */
    public static int exec(DataSource dataSource, String sql, Object... params) {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + sql, e);
        }
    }

    /** The single long value of a query such as {@code SELECT count(*) …}. */
    public static long queryLong(DataSource dataSource, String sql, Object... params) {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (var rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no row for: " + sql);
                }
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + sql, e);
        }
    }
}
