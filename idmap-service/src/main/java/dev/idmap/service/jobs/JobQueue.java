package dev.idmap.service.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import dev.idmap.core.model.Product;
import dev.idmap.service.config.IdmapProperties;
import dev.idmap.service.security.Caller;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates, finds and cancels jobs. A job is a row (the truth) plus a db-scheduler execution (the work), so any node
 * of a cluster may run it and a crashed node's job is taken over.
 */
public class JobQueue {

    private final Jobs jobs;
    private final SchedulerClient scheduler;
    private final JobRunner runner;
    private final Clock clock;
    private final IdmapProperties.Retention retention;
    private final FinalJobs finalJobs;

    public JobQueue(
            Jobs jobs, SchedulerClient scheduler, JobRunner runner, Clock clock, IdmapProperties.Retention retention) {
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.runner = runner;
        this.clock = clock;
        this.retention = retention;
        this.finalJobs = new FinalJobs(clock);
    }

    /** A trigger's answer: the new job, or the identical job that is already PENDING or IN_PROGRESS. */
    public record Triggered(Job job, boolean alreadyActive) {}

    public Triggered trigger(Caller caller, Product product, String sourceUrl, String destinationUrl) {
        var activeKey = activeKey(caller.name(), product, sourceUrl, destinationUrl);
        for (int attempt = 0; attempt < 3; attempt++) {
            var existing = jobs.findActive(activeKey);
            if (existing.isPresent()) {
                return new Triggered(existing.get(), true);
            }
            var job = new Job(
                    UUID.randomUUID().toString(),
                    caller.name(),
                    product,
                    sourceUrl,
                    destinationUrl,
                    JobStatus.PENDING,
                    clock.instant(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    false);
            if (jobs.insert(job, activeKey)) {
                schedule(job.jobId());
                return new Triggered(job, false);
            }
        }
        throw new IllegalStateException("could not create or find the job for " + product + " " + sourceUrl);
    }

    /** Makes sure a db-scheduler execution exists for the job (idempotent; used on trigger and on start-up). */
    public void schedule(String jobId) {
        scheduler.scheduleIfNotExists(runner.task().instance(jobId), clock.instant());
    }

    /** The job if it exists, has not expired and the caller may see it. */
    public Optional<Job> find(Caller caller, String jobId) {
        if (jobId == null || jobId.length() > 64) {
            return Optional.empty();
        }
        return finalJobs
                .find(jobId, jobs::find)
                .filter(job -> caller.maySee(job.owner()))
                .filter(job -> !expired(job));
    }

    public boolean expired(Job job) {
        return !job.status().active() && job.createdAt().plus(retention.job()).isBefore(clock.instant());
    }

    /** The report of a finished job is gone: deleted, or older than the report retention. */
    public boolean reportExpired(Job job) {
        return job.reportDeleted()
                || (job.completedAt() != null
                        && !job.completedAt().plus(retention.report()).isAfter(clock.instant()));
    }

    public record Page(List<Job> jobs, long total) {}

    public Page list(Caller caller, JobStatus status, long offset, int limit) {
        var owner = caller.admin() ? null : caller.name();
        return new Page(jobs.list(owner, status, offset, limit), jobs.count(owner, status));
    }

    /**
     * Ends an active job as ERROR with a message saying who cancelled it (durable before this returns), then asks
     * its run to stop at its next checkpoint: here at once, on another node at its next progress write. A final job
     * is returned unchanged.
     */
    public Job cancel(Caller caller, Job job) {
        var message = "Job was cancelled by " + caller.name() + " at " + clock.instant() + ".";
        if (jobs.fail(job.jobId(), message, clock.instant())) {
            runner.cancelled(job.jobId());
        }
        return jobs.find(job.jobId()).orElse(job);
    }

    static String activeKey(String owner, Product product, String sourceUrl, String destinationUrl) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", owner, product.name(), sourceUrl, destinationUrl)
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
