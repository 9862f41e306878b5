package dev.idmap.service.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A short-lived memory of jobs that have ended, for the status poll: a SUCCESS or ERROR job does not change any more
 * (only its report can be swept, and expiry is computed from its timestamps on every read), so polling it need not
 * read the database each time. Active jobs are never remembered: their progress and a cancel show at once.
 */
final class FinalJobs {

    private static final Duration KEEP = Duration.ofSeconds(1);
    private static final int MOST = 10_000;

    private record Remembered(Job job, Instant until) {}

    private final ConcurrentHashMap<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final Clock clock;

    FinalJobs(Clock clock) {
        this.clock = clock;
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
            remembered.put(jobId, new Remembered(job, now.plus(KEEP)));
        });
        return found;
    }
}
