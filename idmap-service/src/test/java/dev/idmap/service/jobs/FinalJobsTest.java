package dev.idmap.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.model.Product;
import dev.idmap.service.config.IdmapProperties;
import dev.idmap.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The status poll's memory of ended jobs never answers for a report or job past its expiry (when it may be swept). */
class FinalJobsTest {

    final MutableClock clock = new MutableClock();
    final IdmapProperties.Retention retention = new IdmapProperties.Retention(
            Duration.ofDays(7), Duration.ofDays(30), Duration.ofHours(1), Duration.ofMinutes(10));
    final AtomicInteger reads = new AtomicInteger();

    @Test
    void an_ended_job_is_read_from_the_database_at_most_once_a_second() {
        var job = succeeded(clock.instant().minus(Duration.ofHours(1)));
        var finalJobs = new FinalJobs(clock, retention);

        finalJobs.find(job.jobId(), id -> load(job));
        clock.advance(Duration.ofMillis(800));
        finalJobs.find(job.jobId(), id -> load(job));
        assertThat(reads).hasValue(1);

        clock.advance(Duration.ofMillis(200));
        finalJobs.find(job.jobId(), id -> load(job));
        assertThat(reads).hasValue(2);
    }

    @Test
    void a_report_that_expires_within_the_second_is_not_remembered_past_its_expiry() {
        // the report expires 300 ms from now; the sweeper may delete it from then on
        var job = succeeded(clock.instant().minus(retention.report()).plus(Duration.ofMillis(300)));
        var finalJobs = new FinalJobs(clock, retention);
        finalJobs.find(job.jobId(), id -> load(job));

        clock.advance(Duration.ofMillis(400));
        var swept = new Job(
                job.jobId(),
                job.owner(),
                job.product(),
                job.sourceUrl(),
                job.destinationUrl(),
                job.createdAt(),
                job.state(),
                true);

        assertThat(finalJobs.find(job.jobId(), id -> load(swept)))
                .hasValueSatisfying(found -> assertThat(found.reportDeleted()).isTrue());
        assertThat(reads).hasValue(2);
    }

    @Test
    void concurrent_polls_of_an_ended_job_share_one_database_read() throws Exception {
        var job = succeeded(clock.instant().minus(Duration.ofHours(1)));
        var finalJobs = new FinalJobs(clock, retention);
        var release = new CompletableFuture<Void>();

        // when 50 pollers ask while the first read is still on its way
        try (var pollers = Executors.newVirtualThreadPerTaskExecutor()) {
            var answers = new ArrayList<Future<Optional<Job>>>();
            for (int i = 0; i < 50; i++) {
                answers.add(pollers.submit(() -> finalJobs.find(job.jobId(), id -> {
                    release.join();
                    return load(job);
                })));
            }
            Thread.sleep(200);
            release.complete(null);

            // then all have the job, from one read
            for (var answer : answers) {
                assertThat(answer.get()).contains(job);
            }
        }
        assertThat(reads).hasValue(1);
    }

    private Optional<Job> load(Job job) {
        reads.incrementAndGet();
        return Optional.of(job);
    }

    private static Job succeeded(Instant completedAt) {
        return new Job(
                "job-1",
                "alice",
                Product.JIRA,
                "https://jira.company.com",
                "https://company.atlassian.net",
                completedAt.minus(Duration.ofMinutes(5)),
                new JobState.Succeeded(
                        completedAt.minus(Duration.ofMinutes(4)),
                        completedAt,
                        JobProgress.QUEUED,
                        new JobResult(null, null, null)),
                false);
    }
}
