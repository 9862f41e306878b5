package dev.idmap.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.idmap.service.jobs.Job;
import dev.idmap.service.jobs.JobResult;
import dev.idmap.service.jobs.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The status body: Atlassian's {@code {jobId, status}} plus additive fields. Absent values are omitted.
 *
 * @param errorMessage only when ERROR: what failed and what to do
 * @param warnings only when SUCCESS and a site did not offer an entity type: which, the request and the answer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record JobView(
        String jobId,
        JobStatus status,
        String product,
        String sourceURL,
        String destinationURL,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        ProgressView progress,
        ResultView result,
        String errorMessage,
        List<JobResult.Warning> warnings) {

    record ProgressView(String phase, int partsDone, int partsTotal, long entitiesProcessed, int percent) {}

    record ResultView(
            long rows,
            long matched,
            long unmatched,
            long ambiguous,
            Map<String, Map<String, Long>> countsPerType,
            long sizeBytes,
            String sha256,
            ReportView detailedReport,
            boolean reportAvailable) {}

    record ReportView(long sizeBytes, String sha256) {}

    static JobView of(Job job, boolean reportAvailable) {
        ProgressView progress = null;
        if (job.progress() != null) {
            var p = job.progress();
            var done = job.status() == JobStatus.SUCCESS;
            progress = new ProgressView(
                    done ? "DONE" : p.phase(),
                    done ? p.partsTotal() : p.partsDone(),
                    p.partsTotal(),
                    p.entitiesProcessed(),
                    done ? 100 : p.percent());
        } else if (job.status() == JobStatus.PENDING) {
            progress = new ProgressView("QUEUED", 0, 0, 0, 0);
        }
        ResultView result = null;
        if (job.result() != null) {
            var r = job.result();
            result = new ResultView(
                    r.rows(),
                    r.matched(),
                    r.unmatched(),
                    r.ambiguous(),
                    r.countsPerType(),
                    r.sizeBytes(),
                    r.sha256(),
                    new ReportView(r.detailedSizeBytes(), r.detailedSha256()),
                    reportAvailable);
        }
        return new JobView(
                job.jobId(),
                job.status(),
                job.product().name(),
                job.sourceUrl(),
                job.destinationUrl(),
                job.createdAt(),
                job.startedAt(),
                job.completedAt(),
                progress,
                result,
                job.status() == JobStatus.ERROR ? job.errorMessage() : null,
                job.result() == null || job.result().warnings().isEmpty()
                        ? null
                        : job.result().warnings());
    }
}
