package dev.idmap.service.console;

import dev.idmap.service.jobs.JobAlreadyEnded;
import dev.idmap.service.jobs.JobQueue;
import dev.idmap.service.jobs.ReportAccess;
import dev.idmap.service.security.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One job: status and live progress, the summary per entity type, the unmatched and ambiguous rows (filtered by type
 * and status, searched, a page at a time), the two reports, and cancel.
 */
@Controller
class JobPage {

    static final int ROWS_PER_PAGE = 50;

    private final JobQueue jobs;
    private final DetailedRows rows;
    private final Clock clock;

    JobPage(JobQueue jobs, DetailedRows rows, Clock clock) {
        this.jobs = jobs;
        this.rows = rows;
        this.clock = clock;
    }

    @GetMapping("/console/jobs/{jobId}")
    String job(
            @PathVariable String jobId,
            @RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "status", defaultValue = "NOT_MATCHED") DetailedRows.RowStatus status,
            @RequestParam(name = "q", required = false) String text,
            @RequestParam(name = "page", defaultValue = "0") int page,
            @AuthenticationPrincipal Caller caller,
            Model model) {
        var job = jobs.status(caller, jobId);
        var summary = JobSummary.of(job, clock.instant());
        var entityType = type == null || type.isBlank() ? null : type;
        var filter = new DetailedRows.Filter(entityType, status, text);
        model.addAttribute("caller", caller);
        model.addAttribute("job", summary);
        model.addAttribute("filter", filter);
        model.addAttribute("statuses", DetailedRows.RowStatus.values());
        var access = jobs.access(job);
        model.addAttribute("reportAvailable", access instanceof ReportAccess.Ready);
        if (access instanceof ReportAccess.Ready ready) {
            model.addAttribute(
                    "rows",
                    rows.page(ready, filter, Math.max(0, page), ROWS_PER_PAGE).orElse(null));
        }
        return "console/job";
    }

    /** What the pages poll while a job runs. */
    record Progress(
            String jobId,
            String status,
            String statusLabel,
            String phase,
            int percent,
            int partsDone,
            int partsTotal,
            long entitiesProcessed,
            String startedAt,
            String completedAt,
            String duration,
            boolean active) {

        static Progress of(JobSummary job) {
            return new Progress(
                    job.jobId(),
                    job.status().name(),
                    job.statusLabel(),
                    job.phase(),
                    job.percent(),
                    job.partsDone(),
                    job.partsTotal(),
                    job.entitiesProcessed(),
                    job.startedAt(),
                    job.completedAt(),
                    job.duration(),
                    job.active());
        }
    }

    @GetMapping(path = "/console/jobs/{jobId}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Progress progress(@PathVariable String jobId, @AuthenticationPrincipal Caller caller) {
        return Progress.of(JobSummary.of(jobs.status(caller, jobId), clock.instant()));
    }

    /** The result section alone, fetched by the page when the job it shows has finished. */
    @GetMapping("/console/jobs/{jobId}/result")
    String result(@PathVariable String jobId, @AuthenticationPrincipal Caller caller, Model model) {
        var job = jobs.status(caller, jobId);
        model.addAttribute("job", JobSummary.of(job, clock.instant()));
        model.addAttribute("reportAvailable", jobs.reportAvailable(job));
        return "console/job :: result";
    }

    @GetMapping("/console/jobs/{jobId}/reports/{format}")
    ResponseEntity<Resource> report(
            @PathVariable String jobId, @PathVariable ReportFormat format, @AuthenticationPrincipal Caller caller) {
        if (!(jobs.report(caller, jobId) instanceof ReportAccess.Ready ready)) {
            throw new ReportNotAvailable(jobId);
        }
        var job = ready.job();
        var detailed = format == ReportFormat.detailed;
        var in = jobs.open(ready, detailed).orElseThrow(() -> new ReportNotAvailable(jobId));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(job.fileName(detailed))
                                .build()
                                .toString())
                .body(new InputStreamResource(in));
    }

    /** The two reports, named as in the API's {@code ?format=}. */
    enum ReportFormat {
        compatible,
        detailed
    }

    static final class ReportNotAvailable extends RuntimeException {
        ReportNotAvailable(String jobId) {
            super("The reports of job " + jobId + " are not available: the job has not succeeded, or its reports"
                    + " were deleted or have expired.");
        }
    }

    @PostMapping("/console/jobs/{jobId}/cancel")
    String cancel(@PathVariable String jobId, @AuthenticationPrincipal Caller caller, RedirectAttributes redirect) {
        try {
            jobs.cancel(caller, jobId);
            redirect.addFlashAttribute("notice", "Job cancelled.");
        } catch (JobAlreadyEnded e) {
            redirect.addFlashAttribute("notice", "The job had already ended; nothing was cancelled.");
        }
        return "redirect:/console/jobs/" + jobId;
    }
}
