package dev.idmap.testsupport;

import dev.idmap.core.storage.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;

/** Ending a server that a test ran as a child process, without leaving its embedded database running. */
public final class ServerProcesses {

    private ServerProcesses() {}

    /**
     * {@link #stop}, then deletes the directory of the server's configuration and data ({@code TestServers.writeConfig}
     * makes it outside the test's own temporary directory).
     */
    public static void stopAndDelete(Process process, Path configDir) {
        stop(process, configDir.resolve("data"));
        FileUtils.deleteQuietly(configDir.toFile()); // a temporary directory
    }

    /**
     * SIGTERM, and {@code kill -9} if it has not exited within a minute; then, if a postmaster of the embedded database
     * in {@code dataDir} is left (a killed server leaves it), one start and stop of that database ends it.
     */
    public static void stop(Process process, Path dataDir) {
        if (process == null) {
            return;
        }
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var database = dataDir.resolve("postgres");
        if (Files.exists(database.resolve("data/postmaster.pid"))) {
            EmbeddedPostgres.start(database, 1).close();
        }
    }
}
