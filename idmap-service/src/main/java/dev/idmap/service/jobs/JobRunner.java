package dev.idmap.service.jobs;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.engine.MappingEngine;
import dev.idmap.core.engine.MappingOutcome;
import dev.idmap.core.engine.MappingRequest;
import dev.idmap.core.engine.Progress;
import dev.idmap.core.engine.ProgressListener;
import dev.idmap.service.config.Sites;
import dev.idmap.service.lookup.LookupTable;
import dev.idmap.service.storage.ReportStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one job on a db-scheduler thread: marks it IN_PROGRESS, runs the engine with the job id as run id (so a job
 * taken over after a crash resumes from its checkpoints), stores the reports, loads the mappings for lookups and
 * marks it SUCCESS. Every failure ends the job as ERROR with a message saying what to fix; nothing escapes to the
 * scheduler, so a job is never retried behind the caller's back.
 */
public class JobRunner {

    public static final String TASK_NAME = "idmap-job";
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    private static final Duration PROGRESS_WRITE_INTERVAL = Duration.ofMillis(500);

    private final Jobs jobs;
    private final MappingEngine engine;
    private final Sites sites;
    private final ReportStore store;
    private final Clock clock;
    private final Path workDir;
    private final JobMetrics metrics;
    private final LookupTable lookups;
    private final OneTimeTask<Void> task;
    private final ConcurrentHashMap<String, Thread> running = new ConcurrentHashMap<>();

    public JobRunner(
            Jobs jobs,
            MappingEngine engine,
            Sites sites,
            ReportStore store,
            Clock clock,
            Path workDir,
            JobMetrics metrics,
            LookupTable lookups) {
        this.jobs = jobs;
        this.engine = engine;
        this.sites = sites;
        this.store = store;
        this.clock = clock;
        this.workDir = workDir;
        this.metrics = metrics;
        this.lookups = lookups;
        this.task =
                Tasks.oneTime(TASK_NAME).onDeadExecutionRevive().execute((instance, context) -> run(instance.getId()));
    }

    public OneTimeTask<Void> task() {
        return task;
    }

    /** Interrupts the job if it runs on this node (after it was cancelled). */
    void interrupt(String jobId) {
        var thread = running.get(jobId);
        if (thread != null) {
            thread.interrupt();
        }
    }

    void run(String jobId) {
        MDC.put("jobId", jobId);
        try {
            var found = jobs.find(jobId);
            if (found.isEmpty() || !found.get().status().active()) {
                return; // cancelled or deleted before it started
            }
            var job = found.get();
            if (!jobs.markStarted(jobId, clock.instant())) {
                return;
            }
            running.put(jobId, Thread.currentThread());
            try {
                execute(job);
            } finally {
                running.remove(jobId);
                Thread.interrupted(); // a cancel's interrupt must not leak into the scheduler's thread
            }
        } finally {
            MDC.remove("jobId");
        }
    }

    private void execute(Job job) {
        var started = clock.instant();
        var outputDir = workDir.resolve(job.jobId());
        try {
            var source = sites.byUrl(job.sourceUrl()).orElseThrow(() -> new SiteNoLongerConfigured(job.sourceUrl()));
            var destination = sites.byUrl(job.destinationUrl())
                    .orElseThrow(() -> new SiteNoLongerConfigured(job.destinationUrl()));
            Files.createDirectories(outputDir);
            var request = new MappingRequest(
                    job.jobId(), job.product(), sites.connect(source), sites.connect(destination), Set.of(), Set.of());
            log.info("job {} started: {} {} -> {}", job.jobId(), job.product(), job.sourceUrl(), job.destinationUrl());
            var progress = new ProgressWriter(job.jobId());
            var outcome = engine.run(request, outputDir, progress);
            metrics.outboundRequests(source.name(), destination.name(), outcome.requestsPerSite());
            publish(job, request, outcome, progress, started);
        } catch (CrawlFailure e) {
            end(job, "Report generation failed: " + e.getMessage(), started);
        } catch (SiteNoLongerConfigured | Sites.SiteSecretMissing e) {
            end(
                    job,
                    "Report generation failed: " + e.getMessage() + ". Fix the configuration and trigger again.",
                    started);
        } catch (RuntimeException | IOException e) {
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
        } finally {
            deleteQuietly(outputDir);
            var state = jobs.find(job.jobId()).map(Job::state).orElse(null);
            if (state == null || !state.status().active()) {
                discard(job.jobId(), !(state instanceof JobState.Succeeded));
            }
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
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not delete the work directory {}: {}", dir, e.getMessage());
        }
    }

    /** Writes progress to the job row, at most twice a second and on every phase change. */
    private final class ProgressWriter implements ProgressListener {
        private final String jobId;
        private Instant lastWrite = Instant.MIN;
        private JobPhase lastPhase;

        ProgressWriter(String jobId) {
            this.jobId = jobId;
        }

        @Override
        public void onProgress(Progress progress) {
            write(JobProgress.of(progress));
        }

        /** The service's own last phase, one part: done when every decision is in the lookup table. */
        void publishing(int done, long loaded) {
            write(new JobProgress(JobPhase.PUBLISH, done, 1, loaded));
        }

        private void write(JobProgress progress) {
            try {
                var now = clock.instant();
                if (progress.phase() != lastPhase || !now.isBefore(lastWrite.plus(PROGRESS_WRITE_INTERVAL))) {
                    jobs.updateProgress(jobId, progress);
                    lastWrite = now;
                    lastPhase = progress.phase();
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
