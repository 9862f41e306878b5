package dev.idmap.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.idmap.core.storage.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * Where {@code idmap map} stages what it crawls: by default a PostgreSQL server it runs itself in
 * {@code <output>/.staging} (started for the run, stopped after it, kept while a run there is unfinished), or the
 * database of {@code --database <jdbc-url>} (PostgreSQL, e.g. a cluster of the user's; or H2). A pool of a few
 * connections either way: the crawl workers hold one each.
 */
final class StagingDatabase implements AutoCloseable {

    /** The password of a {@code --database} URL; never on the command line. */
    static final String PASSWORD_VARIABLE = "IDMAP_DATABASE_PASSWORD";

    static {
        // a command-line tool prints its own lines: the pool and the binaries resolver only speak when it matters
        quiet("com.zaxxer.hikari");
        quiet("io.zonky.test");
    }

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final Thread stopAtExit;

    private StagingDatabase(EmbeddedPostgres embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
        // Ctrl-C or SIGTERM during a run: the server stops cleanly, and the run can be resumed
        this.stopAtExit = new Thread(this::stop, "idmap-staging-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** The embedded server in {@code directory}. */
    static StagingDatabase embedded(Path directory, int connections) {
        var postgres = EmbeddedPostgres.start(directory, connections);
        try {
            return new StagingDatabase(
                    postgres, pool(postgres.jdbcUrl(), postgres.user(), postgres.password(), connections));
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** The database of a {@code --database} URL, with {@code user} and the password from {@value #PASSWORD_VARIABLE}. */
    static StagingDatabase at(String url, String user, String password, int connections) {
        if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw new Failures.UserFacing(
                    Failures.USAGE,
                    "--database: '" + withoutParameters(url) + "' is not a jdbc:postgresql:// (or jdbc:h2:) URL");
        }
        try {
            return new StagingDatabase(null, pool(url, user, password, connections));
        } catch (RuntimeException e) {
            throw new Failures.UserFacing(
                    Failures.FAILED,
                    "--database: cannot connect to " + withoutParameters(url) + ": "
                            + Failures.describe(e.getCause() != null ? e.getCause() : e),
                    e);
        }
    }

    DataSource dataSource() {
        return pool;
    }

    /** Whether idmap runs this database itself (and so may delete its directory). */
    boolean embedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // the hook is running or has run
        }
    }

    /**
     * Closes the pool, stops the embedded server at once and deletes its directory: for staging that holds nothing
     * left to resume. Only for {@link #embedded()} databases.
     */
    void closeAndDelete() throws IOException {
        if (embedded == null) {
            throw new IllegalStateException("only the embedded database is deleted with its data");
        }
        synchronized (this) {
            pool.close();
            embedded.closeAndDelete();
        }
        close();
    }

    private synchronized void stop() {
        try {
            pool.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static HikariDataSource pool(String url, String user, String password, int connections) {
        var config = new HikariConfig();
        config.setPoolName("idmap-staging");
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(connections);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }

    private static void quiet(String name) {
        if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    /** A URL as it may be shown: without its query, which may carry a password. */
    private static String withoutParameters(String url) {
        var query = url.indexOf('?');
        var semicolon = url.startsWith("jdbc:h2:") ? url.indexOf(';') : -1;
        var end = query >= 0 ? query : semicolon >= 0 ? semicolon : url.length();
        return url.substring(0, end);
    }
}
