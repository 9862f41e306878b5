package dev.idmap.service.console;

import dev.idmap.service.jobs.Job;
import dev.idmap.service.jobs.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    static JobSummary of(Job job, Instant now) {
        var progress = job.progress();
        var done = job.status() == JobStatus.SUCCESS;
        String phase;
        if (done) {
            phase = "DONE";
        } else if (progress != null) {
            phase = progress.phase();
        } else {
            phase = job.status() == JobStatus.PENDING ? "QUEUED" : job.status().active() ? "STARTING" : "";
        }
        var types = new ArrayList<TypeCounts>();
        long matched = 0;
        long unmatched = 0;
        long ambiguous = 0;
        if (job.result() != null) {
            for (var entry : job.result().countsPerType().entrySet()) {
                var counts = entry.getValue();
                types.add(new TypeCounts(
                        entry.getKey(),
                        count(counts, "MATCHED"),
                        count(counts, "UNMATCHED"),
                        count(counts, "AMBIGUOUS")));
            }
            matched = job.result().matched();
            unmatched = job.result().unmatched();
            ambiguous = job.result().ambiguous();
        }
        var end = job.completedAt() != null ? job.completedAt() : now;
        return new JobSummary(
                job.jobId(),
                job.owner(),
                job.product().name(),
                job.sourceUrl(),
                job.destinationUrl(),
                job.status(),
                phase,
                done ? 100 : progress == null ? 0 : progress.percent(),
                progress == null ? 0 : done ? progress.partsTotal() : progress.partsDone(),
                progress == null ? 0 : progress.partsTotal(),
                done && job.result() != null
                        ? job.result().rows()
                        : progress == null ? 0 : progress.entitiesProcessed(),
                time(job.createdAt()),
                time(job.startedAt()),
                time(job.completedAt()),
                job.startedAt() == null ? "" : words(Duration.between(job.startedAt(), end)),
                job.status() == JobStatus.ERROR ? job.errorMessage() : null,
                List.copyOf(types),
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

    /** The status in words, for people; the API's name stays in the page for scripts and tests. */
    public String statusLabel() {
        return switch (status) {
            case PENDING -> "Pending";
            case IN_PROGRESS -> "In progress";
            case SUCCESS -> "Succeeded";
            case ERROR -> "Failed";
        };
    }

    private static long count(Map<String, Long> counts, String status) {
        return counts.getOrDefault(status, 0L);
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
