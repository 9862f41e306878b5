package dev.idmap.service.jobs;

import dev.idmap.core.model.Product;
import java.time.Instant;
import java.util.Locale;

/**
 * One Id Mapping job as stored.
 *
 * @param owner the API caller that triggered it
 * @param state where it stands, with only that state's data
 * @param reportDeleted the report files were deleted (expired or swept)
 */
public record Job(
        String jobId,
        String owner,
        Product product,
        String sourceUrl,
        String destinationUrl,
        Instant createdAt,
        JobState state,
        boolean reportDeleted) {

    public JobStatus status() {
        return state.status();
    }

    /** Storage key of a report; it ends with the file name so that {@code curl -O} saves a sensible file. */
    public String reportKey(boolean detailed) {
        return jobId + "/" + fileName(detailed);
    }

    public String fileName(boolean detailed) {
        return "idmap-" + product.name().toLowerCase(Locale.ROOT) + "-" + jobId + (detailed ? "-detailed" : "")
                + ".csv";
    }
}
