package dev.idmap.core.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The real PostgreSQL server the tests use. Settings come from {@code IDMAP_TEST_PG_URL}, {@code IDMAP_TEST_PG_USER}
 * and {@code IDMAP_TEST_PG_PASSWORD}; the defaults match what {@code .ci/run} creates. Never skipped: when the
 * server is unreachable, tests fail and say how to start it.
 */
public final class TestPostgres {

    public static final String URL = env("IDMAP_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/idmap_test");
    public static final String USER = env("IDMAP_TEST_PG_USER", "idmap");
    public static final String PASSWORD = env("IDMAP_TEST_PG_PASSWORD", "idmap");

    private TestPostgres() {}

    public static Connection connect() {
        try {
            return DriverManager.getConnection(URL, USER, PASSWORD);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL is not reachable at " + URL + " as " + USER + " (" + e.getMessage()
                            + "). Start it with "
                            + "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` and create "
                            + "the test database with `.ci/run` (or set IDMAP_TEST_PG_URL/USER/PASSWORD).",
                    e);
        }
    }

    private static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
