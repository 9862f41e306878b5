package dev.idmap.cli.client;

import dev.idmap.cli.CommandFailure;
import dev.idmap.cli.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Fetches a finished job's report through its download link and checks it against the SHA-256 of the status. */
final class Downloads {

    private Downloads() {}

    /** @throws CommandFailure (exit 1) when the file's SHA-256 is not the one the status gives; the file is removed */
    static Path fetchVerified(IdmapClient client, JobStatus job, boolean detailed, Path file) {
        var expected = job.sha256(detailed);
        if (expected.isEmpty()) {
            throw new CommandFailure(
                    ExitCode.FAILED,
                    "the status of job " + job.jobId() + " gives no SHA-256 for the "
                            + (detailed ? "detailed" : "compatible") + " report; is it SUCCESS?");
        }
        var parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            var partial = Files.createTempFile(parent, file.getFileName().toString(), ".part");
            client.fetch(client.download(job.jobId(), detailed), partial);
            var actual = sha256(partial);
            if (!actual.equalsIgnoreCase(expected)) {
                Files.deleteIfExists(partial);
                throw new CommandFailure(
                        ExitCode.FAILED,
                        "the downloaded report's SHA-256 is " + actual + ", the status says " + expected
                                + "; nothing was written to " + file);
            }
            return Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.FAILED, "cannot write " + file + ": " + e.getMessage());
        }
    }

    static String sha256(Path file) {
        try (var in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
