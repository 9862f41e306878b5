package dev.idmap.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A PostgreSQL server on this machine that {@code idmap map --database} works with: its processes (the postmaster
 * and everything it starts), so that its CPU time and memory are measured beside the engine's. Other clients of the
 * same server are counted too: the server must be otherwise quiet for the figures to be the engine's.
 */
final class DatabaseServer {

    private DatabaseServer() {}

    /**
     * The server's process tree, found through the pid of the backend serving a connection to {@code jdbcUrl} (as
     * {@code user} with {@code password}, either may be null when the URL or the environment gives them); empty
     * when the server is not on this machine (its backend's process is not here).
     */
    static Optional<ProcessTree> processes(String jdbcUrl, String user, String password) {
        var properties = new java.util.Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        try (var connection = DriverManager.getConnection(jdbcUrl, properties);
                var statement = connection.createStatement();
                var result = statement.executeQuery("select pg_backend_pid()")) {
            result.next();
            var backend = result.getLong(1);
            var stat = Files.readString(Path.of("/proc/" + backend + "/stat"));
            var postmaster =
                    Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
            var tree = new ProcessTree(postmaster);
            tree.sample();
            return Optional.of(tree);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + withoutSecrets(jdbcUrl) + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException notHere) {
            return Optional.empty();
        }
    }

    /** The URL without its query (where a password may be given). */
    static String withoutSecrets(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
