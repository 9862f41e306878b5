package dev.idmap.service.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reports as files in a directory; links point at idmap itself ({@code /files/<jobId>/<file>?expires=…&signature=…})
 * and are signed with HMAC, so they need no credentials and cannot be altered or extended.
 */
public final class LocalReportStore implements ReportStore {

    static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{1,64}/[A-Za-z0-9._-]{1,200}");

    private final Path directory;
    private final LinkSigner signer;
    private final Clock clock;
    private final URI publicUrl;

    public LocalReportStore(Path directory, LinkSigner signer, Clock clock, URI publicUrl) {
        this.directory = directory.toAbsolutePath().normalize();
        this.signer = signer;
        this.clock = clock;
        this.publicUrl = publicUrl;
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the report directory " + this.directory, e);
        }
    }

    @Override
    public void put(String key, Path file) {
        var target = path(key);
        try {
            Files.createDirectories(target.getParent());
            var temporary = target.resolveSibling(target.getFileName() + ".part");
            Files.copy(file, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store report " + key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    @Override
    public Optional<InputStream> open(String key) {
        try {
            return Optional.of(Files.newInputStream(path(key)));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report " + key, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            var file = path(key);
            Files.deleteIfExists(file);
            try (var rest = Files.list(file.getParent())) {
                if (rest.findAny().isEmpty()) {
                    Files.deleteIfExists(file.getParent());
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete report " + key, e);
        }
    }

    @Override
    public URI link(String key, Duration lifetime, URI callerBase) {
        var expires = clock.instant().plus(lifetime).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        var base = (publicUrl != null ? publicUrl : callerBase).toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/files/" + path(key).getParent().getFileName() + "/"
                + URLEncoder.encode(ReportStore.fileName(key), StandardCharsets.UTF_8)
                + "?expires=" + expires.getEpochSecond()
                + "&signature=" + signer.sign(key, expires));
    }

    @Override
    public void check() {
        if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
            throw new IllegalStateException("the report directory " + directory + " is not a writable directory");
        }
    }

    Path path(String key) {
        if (!KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("not a report key: " + key);
        }
        return directory.resolve(key);
    }

    /** What a presented link is worth. */
    public sealed interface LinkCheck {
        record Valid(Path file, String fileName) implements LinkCheck {}

        record Expired() implements LinkCheck {}

        record Invalid() implements LinkCheck {}

        record Missing() implements LinkCheck {}
    }

    /** Checks a link served by idmap: signature first, then expiry, then the file. */
    public LinkCheck check(String jobId, String fileName, String expires, String signature) {
        var key = jobId + "/" + fileName;
        if (!KEY.matcher(key).matches() || key.contains("..") || expires == null || !expires.matches("[0-9]{1,12}")) {
            return new LinkCheck.Invalid();
        }
        var expiry = java.time.Instant.ofEpochSecond(Long.parseLong(expires));
        if (!signer.verify(key, expiry, signature)) {
            return new LinkCheck.Invalid();
        }
        if (!clock.instant().isBefore(expiry)) {
            return new LinkCheck.Expired();
        }
        var file = path(key);
        return Files.isRegularFile(file) ? new LinkCheck.Valid(file, fileName) : new LinkCheck.Missing();
    }
}
