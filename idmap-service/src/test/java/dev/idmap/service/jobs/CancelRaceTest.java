package dev.idmap.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idmap.service.config.IdmapProperties;
import dev.idmap.service.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A cancel that loses the race against the job's own end: the job is read as active, then ends before the cancel's
 * update. The cancel is refused as for any ended job (409 on the wire), never answered with the job as it ended.
 */
class CancelRaceTest {

    @Test
    void a_job_that_ends_between_the_cancels_read_and_its_update_is_not_reported_as_cancelled() {
        // given a pending job that ends on its own (its site went away) after the cancel has read it as active,
        // just before the cancel's update reaches the database
        var database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:cancel-race-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        var stored = JobStateStorageTest.jobs(database);
        var job = JobStateStorageTest.aPendingJob(stored);
        var endingJustBeforeTheCancel = new Jobs(database) {
            @Override
            public boolean cancel(String jobId, String caller, Instant now) {
                fail(jobId, "the site went away", now.minusSeconds(1));
                return super.cancel(jobId, caller, now);
            }
        };
        var properties =
                new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("idmap", IdmapProperties.class);
        // only the job table takes part in a refused cancel: no scheduler, runner, store, lookups or rate limiter
        var queue = new JobQueue(
                endingJustBeforeTheCancel,
                null,
                null,
                null,
                null,
                null,
                Clock.fixed(JobStateStorageTest.T0.plusSeconds(2), ZoneOffset.UTC),
                properties);

        // when / then
        assertThatThrownBy(() -> queue.cancel(new Caller("alice", false), job.jobId()))
                .isInstanceOf(JobAlreadyEnded.class)
                .hasMessageContaining("has already ended with status ERROR");
        assertThat(stored.find(job.jobId()).orElseThrow().state()).isInstanceOf(JobState.Failed.class);
    }
}
