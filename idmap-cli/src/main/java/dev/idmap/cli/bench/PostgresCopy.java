package dev.idmap.cli.bench;

import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import org.postgresql.PGConnection;

/**
 * The yardstick for producing and serving a report: PostgreSQL's own {@code COPY … TO STDOUT (FORMAT csv)} of the
 * same rows, loaded first into a table of their own in a schema of this run's own, dropped afterwards.
 */
final class PostgresCopy {

    private final String url;
    private final String user;
    private final String password;

    PostgresCopy(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    static PostgresCopy fromEnvironment() {
        var env = System.getenv();
        return new PostgresCopy(
                env.getOrDefault("IDMAP_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/idmap_test"),
                env.getOrDefault("IDMAP_BENCH_PG_USER", "idmap"),
                env.getOrDefault("IDMAP_BENCH_PG_PASSWORD", "idmap"));
    }

    /**
     * Fails with one line naming what to set when the PostgreSQL of the {@code COPY} comparisons cannot be reached
     * (the harness would otherwise find out only after a run's map and baseline).
     */
    void checkReachable() {
        try (var connection = DriverManager.getConnection(url, user, password)) {
            // connected: reachable, and the user and password are accepted
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot reach the PostgreSQL for the COPY comparisons at " + url
                    + " as " + user + " (" + e.getMessage() + "): set IDMAP_BENCH_PG_URL, IDMAP_BENCH_PG_USER and"
                    + " IDMAP_BENCH_PG_PASSWORD, run .mvn/prepare-test-postgres.sh, or run with --no-service");
        }
    }

    record Copied(long rows, long bytes, double seconds) {}

    /** Loads the CSV file's rows, then times {@code COPY} of them to a client that counts the bytes. */
    Copied copyOut(Path csv) throws Exception {
        var schema = "idmap_bench_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        String header;
        try (var lines = Files.lines(csv)) {
            header = lines.findFirst().orElseThrow();
        }
        var columns = new ArrayList<String>();
        for (int i = 0; i < header.split(",").length; i++) {
            columns.add("c" + i + " text");
        }
        try (var connection = DriverManager.getConnection(url, user, password)) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            try (var statement = connection.createStatement()) {
                statement.execute("create schema " + schema);
                statement.execute("create table " + schema + ".report_rows (" + String.join(", ", columns) + ")");
                try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                    copy.copyIn("copy " + schema + ".report_rows from stdin (format csv, header true)", reader);
                }
                statement.execute("analyze " + schema + ".report_rows");
                var counting = new CountingStream();
                long started = System.nanoTime();
                long rows =
                        copy.copyOut("copy " + schema + ".report_rows to stdout (format csv, header true)", counting);
                double seconds = (System.nanoTime() - started) / 1e9;
                return new Copied(rows, counting.bytes, seconds);
            } finally {
                try (var statement = connection.createStatement()) {
                    statement.execute("drop schema if exists " + schema + " cascade");
                }
            }
        }
    }

    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
