package dev.idmap.service.jobs;

import dev.idmap.service.config.IdmapProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A short-lived memory of jobs that have ended, for the status poll: a SUCCESS or ERROR job does not change any more,
 * so polling it need not read the database each time. Active jobs are never remembered: their progress and a cancel
 * show at once. What can still change is swept by retention (the report, then the job), and only once it has expired:
 * so a job is remembered for at most a second and never past the moment its report or itself expires. A read after a
 * sweep therefore always reads the database, which says the report is gone, on any node whose clock agrees.
 */
final class FinalJobs {

    private static final Duration KEEP = Duration.ofSeconds(1);
    private static final int MOST = 10_000;

    private record Remembered(Job job, Instant until) {}

    private final ConcurrentHashMap<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final Clock clock;
    private final IdmapProperties.Retention retention;

    FinalJobs(Clock clock, IdmapProperties.Retention retention) {
        this.clock = clock;
        this.retention = retention;
    }

    Optional<Job> find(String jobId, Function<String, Optional<Job>> load) {
        var now = clock.instant();
        var hit = remembered.get(jobId);
        if (hit != null && now.isBefore(hit.until())) {
            return Optional.of(hit.job());
        }
        var found = load.apply(jobId);
        found.filter(job -> !job.status().active()).ifPresent(job -> {
            if (remembered.size() >= MOST) {
                remembered.clear();
            }
            remembered.put(jobId, new Remembered(job, until(job, now)));
        });
        return found;
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
