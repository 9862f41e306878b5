package dev.idmap.service.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import dev.idmap.core.model.Product;
import dev.idmap.service.config.IdmapProperties;
import dev.idmap.service.lookup.Lookup;
import dev.idmap.service.lookup.LookupQuery;
import dev.idmap.service.lookup.Lookups;
import dev.idmap.service.security.Caller;
import dev.idmap.service.security.TriggerRateLimiter;
import dev.idmap.service.storage.ReportStore;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The application service behind every endpoint: trigger (with the caller's rate), status, list, cancel, report
 * access and lookups. Each rule lives here once: who may see a job, when it expires, when its report is usable.
 *
 * <p>A job is a row (the truth) plus a db-scheduler execution (the work), so any node of a cluster may run it and
 * a crashed node's job is taken over.
 */
public class JobQueue {

    private final Jobs jobs;
    private final SchedulerClient scheduler;
    private final JobRunner runner;
    private final ReportStore store;
    private final Lookups lookups;
    private final TriggerRateLimiter rateLimiter;
    private final Clock clock;
    private final IdmapProperties properties;
    private final FinalJobs finalJobs;

    public JobQueue(
            Jobs jobs,
            SchedulerClient scheduler,
            JobRunner runner,
            ReportStore store,
            Lookups lookups,
            TriggerRateLimiter rateLimiter,
            Clock clock,
            IdmapProperties properties) {
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.runner = runner;
        this.store = store;
        this.lookups = lookups;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
        this.properties = properties;
        this.finalJobs = new FinalJobs(clock, properties.retention());
    }

    /** A trigger's answer: the new job, or the identical job that is already PENDING or IN_PROGRESS. */
    public record Triggered(Job job, boolean alreadyActive) {}

    /** What a trigger asks for: a product and a pair of configured sites. */
    public record Target(Product product, String sourceUrl, String destinationUrl) {}

    /**
     * Creates a job, or returns the caller's identical active one. Only a valid trigger counts against the caller's
     * trigger rate: a refused one costs no token (a caller fixing a typo is not locked out by it); a flood of bad
     * requests costs idmap no more than any other refused request.
     *
     * @param target reads and validates the request (it may throw the validation failure)
     * @throws TriggerRateExceeded above the rate
     */
    public Triggered trigger(Caller caller, Supplier<Target> target) {
        var wanted = target.get();
        rateLimiter.acquire(caller.name()).ifPresent(wait -> {
            throw new TriggerRateExceeded(wait, properties.api().triggerRate().perMinute());
        });
        return create(caller, wanted.product(), wanted.sourceUrl(), wanted.destinationUrl());
    }

    private Triggered create(Caller caller, Product product, String sourceUrl, String destinationUrl) {
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
                    clock.instant(),
                    new JobState.Pending(),
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

    /** Schedules every active job; jobs accepted but never handed to the scheduler (a crash between) run too. */
    public void scheduleActive() {
        jobs.activeJobIds().forEach(this::schedule);
    }

    /**
     * The job, if it exists, has not expired and the caller may see it.
     *
     * @throws JobNotFound otherwise
     */
    public Job status(Caller caller, String jobId) {
        return find(caller, jobId).orElseThrow(() -> new JobNotFound(jobId));
    }

    public record Page(List<Job> jobs, long total) {}

    /** The caller's jobs (an admin's: everyone's), newest first; {@code status == null} means any. */
    public Page list(Caller caller, JobStatus status, long offset, int limit) {
        var owner = caller.admin() ? null : caller.name();
        var page = jobs.list(owner, status, offset, limit).stream()
                .filter(job -> !expired(job))
                .toList();
        return new Page(page, jobs.count(owner, status));
    }

    /** The caller's newest job, not expired, for this product and pair of sites. */
    public Optional<Job> latest(Caller caller, Product product, String sourceUrl, String destinationUrl) {
        return jobs.latest(caller.name(), product, sourceUrl, destinationUrl).filter(job -> !expired(job));
    }

    /**
     * Ends an active job as cancelled by the caller, and asks its run to stop at its next checkpoint.
     *
     * @throws JobNotFound when the caller cannot see it
     * @throws JobAlreadyEnded when it is final
     */
    public Job cancel(Caller caller, String jobId) {
        var job = status(caller, jobId);
        if (!job.status().active()) {
            throw new JobAlreadyEnded(job);
        }
        // durable before the answer; the run stops at its next checkpoint (here at once, elsewhere at its next
        // progress write)
        if (!jobs.cancel(jobId, caller.name(), clock.instant())) {
            // it ended between the read above and the update (finished, failed, or cancelled elsewhere)
            throw new JobAlreadyEnded(jobs.find(jobId).orElse(job));
        }
        runner.cancelled(jobId);
        return jobs.find(jobId).orElse(job);
    }

    /**
     * Whether the job's report can be used.
     *
     * @throws JobNotFound when the caller cannot see it
     */
    public ReportAccess report(Caller caller, String jobId) {
        return access(status(caller, jobId));
    }

    public ReportAccess access(Job job) {
        return switch (job.state()) {
            case JobState.Pending p -> new ReportAccess.NotYet(job);
            case JobState.Running r -> new ReportAccess.NotYet(job);
            case JobState.Failed f -> new ReportAccess.NoReport(job);
            case JobState.Cancelled c -> new ReportAccess.NoReport(job);
            case JobState.Succeeded s ->
                reportExpired(job, s) ? new ReportAccess.Expired(job) : new ReportAccess.Ready(job);
        };
    }

    /** A download link for a ready report, valid for the configured link lifetime; empty when the file is gone. */
    public Optional<URI> link(ReportAccess.Ready ready, boolean detailed, URI callerBase) {
        var key = ready.job().reportKey(detailed);
        if (!store.exists(key)) {
            return Optional.empty();
        }
        return Optional.of(store.link(key, properties.retention().link(), callerBase));
    }

    /** The report file of a ready job; empty when the file is gone. */
    public Optional<InputStream> open(ReportAccess.Ready ready, boolean detailed) {
        return store.open(ready.job().reportKey(detailed));
    }

    /**
     * Looks ids up in a ready job.
     *
     * @throws Lookups.UnknownEntityType when the entity type is not one of the job's product
     */
    public Lookup lookup(ReportAccess.Ready ready, LookupQuery query) {
        var job = ready.job();
        return lookups.answer(job.jobId(), job.product(), query);
    }

    /** Whether the report of this job is available to the caller; for the status body. */
    public boolean reportAvailable(Job job) {
        return access(job) instanceof ReportAccess.Ready;
    }

    private Optional<Job> find(Caller caller, String jobId) {
        if (jobId == null || jobId.length() > 64) {
            return Optional.empty();
        }
        return finalJobs
                .find(jobId, jobs::find)
                .filter(job -> caller.maySee(job.owner()))
                .filter(job -> !expired(job));
    }

    private boolean expired(Job job) {
        return !job.status().active()
                && job.createdAt().plus(properties.retention().job()).isBefore(clock.instant());
    }

    /** The report of a finished job is gone: deleted, or older than the report retention. */
    private boolean reportExpired(Job job, JobState.Succeeded succeeded) {
        return job.reportDeleted()
                || !succeeded
                        .completedAt()
                        .plus(properties.retention().report())
                        .isAfter(clock.instant());
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
