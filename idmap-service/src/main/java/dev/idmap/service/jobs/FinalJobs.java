package dev.idmap.service.jobs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.idmap.service.config.IdmapProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A short-lived memory of jobs that have ended, for the status poll: a SUCCESS or ERROR job does not change any more,
 * so polling it need not read the database each time. Active jobs are never remembered: their progress and a cancel
 * show at once. What can still change is swept by retention (the report, then the job), and only once it has expired:
 * so a job is remembered for at most a second and never past the moment its report or itself expires. A read after a
 * sweep therefore always reads the database, which says the report is gone, on any node whose clock agrees.
 *
 * <p>Concurrent polls of the same job share one database read (Caffeine loads a key once while others wait for it):
 * without that, every expiry sent all pollers of a job to the database at once, and 200 connections polling one job
 * queued on the pool once a second (status p99 ≈ 1.4–2.6 s at ~9,500 requests/s under wrk).
 */
final class FinalJobs {

    private static final Duration KEEP = Duration.ofSeconds(1);
    private static final int MOST = 10_000;

    private final Cache<String, Optional<Job>> remembered;
    private final Clock clock;
    private final IdmapProperties.Retention retention;

    FinalJobs(Clock clock, IdmapProperties.Retention retention) {
        this.clock = clock;
        this.retention = retention;
        this.remembered = Caffeine.newBuilder()
                .maximumSize(MOST)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.creating((String jobId, Optional<Job> found) -> keep(found)))
                .build();
    }

    Optional<Job> find(String jobId, Function<String, Optional<Job>> load) {
        return remembered.get(jobId, load);
    }

    /** Nothing for an unknown or active job (it is read again next time); an ended one until {@link #until}. */
    private Duration keep(Optional<Job> found) {
        if (found.isEmpty() || found.get().status().active()) {
            return Duration.ZERO;
        }
        var now = clock.instant();
        var keep = Duration.between(now, until(found.get(), now));
        return keep.isNegative() ? Duration.ZERO : keep;
    }

    /** A second from now, or the first expiry of the job's report or the job itself, whichever comes first. */
    private Instant until(Job job, Instant now) {
        var until = now.plus(KEEP);
        var jobExpiry = job.createdAt().plus(retention.job());
        if (jobExpiry.isBefore(until)) {
            until = jobExpiry;
        }
        if (job.state() instanceof JobState.Succeeded succeeded) {
            var reportExpiry = succeeded.completedAt().plus(retention.report());
            if (reportExpiry.isBefore(until)) {
                until = reportExpiry;
            }
        }
        return until;
    }
}
