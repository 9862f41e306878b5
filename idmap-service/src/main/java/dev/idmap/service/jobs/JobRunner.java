package dev.idmap.service.jobs;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.engine.MappingEngine;
import dev.idmap.core.engine.MappingOutcome;
import dev.idmap.core.engine.MappingRequest;
import dev.idmap.core.engine.Progress;
import dev.idmap.core.engine.ProgressListener;
import dev.idmap.core.engine.RunStopped;
import dev.idmap.core.engine.StopSignal;
import dev.idmap.service.config.Sites;
import dev.idmap.service.lookup.LookupTable;
import dev.idmap.service.storage.ReportStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one job on a db-scheduler thread: marks it IN_PROGRESS, runs the engine with the job id as run id (so a job
 * taken over after a crash resumes from its checkpoints), stores the reports, loads the mappings for lookups and
 * marks it SUCCESS. Every failure ends the job as ERROR with a message saying what to fix; nothing escapes to the
 * scheduler, so a job is never retried behind the caller's back.
 *
 * <p>A running job is stopped cooperatively (its {@link StopSignal} is raised, the engine stops at its next
 * entity, part or phase), never by interrupting its thread: an interrupt during a database file write breaks an
 * embedded database for every caller. Three things stop a job: a cancel (the job is already ERROR; its staged data
 * is discarded), the node shutting down (the job stays IN_PROGRESS, its execution is due again at once, so it
 * continues here after a restart or on another node), and a lost database (the job waits for the database and
 * continues from its checkpoints).
 */
public class JobRunner {

    public static final String TASK_NAME = "idmap-job";
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    private static final Duration PROGRESS_WRITE_INTERVAL = Duration.ofMillis(500);
    /** How soon an execution handed back (shutdown, duplicate) is due again. */
    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);

    private final Jobs jobs;
    private final MappingEngine engine;
    private final Sites sites;
    private final ReportStore store;
    private final Clock clock;
    private final Path workDir;
    private final JobMetrics metrics;
    private final LookupTable lookups;
    private final DatabaseOutage database;
    private final CustomTask<Void> task;
    private final ConcurrentHashMap<String, RunningJob> running = new ConcurrentHashMap<>();
    private volatile boolean closing;

    public JobRunner(
            Jobs jobs,
            MappingEngine engine,
            Sites sites,
            ReportStore store,
            Clock clock,
            Path workDir,
            JobMetrics metrics,
            LookupTable lookups,
            DatabaseOutage database) {
        this.jobs = jobs;
        this.engine = engine;
        this.sites = sites;
        this.store = store;
        this.clock = clock;
        this.workDir = workDir;
        this.metrics = metrics;
        this.lookups = lookups;
        this.database = database;
        this.task = Tasks.custom(TASK_NAME, Void.class)
                .onDeadExecutionRevive()
                .execute((instance, context) -> switch (run(instance.getId())) {
                    case DONE -> new CompletionHandler.OnCompleteRemove<>();
                    case AGAIN ->
                        (complete, operations) ->
                                operations.reschedule(complete, clock.instant().plus(RETRY_DELAY));
                });
    }

    public CustomTask<Void> task() {
        return task;
    }

    /** What becomes of the job's execution when a run returns. */
    enum Completion {
        /** the job is final (or gone): remove the execution */
        DONE,
        /** the job is still active and must run again (this node is closing, or another run of it is here) */
        AGAIN
    }

    /** Why a running job was asked to stop. */
    enum StopReason {
        CANCELLED,
        SHUTDOWN
    }

    /** A job running on this node: its stop signal, and a latch counted down when its run has returned. */
    private static final class RunningJob implements StopSignal {
        private volatile StopReason reason;
        private final CountDownLatch returned = new CountDownLatch(1);

        void stop(StopReason why) {
            if (reason == null) {
                reason = why;
            }
        }

        @Override
        public boolean stopRequested() {
            return reason != null;
        }
    }

    /** Asks the job to stop at its next checkpoint if it runs on this node (after it was cancelled). */
    void cancelled(String jobId) {
        var job = running.get(jobId);
        if (job != null) {
            job.stop(StopReason.CANCELLED);
        }
    }

    /**
     * Asks every job running here to stop at its next checkpoint and waits until their runs have returned (at most
     * {@code timeout}); new executions are handed back. Called when the node shuts down.
     */
    public void stopAll(Duration timeout) {
        closing = true;
        var deadline = clock.instant().plus(timeout);
        running.values().forEach(job -> job.stop(StopReason.SHUTDOWN));
        for (var entry : running.entrySet()) {
            try {
                var left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || !entry.getValue().returned.await(left.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("job {} did not reach a checkpoint within {}", entry.getKey(), timeout);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Removes the staged data of runs that are no longer active jobs (left behind by a crash after the end). */
    public void discardStagingOfEndedJobs() {
        var active = Set.copyOf(jobs.activeJobIds());
        for (var runId : engine.stagedRunIds()) {
            if (!active.contains(runId) && !running.containsKey(runId)) {
                log.info("discarding the staged data of ended job {}", runId);
                discardIfEnded(runId);
            }
        }
    }

    Completion run(String jobId) {
        if (closing) {
            return Completion.AGAIN;
        }
        var handle = new RunningJob();
        if (running.putIfAbsent(jobId, handle) != null) {
            // a revived execution of a job whose run is still here (e.g. heartbeats lost during a database outage)
            return Completion.AGAIN;
        }
        MDC.put("jobId", jobId);
        try {
            while (true) {
                try {
                    return attempt(jobId, handle);
                } catch (RuntimeException e) {
                    if (!DatabaseOutage.isCause(e) && database.available()) {
                        log.error("job {}: unexpected failure outside the engine", jobId, e);
                        return Completion.AGAIN;
                    }
                    log.warn(
                            "job {} paused: the database is unreachable ({}); it continues when the database is back",
                            jobId,
                            e.getMessage());
                    if (!database.awaitAvailable(handle)) {
                        return Completion.AGAIN;
                    }
                    log.info("job {} continues: the database is reachable again", jobId);
                }
            }
        } finally {
            running.remove(jobId, handle);
            handle.returned.countDown();
            MDC.remove("jobId");
        }
    }

    private Completion attempt(String jobId, RunningJob handle) {
        var found = jobs.find(jobId);
        if (found.isEmpty() || !found.get().status().active()) {
            return Completion.DONE; // cancelled or deleted before it started
        }
        var job = found.get();
        if (!jobs.markStarted(jobId, clock.instant())) {
            return Completion.DONE;
        }
        return execute(job, handle);
    }

    /** Runs the engine and publishes; a lost database is thrown (the caller waits and runs it again). */
    private Completion execute(Job job, RunningJob handle) {
        var started = clock.instant();
        var outputDir = workDir.resolve(job.jobId());
        try {
            var source = sites.byUrl(job.sourceUrl()).orElseThrow(() -> new SiteNoLongerConfigured(job.sourceUrl()));
            var destination = sites.byUrl(job.destinationUrl())
                    .orElseThrow(() -> new SiteNoLongerConfigured(job.destinationUrl()));
            Files.createDirectories(outputDir);
            var request = new MappingRequest(
                    job.jobId(),
                    job.product(),
                    sites.connect(source),
                    sites.connect(destination),
                    Set.of(),
                    Set.of(),
                    handle);
            log.info("job {} started: {} {} -> {}", job.jobId(), job.product(), job.sourceUrl(), job.destinationUrl());
            var progress = new ProgressWriter(
                    job.jobId(),
                    handle,
                    job.state() instanceof JobState.Running r ? r.progress().percent() : 0);
            var outcome = engine.run(request, outputDir, progress);
            metrics.outboundRequests(source.name(), destination.name(), outcome.requestsPerSite());
            request.checkpoint();
            publish(job, request, outcome, progress, started);
            return Completion.DONE;
        } catch (RunStopped stopped) {
            if (handle.reason == StopReason.SHUTDOWN) {
                log.info("job {} stopped at a checkpoint for shutdown; it continues when a node runs it", job.jobId());
                return Completion.AGAIN;
            }
            log.info("job {} stopped after it was cancelled", job.jobId());
            return Completion.DONE;
        } catch (RuntimeException e) {
            if (DatabaseOutage.isCause(e) || !database.available()) {
                throw e; // not the job's fault: the caller waits for the database and runs it again
            }
            switch (e) {
                case CrawlFailure failure -> end(job, "Report generation failed: " + failure.getMessage(), started);
                case SiteNoLongerConfigured failure -> misconfigured(job, failure, started);
                case Sites.SiteSecretMissing failure -> misconfigured(job, failure, started);
                default -> internalError(job, e, started);
            }
            return Completion.DONE;
        } catch (IOException e) {
            internalError(job, e, started);
            return Completion.DONE;
        } finally {
            deleteQuietly(outputDir);
            if (handle.reason != StopReason.SHUTDOWN) {
                discardIfEnded(job.jobId());
            }
        }
    }

    private void misconfigured(Job job, RuntimeException failure, Instant started) {
        end(
                job,
                "Report generation failed: " + failure.getMessage() + ". Fix the configuration and trigger again.",
                started);
    }

    private void internalError(Job job, Exception e, Instant started) {
        if (isCancelled(job.jobId())) {
            log.info("job {} stopped after it was cancelled", job.jobId());
            return;
        }
        log.error("job {} failed", job.jobId(), e);
        end(
                job,
                "Report generation failed: internal error (" + e.getClass().getSimpleName()
                        + "). Retry with the trigger API; if it fails again, contact your idmap administrator with"
                        + " job ID " + job.jobId() + ".",
                started);
    }

    /**
     * Discards the staged data of a job that has ended (lookups too unless it succeeded); when the database cannot
     * say, the data is kept and the start-up sweep removes it later.
     */
    private void discardIfEnded(String jobId) {
        JobState state;
        try {
            state = jobs.find(jobId).map(Job::state).orElse(null);
        } catch (RuntimeException e) {
            return;
        }
        if (state == null || !state.status().active()) {
            discard(jobId, !(state instanceof JobState.Succeeded));
        }
    }

    /**
     * A final job's staged entities, checkpoints and decisions are of no further use: a retry is a new job. Lookups
     * stay only for a succeeded job (a cancel during publishing may have left some).
     */
    private void discard(String jobId, boolean lookupsToo) {
        try {
            if (lookupsToo) {
                lookups.delete(jobId);
            }
            engine.discard(jobId);
        } catch (RuntimeException e) {
            log.warn("could not discard the staged data of job {}: {}", jobId, e.getMessage());
        }
    }

    /**
     * Stores the reports and fills the lookup table from the engine's decision stream (every decision, users and
     * groups included; memory bounded by one insert batch), then marks the job SUCCESS with the engine's summary.
     */
    private void publish(
            Job job, MappingRequest request, MappingOutcome outcome, ProgressWriter progress, Instant started)
            throws IOException {
        var compatible = digest(outcome.compatibleReport());
        var detailed = digest(outcome.detailedReport());
        store.put(job.reportKey(false), outcome.compatibleReport());
        store.put(job.reportKey(true), outcome.detailedReport());
        progress.publishing(0, 0);
        long loaded = lookups.fill(
                job.jobId(),
                job.product(),
                sink -> engine.forEachDecision(request, sink),
                n -> progress.publishing(0, n));
        progress.publishing(1, loaded);
        var result = new JobResult(outcome.summary(), compatible, detailed);
        if (jobs.succeed(job.jobId(), result, clock.instant())) {
            metrics.finished(JobStatus.SUCCESS, Duration.between(started, clock.instant()));
            log.info(
                    "job {} succeeded: {} rows, {} matched, {} lookups",
                    job.jobId(),
                    outcome.summary().rows(),
                    outcome.summary().matched(),
                    loaded);
            outcome.summary().warnings().forEach(warning -> log.warn("job {}: {}", job.jobId(), warning));
        } else {
            // cancelled while the reports were being stored: they must not outlive the job's final state
            store.delete(job.reportKey(false));
            store.delete(job.reportKey(true));
            lookups.delete(job.jobId());
        }
    }

    private void end(Job job, String message, Instant started) {
        if (jobs.fail(job.jobId(), message, clock.instant())) {
            metrics.finished(JobStatus.ERROR, Duration.between(started, clock.instant()));
            log.warn("job {} ended with ERROR: {}", job.jobId(), message);
        }
    }

    private boolean isCancelled(String jobId) {
        return jobs.find(jobId)
                .map(j -> j.state() instanceof JobState.Cancelled)
                .orElse(true);
    }

    static JobResult.ReportFile digest(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            var size = in.transferTo(OutputStream.nullOutputStream());
            return new JobResult.ReportFile(
                    size,
                    HexFormat.of()
                            .formatHex(
                                    ((DigestInputStream) in).getMessageDigest().digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileUtils.deleteDirectory(dir.toFile());
        } catch (IOException e) {
            log.warn("could not delete the work directory {}: {}", dir, e.getMessage());
        }
    }

    /**
     * Writes progress to the job row, at most twice a second and on every phase change. A write that finds the job
     * no longer IN_PROGRESS (cancelled through another node) stops the run. Progress behind what the row already
     * shows (a job resumed after a restart walks its finished parts again) is not written: the job's percentage never
     * goes back.
     */
    private final class ProgressWriter implements ProgressListener {
        private final String jobId;
        private final RunningJob handle;
        private Instant lastWrite = Instant.MIN;
        private JobPhase lastPhase;
        private int furthest;

        ProgressWriter(String jobId, RunningJob handle, int furthest) {
            this.jobId = jobId;
            this.handle = handle;
            this.furthest = furthest;
        }

        @Override
        public void onProgress(Progress progress) {
            write(JobProgress.of(progress));
        }

        /** The service's own last phase, one part: done when every decision is in the lookup table. */
        void publishing(int done, long loaded) {
            write(new JobProgress(JobPhase.PUBLISH, done, 1, loaded));
        }

        private synchronized void write(JobProgress progress) {
            try {
                var now = clock.instant();
                if (progress.percent() < furthest) {
                    return;
                }
                if (progress.phase() != lastPhase || !now.isBefore(lastWrite.plus(PROGRESS_WRITE_INTERVAL))) {
                    if (!jobs.updateProgress(jobId, progress)) {
                        handle.stop(StopReason.CANCELLED);
                    }
                    lastWrite = now;
                    lastPhase = progress.phase();
                    furthest = progress.percent();
                }
            } catch (RuntimeException e) {
                log.warn("could not record progress of job {}: {}", jobId, e.getMessage());
            }
        }
    }

    static final class SiteNoLongerConfigured extends RuntimeException {
        SiteNoLongerConfigured(String url) {
            super("the site " + url + " is no longer configured in idmap.sites");
        }
    }
}
