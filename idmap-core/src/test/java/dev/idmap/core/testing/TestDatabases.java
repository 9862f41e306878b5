package dev.idmap.core.testing;

import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Real databases for tests: embedded H2 in PostgreSQL mode, and the local PostgreSQL server. */
public final class TestDatabases {

    private TestDatabases() {}

    /** A fresh in-memory H2 database with the settings of the embedded default. */
    public static DataSource h2(String name) {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    /**
     * The test PostgreSQL database with a schema of its own, named after the caller and this JVM's process id, so
     * that test classes, parallel builds of this module (other modules build it with {@code -am}) and other work
     * on the same server never see each other's tables. The schema is dropped when the JVM exits.
     */
    public static DataSource postgres(String schema) {
        var safe = (schema + "_" + ProcessHandle.current().pid())
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(safe)));
        try (var connection = TestPostgres.connect();
                var statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + safe + " cascade");
            statement.execute("create schema " + safe);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare schema " + safe + ": " + e.getMessage(), e);
        }
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(TestPostgres.URL);
        dataSource.setUser(TestPostgres.USER);
        dataSource.setPassword(TestPostgres.PASSWORD);
        dataSource.setCurrentSchema(safe);
        return dataSource;
    }

    private static void drop(String schema) {
        try (var connection = TestPostgres.connect();
                var statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException | RuntimeException e) {
            // best effort at exit; a leftover schema is harmless and named after its process
        }
    }
}
