package dev.idmap.service.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.idmap.core.crawl.NotAvailable;
import dev.idmap.core.model.Product;
import dev.idmap.core.report.RunSummary;
import dev.idmap.service.jobs.Job;
import dev.idmap.service.jobs.JobPhase;
import dev.idmap.service.jobs.JobProgress;
import dev.idmap.service.jobs.JobResult;
import dev.idmap.service.jobs.JobState;
import dev.idmap.service.jobs.JobStatus;
import java.time.Instant;
import java.util.List;

/**
 * The status body: Atlassian's {@code {jobId, status}} plus additive fields. Absent values are omitted.
 *
 * @param errorMessage only when ERROR: what failed and what to do, or who cancelled the job
 * @param warnings only when SUCCESS and a site did not offer an entity type or some details: which, the request and
 *     the answer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record JobView(
        String jobId,
        JobStatus status,
        Product product,
        String sourceURL,
        String destinationURL,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        ProgressView progress,
        ResultView result,
        String errorMessage,
        List<Warning> warnings) {

    /**
     * An entity type one site did not offer, or details of one kind it did not give; everything else was mapped.
     *
     * @param side {@code SOURCE} or {@code DESTINATION}
     * @param entityType its namespace
     * @param container the project or space key when one container's listing was refused, else absent
     * @param request the request the site refused, relative to its base URL (for details: one of them)
     * @param answer the site's answer
     * @param message one line saying all of it and what it means for the reports
     * @param items for details only: how many items lack them (requests of one kind, answered with one status)
     * @param examples for details only: the first few of those items, e.g. {@code issue ABC-1}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Warning(
            String side,
            String entityType,
            String container,
            String request,
            String answer,
            String message,
            Long items,
            List<String> examples) {
        static Warning of(NotAvailable missing) {
            var details = !missing.wholeType() && missing.items() > 0;
            return new Warning(
                    missing.side().name(),
                    missing.type().namespace(),
                    missing.containerKey(),
                    missing.request(),
                    missing.answer(),
                    missing.message(),
                    details ? missing.items() : null,
                    details ? missing.examples() : null);
        }
    }

    /**
     * @param percent the whole job, never decreasing, 100 when it succeeded
     * @param phasePercent the current phase alone
     */
    record ProgressView(
            JobPhase phase, int partsDone, int partsTotal, long entitiesProcessed, int percent, int phasePercent) {
        static ProgressView of(JobProgress progress) {
            return new ProgressView(
                    progress.phase(),
                    progress.partsDone(),
                    progress.partsTotal(),
                    progress.entitiesProcessed(),
                    progress.percent(),
                    progress.phasePercent());
        }
    }

    /** The engine's summary as it is (rows, matched, unmatched, ambiguous, countsPerType), plus the files. */
    record ResultView(
            @JsonUnwrapped @JsonIgnoreProperties("notAvailable")
            RunSummary summary,

            long sizeBytes,
            String sha256,
            JobResult.ReportFile detailedReport,
            boolean reportAvailable) {
        static ResultView of(JobResult result, boolean reportAvailable) {
            return new ResultView(
                    result.summary(),
                    result.compatibleReport().sizeBytes(),
                    result.compatibleReport().sha256(),
                    result.detailedReport(),
                    reportAvailable);
        }
    }

    static JobView of(Job job, boolean reportAvailable) {
        return switch (job.state()) {
            case JobState.Pending p -> view(job, null, null, JobProgress.QUEUED, null, null);
            case JobState.Running r -> view(job, r.startedAt(), null, r.progress(), null, null);
            case JobState.Succeeded s ->
                view(
                        job,
                        s.startedAt(),
                        s.completedAt(),
                        s.progress().done(),
                        ResultView.of(s.result(), reportAvailable),
                        null);
            case JobState.Failed f -> view(job, f.startedAt(), f.completedAt(), f.progress(), null, f.message());
            case JobState.Cancelled c -> view(job, c.startedAt(), c.completedAt(), c.progress(), null, c.message());
        };
    }

    private static List<Warning> warnings(Job job) {
        if (job.state() instanceof JobState.Succeeded s
                && !s.result().summary().notAvailable().isEmpty()) {
            return s.result().summary().notAvailable().stream().map(Warning::of).toList();
        }
        return null;
    }

    private static JobView view(
            Job job,
            Instant startedAt,
            Instant completedAt,
            JobProgress progress,
            ResultView result,
            String errorMessage) {
        return new JobView(
                job.jobId(),
                job.status(),
                job.product(),
                job.sourceUrl(),
                job.destinationUrl(),
                job.createdAt(),
                startedAt,
                completedAt,
                ProgressView.of(progress),
                result,
                errorMessage,
                warnings(job));
    }
}
