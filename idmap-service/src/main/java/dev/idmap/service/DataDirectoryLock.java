package dev.idmap.service;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One server per data directory: its database files, work files and local reports are not shared. Held as an OS file
 * lock on {@code <data-dir>/idmap.lock} from before the database opens until the server stops; the OS releases it if
 * the process dies.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE = "idmap.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path dataDir) {
        var file = dataDir.toAbsolutePath().normalize().resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            var lock = channel.tryLock();
            if (lock == null) {
                throw inUse(file);
            }
            return new DataDirectoryLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(file);
        } catch (StartupFailure e) {
            closeQuietly(channel);
            throw e;
        } catch (IOException e) {
            closeQuietly(channel);
            throw StartupFailure.environment("cannot use the data directory " + file.getParent() + " (" + e.getMessage()
                    + "); set" + " idmap.data-dir to a writable directory");
        }
    }

    private static StartupFailure inUse(Path file) {
        return StartupFailure.environment("the data directory " + file.getParent() + " is in use by another idmap"
                + " server (" + file.getFileName() + " is locked); stop that server or give this one another"
                + " idmap.data-dir");
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
