package dev.idmap.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;

/**
 * A PostgreSQL cluster of its own (initdb in a temporary directory, on a free port) that a test may stop and start
 * again, unlike the shared local server other tests use. Uses the binaries of the installed PostgreSQL
 * ({@code /usr/lib/postgresql/<version>/bin}, or {@code IDMAP_TEST_PG_BIN}); as root it runs them as {@code postgres}.
 */
public final class ThrowawayPostgres implements AutoCloseable {

    private final Path dir;
    private final Path bin;
    private final int port;

    private ThrowawayPostgres(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    public static ThrowawayPostgres start() {
        try {
            var dir = Files.createTempDirectory("idmap-pg-");
            var bin = binaries();
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            var pg = new ThrowawayPostgres(dir, bin, port);
            if (asRoot()) {
                pg.run(List.of("chown", "postgres", dir.toString()), false);
            }
            pg.run(
                    List.of(
                            bin.resolve("initdb").toString(),
                            "-D",
                            pg.data(),
                            "-U",
                            "postgres",
                            "-A",
                            "trust",
                            "--no-sync",
                            "-E",
                            "UTF8"),
                    true);
            pg.startServer();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() {
        return "postgres";
    }

    /** Stops the server (fast shutdown: connections are terminated, as in a restart for maintenance). */
    public void stopServer() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w", "stop"), true);
    }

    public void startServer() {
        run(
                List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data(),
                        "-w",
                        "-l",
                        dir.resolve("log").toString(),
                        "-o",
                        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                        "start"),
                true);
    }

    @Override
    public void close() {
        try {
            stopServer();
        } catch (RuntimeException ignored) {
            // already stopped
        }
        FileUtils.deleteQuietly(dir.toFile()); // a temporary directory
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private void run(List<String> command, boolean asPostgres) {
        var full = new ArrayList<String>();
        if (asPostgres && asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            var process = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("commands.log").toFile())
                    .start();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(
                        "failed: " + String.join(" ", full) + "\n" + Files.readString(dir.resolve("commands.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path binaries() throws IOException {
        var configured = System.getenv("IDMAP_TEST_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.sorted(Comparator.reverseOrder())
                    .map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no PostgreSQL binaries under /usr/lib/postgresql; set IDMAP_TEST_PG_BIN"));
        }
    }
}
