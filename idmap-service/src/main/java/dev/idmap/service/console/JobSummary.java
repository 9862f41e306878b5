package dev.idmap.service.console;

import dev.idmap.core.match.MatchStatus;
import dev.idmap.service.jobs.Job;
import dev.idmap.service.jobs.JobProgress;
import dev.idmap.service.jobs.JobState;
import dev.idmap.service.jobs.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A job as the console shows it: status, progress and timings in words, and the per-type counts of a finished job.
 * The same values feed the pages and the progress JSON the pages poll.
 */
record JobSummary(
        String jobId,
        String owner,
        String product,
        String sourceUrl,
        String destinationUrl,
        JobStatus status,
        String statusLabel,
        String phase,
        int percent,
        int partsDone,
        int partsTotal,
        long entitiesProcessed,
        String createdAt,
        String startedAt,
        String completedAt,
        String duration,
        String errorMessage,
        List<TypeCounts> types,
        long matched,
        long unmatched,
        long ambiguous) {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** One entity type's row of the summary table. */
    record TypeCounts(String entityType, long matched, long unmatched, long ambiguous) {
        public long notMatched() {
            return unmatched + ambiguous;
        }
    }

    /** What each state contributes: its label, times, progress and, when finished, its result or failure. */
    private record Facts(String label, Instant startedAt, Instant completedAt, JobProgress progress, String message) {}

    static JobSummary of(Job job, Instant now) {
        var facts = switch (job.state()) {
            case JobState.Pending p -> new Facts("Pending", null, null, JobProgress.QUEUED, null);
            case JobState.Running r -> new Facts("In progress", r.startedAt(), null, r.progress(), null);
            case JobState.Succeeded s -> new Facts("Succeeded", s.startedAt(), s.completedAt(), s.progress(), null);
            case JobState.Failed f -> new Facts("Failed", f.startedAt(), f.completedAt(), f.progress(), f.message());
            case JobState.Cancelled c ->
                new Facts("Cancelled", c.startedAt(), c.completedAt(), c.progress(), c.message());
        };
        var progress = facts.progress() == null ? JobProgress.STARTING : facts.progress();
        var types = List.<TypeCounts>of();
        long matched = 0;
        long unmatched = 0;
        long ambiguous = 0;
        if (job.state() instanceof JobState.Succeeded succeeded) {
            var summary = succeeded.result().summary();
            types = summary.countsPerType().entrySet().stream()
                    .map(entry -> new TypeCounts(
                            entry.getKey(),
                            entry.getValue().getOrDefault(MatchStatus.MATCHED, 0L),
                            entry.getValue().getOrDefault(MatchStatus.UNMATCHED, 0L),
                            entry.getValue().getOrDefault(MatchStatus.AMBIGUOUS, 0L)))
                    .toList();
            matched = summary.matched();
            unmatched = summary.unmatched();
            ambiguous = summary.ambiguous();
        }
        var end = facts.completedAt() != null ? facts.completedAt() : now;
        return new JobSummary(
                job.jobId(),
                job.owner(),
                job.product().name(),
                job.sourceUrl(),
                job.destinationUrl(),
                job.status(),
                facts.label(),
                progress.phase().name(),
                progress.percent(),
                progress.partsDone(),
                progress.partsTotal(),
                progress.entitiesProcessed(),
                time(job.createdAt()),
                time(facts.startedAt()),
                time(facts.completedAt()),
                facts.startedAt() == null ? "" : words(Duration.between(facts.startedAt(), end)),
                facts.message(),
                types,
                matched,
                unmatched,
                ambiguous);
    }

    public boolean active() {
        return status.active();
    }

    public boolean succeeded() {
        return status == JobStatus.SUCCESS;
    }

    private static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    static String words(Duration duration) {
        var seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
    }
}
