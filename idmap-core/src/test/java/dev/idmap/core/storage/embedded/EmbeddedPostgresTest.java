package dev.idmap.core.storage.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default database's lifecycle: a real PostgreSQL server, started and stopped in its own directory. */
class EmbeddedPostgresTest {

    @TempDir
    Path temp;

    @Test
    void it_listens_on_loopback_only_asks_for_its_password_and_commits_durably() throws Exception {
        var directory = temp.resolve("postgres");
        try (var postgres = EmbeddedPostgres.start(directory, 8)) {
            assertThat(postgres.started().initialized()).isTrue();
            assertThat(postgres.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
            try (var connection = postgres.dataSource().getConnection();
                    var statement = connection.createStatement()) {
                assertThat(setting(statement, "fsync")).isEqualTo("on");
                assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(statement, "listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(setting(statement, "unix_socket_directories")).isEmpty();
                assertThat(setting(statement, "max_connections")).isEqualTo("13");
                assertThat(setting(statement, "server_version")).startsWith("17.");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl(), "idmap", "guessed"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl(), "postgres", ""))
                    .isInstanceOf(SQLException.class);
            assertThat(Files.getPosixFilePermissions(directory.resolve("password")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(directory))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.readString(directory.resolve("postgres.log"))).doesNotContain(postgres.password());
        }
        assertThat(Files.exists(directory.resolve("data/postmaster.pid")))
                .as("stopped")
                .isFalse();
    }

    @Test
    void close_and_delete_stops_the_server_at_once_and_leaves_no_directory_behind() throws Exception {
        var directory = temp.resolve("postgres");
        var postgres = EmbeddedPostgres.start(directory, 4);
        var server = ProcessHandle.of(postgres.pid()).orElseThrow();
        execute(
                postgres,
                "create table staged (v text)",
                "insert into staged select 'row' from generate_series(1, 1000)");

        postgres.closeAndDelete();

        assertThat(server.isAlive()).as("postmaster stopped").isFalse();
        assertThat(directory).doesNotExist();
        postgres.close(); // and closing it again afterwards is harmless
        try (var again = EmbeddedPostgres.start(directory, 4)) {
            assertThat(again.started().initialized())
                    .as("a fresh cluster in its place")
                    .isTrue();
        }
    }

    @Test
    void its_data_outlives_a_restart_and_a_second_server_on_the_directory_is_refused_in_one_line() throws Exception {
        var directory = temp.resolve("postgres");
        try (var postgres = EmbeddedPostgres.start(directory, 4)) {
            execute(postgres, "create table kept (v text)", "insert into kept values ('acknowledged')");
            assertThatThrownBy(() -> EmbeddedPostgres.start(directory, 4))
                    .isInstanceOfSatisfying(
                            EmbeddedPostgresFailure.class,
                            e -> assertThat(e.kind()).isEqualTo(EmbeddedPostgresFailure.Kind.IN_USE))
                    .hasMessage("the database in " + directory + " is in use by another idmap process (server.lock is"
                            + " locked); stop that process or use another directory");
        }
        try (var again = EmbeddedPostgres.start(directory, 4)) {
            assertThat(again.started().initialized()).isFalse();
            assertThat(again.started().stoppedLeftOver()).isFalse();
            assertThat(value(again, "select v from kept")).isEqualTo("acknowledged");
        }

        // without its password file the cluster cannot be used: one line saying what to do, nothing started
        Files.delete(directory.resolve("password"));
        assertThatThrownBy(() -> EmbeddedPostgres.start(directory, 4))
                .isInstanceOfSatisfying(
                        EmbeddedPostgresFailure.class,
                        e -> assertThat(e.kind()).isEqualTo(EmbeddedPostgresFailure.Kind.CANNOT_START))
                .hasMessageStartingWith("the embedded PostgreSQL in " + directory + ": its password file "
                        + directory.resolve("password") + " is missing or unreadable")
                .hasMessageEndingWith("restore it, or delete " + directory + " to start with an empty database");
        assertThat(directory.resolve("data/postmaster.pid")).doesNotExist();
    }

    @Test
    void a_server_left_behind_by_a_killed_process_is_stopped_and_its_committed_data_recovered() throws Exception {
        var directory = temp.resolve("postgres");
        var java = ProcessHandle.current().info().command().orElse("java");
        var child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        StartAndCommit.class.getName(),
                        directory.toString())
                .redirectErrorStream(true)
                .start();
        long orphan;
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            var line = out.readLine();
            while (line != null && !line.startsWith("committed ")) {
                line = out.readLine();
            }
            assertThat(line).as("the child started its server").isNotNull();
            orphan = Long.parseLong(line.substring("committed ".length()));
            child.destroyForcibly(); // kill -9: the postmaster is left behind
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);

        try (var postgres = EmbeddedPostgres.start(directory, 4)) {
            assertThat(postgres.started().stoppedLeftOver()).isTrue();
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            assertThat(value(postgres, "select v from kept")).isEqualTo("acknowledged before kill -9");
        }
    }

    /** The other JVM: starts the server, commits a row, says so, and waits to be killed. */
    static final class StartAndCommit {
        public static void main(String[] args) throws Exception {
            var postgres = EmbeddedPostgres.start(Path.of(args[0]), 4);
            execute(postgres, "create table kept (v text)", "insert into kept values ('acknowledged before kill -9')");
            System.out.println("committed " + postgres.pid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    static void execute(EmbeddedPostgres postgres, String... statements) throws SQLException {
        try (var connection = postgres.dataSource().getConnection();
                var statement = connection.createStatement()) {
            for (var sql : List.of(statements)) {
                statement.execute(sql);
            }
        }
    }

    private static String value(EmbeddedPostgres postgres, String query) throws SQLException {
        try (var connection = postgres.dataSource().getConnection();
                var statement = connection.createStatement();
                var result = statement.executeQuery(query)) {
            result.next();
            return result.getString(1);
        }
    }

    private static String setting(java.sql.Statement statement, String name) throws SQLException {
        try (var result = statement.executeQuery("show " + name)) {
            result.next();
            return result.getString(1);
        }
    }
}
