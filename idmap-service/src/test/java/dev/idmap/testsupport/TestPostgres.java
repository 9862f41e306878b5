package dev.idmap.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The real PostgreSQL server the tests use (copied from idmap-core's test helper). Settings come from
 * {@code IDMAP_TEST_PG_URL}, {@code IDMAP_TEST_PG_USER} and {@code IDMAP_TEST_PG_PASSWORD}; the defaults match what
 * {@code .ci/run} creates. Never skipped: when the server is unreachable, tests fail and say how to start it.
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

    /** Creates a fresh schema and returns a JDBC URL whose connections use it. */
    public static String freshSchemaUrl() {
        var schema =
                "idmap_svc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (var connection = connect();
                var statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Drops a schema made by {@link #freshSchemaUrl()}. */
    public static void dropSchemaOf(String url) {
        var schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (var connection = connect();
                var statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
