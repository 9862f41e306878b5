package dev.idmap.core.storage.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What PostgreSQL's {@code postmaster.pid} says: the server's process id on its first line, its data directory on the
 * second. Present while a server runs on the directory, and after one was killed.
 */
record PostmasterPid(long pid, Path dataDirectory) {

    static final String FILE = "postmaster.pid";

    static Optional<PostmasterPid> read(Path dataDirectory) {
        var file = dataDirectory.resolve(FILE);
        try {
            var lines = Files.readAllLines(file);
            if (lines.size() < 2) {
                return Optional.empty(); // being written, or truncated by a crash: nothing to stop
            }
            return Optional.of(new PostmasterPid(
                    Long.parseLong(lines.get(0).strip()), Path.of(lines.get(1).strip())));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // absent (no server), or not a pid file: nothing to stop
        }
    }

    /**
     * The live postgres process this file names, if it runs on {@code dataDirectory}: a PostgreSQL server changes its
     * working directory to its data directory, so {@code /proc/<pid>/cwd} tells it apart from an unrelated process
     * that got the same id after a crash.
     */
    Optional<ProcessHandle> liveServerOn(Path dataDirectory) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(process -> {
            try {
                var cwd = Path.of("/proc", Long.toString(pid), "cwd");
                if (Files.exists(cwd)) {
                    return Files.readSymbolicLink(cwd).equals(dataDirectory.toRealPath());
                }
            } catch (IOException e) {
                // not readable: judge by the command and the file's own data directory
            }
            return process.info().command().map(c -> c.endsWith("postgres")).orElse(false)
                    && this.dataDirectory.equals(dataDirectory);
        });
    }
}
