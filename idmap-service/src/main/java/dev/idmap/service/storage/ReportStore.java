package dev.idmap.service.storage;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where finished reports live, and how a caller without credentials fetches one: through a link that works with a
 * plain {@code curl -O} until it expires. Keys look like {@code <jobId>/<file name>}; the file name is the last
 * segment of every link, so that {@code curl -O} saves a sensible file.
 */
public interface ReportStore {

    /** Stores a CSV report under the key, replacing any previous one. */
    void put(String key, Path file);

    boolean exists(String key);

    /** The report's bytes, or empty when it does not exist. */
    Optional<InputStream> open(String key);

    /** Deletes the report; nothing happens if it does not exist. */
    void delete(String key);

    /**
     * A link that fetches the report without credentials for {@code lifetime}, then stops working; tampering with it
     * makes it fail too.
     *
     * @param callerBase idmap's own base URL (configured public URL, else its address; never the request's Host),
     *     for stores that serve links themselves
     */
    URI link(String key, Duration lifetime, URI callerBase);

    /** Throws when the store cannot be used (for readiness). */
    void check();

    /** The content type reports are served with. */
    String CSV = "text/csv; charset=utf-8";

    static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
