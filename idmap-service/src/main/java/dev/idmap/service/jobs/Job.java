package dev.idmap.service.jobs;

import dev.idmap.core.engine.Progress;
import dev.idmap.core.model.Product;
import java.time.Instant;

/**
 * One Id Mapping job as stored.
 *
 * @param owner the API caller that triggered it
 * @param progress last progress reported by the engine; null before it started
 * @param result null until SUCCESS
 * @param errorMessage null unless ERROR
 * @param reportDeleted the report files were deleted (expired or swept)
 */
public record Job(
        String jobId,
        String owner,
        Product product,
        String sourceUrl,
        String destinationUrl,
        JobStatus status,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        Progress progress,
        JobResult result,
        String errorMessage,
        boolean reportDeleted) {

    /** Storage key of a report; it ends with the file name so that {@code curl -O} saves a sensible file. */
    public String reportKey(boolean detailed) {
        return jobId + "/" + fileName(detailed);
    }

    public String fileName(boolean detailed) {
        return "idmap-" + product.name().toLowerCase(java.util.Locale.ROOT) + "-" + jobId
                + (detailed ? "-detailed" : "") + ".csv";
    }
}
