package dev.idmap.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.crawl.NotAvailable;
import dev.idmap.core.engine.Phase;
import dev.idmap.core.engine.Progress;
import dev.idmap.core.match.MatchStatus;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.core.report.RunSummary;
import dev.idmap.testsupport.TestPostgres;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Every job state is stored in columns that say it and read back as the same sealed state, on H2 and PostgreSQL
 * with the real migrations: a cancel is known by who cancelled, never recognised from a message.
 */
class JobStateStorageTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static String postgresUrl;

    @BeforeAll
    static void schema() {
        postgresUrl = TestPostgres.freshSchemaUrl();
    }

    @AfterAll
    static void drop() {
        TestPostgres.dropSchemaOf(postgresUrl);
    }

    static Iterable<DataSource> databases() {
        var h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:jobstate-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        var postgres = new PGSimpleDataSource();
        postgres.setURL(postgresUrl);
        postgres.setUser(TestPostgres.USER);
        postgres.setPassword(TestPostgres.PASSWORD);
        return java.util.List.of(h2, postgres);
    }

    static Jobs jobs(DataSource database) {
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return new Jobs(database);
    }

    static Job aPendingJob(Jobs jobs) {
        var job = new Job(
                UUID.randomUUID().toString(),
                "alice",
                Product.JIRA,
                "https://jira.company.com",
                "https://company.atlassian.net",
                T0,
                new JobState.Pending(),
                false);
        assertThat(jobs.insert(job, UUID.randomUUID().toString())).isTrue();
        return job;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_job_goes_from_pending_to_running_to_succeeded_with_its_summary(DataSource database) {
        // given
        var jobs = jobs(database);
        var job = aPendingJob(jobs);
        assertThat(jobs.find(job.jobId()).orElseThrow().state()).isEqualTo(new JobState.Pending());

        // when it starts and reports progress
        jobs.markStarted(job.jobId(), T0.plusSeconds(1));
        jobs.updateProgress(job.jobId(), JobProgress.of(new Progress(Phase.MATCH, 3, 7, 1200)));
        // then
        assertThat(jobs.find(job.jobId()).orElseThrow().state())
                .isEqualTo(new JobState.Running(T0.plusSeconds(1), new JobProgress(JobPhase.MATCH, 3, 7, 1200)));

        // when it succeeds
        var counts = Map.of(
                "jira:issue", Map.of(MatchStatus.MATCHED, 2L, MatchStatus.AMBIGUOUS, 0L, MatchStatus.UNMATCHED, 1L));
        var result = new JobResult(
                new RunSummary(3, 2, 1, 0, counts),
                new JobResult.ReportFile(120, "a".repeat(64)),
                new JobResult.ReportFile(400, "b".repeat(64)));
        assertThat(jobs.succeed(job.jobId(), result, T0.plusSeconds(60))).isTrue();
        // then
        var succeeded =
                (JobState.Succeeded) jobs.find(job.jobId()).orElseThrow().state();
        assertThat(succeeded.result()).isEqualTo(result);
        assertThat(succeeded.completedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(succeeded.progress().phase()).isEqualTo(JobPhase.DONE);
        assertThat(succeeded.progress().entitiesProcessed())
                .as("the source entities the report accounts for, not the last progress count (1200)")
                .isEqualTo(3);
        assertThat(succeeded.progress().percent()).isEqualTo(100);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_summary_keeps_its_warnings_and_one_stored_before_details_were_counted_still_reads(DataSource database)
            throws Exception {
        // given a job that succeeded with a whole type and some details not available
        var jobs = jobs(database);
        var job = aPendingJob(jobs);
        jobs.markStarted(job.jobId(), T0.plusSeconds(1));
        var details = new NotAvailable(
                Side.DESTINATION,
                EntityType.BOARD,
                null,
                "GET /rest/agile/1.0/board/7/configuration",
                "HTTP 403",
                "these boards are matched without their filter",
                12,
                List.of("board 7", "board 8", "board 9", "board 10", "board 11"));
        var warnings = List.of(
                new NotAvailable(
                        Side.SOURCE, EntityType.SPRINT, null, "GET /rest/agile/1.0/board", "HTTP 404 (No endpoint)"),
                details);
        var result = new JobResult(
                new RunSummary(0, 0, 0, 0, Map.of(), warnings),
                new JobResult.ReportFile(120, "a".repeat(64)),
                new JobResult.ReportFile(400, "b".repeat(64)));
        // when
        assertThat(jobs.succeed(job.jobId(), result, T0.plusSeconds(60))).isTrue();
        // then
        var succeeded =
                (JobState.Succeeded) jobs.find(job.jobId()).orElseThrow().state();
        assertThat(succeeded.result().summary().notAvailable()).isEqualTo(warnings);

        // when the result was stored by a version that named each skipped detail on its own, without a count
        try (var connection = database.getConnection();
                var update = connection.prepareStatement(
                        "update idmap_job set result_json = replace(replace(result_json, ?, ''), ?, '')"
                                + " where job_id = ?")) {
            update.setString(1, ",\"items\":12");
            update.setString(2, ",\"examples\":[\"board 7\",\"board 8\",\"board 9\",\"board 10\",\"board 11\"]");
            update.setString(3, job.jobId());
            assertThat(update.executeUpdate()).isOne();
        }
        // then it reads back as that one detail
        var stored = (JobState.Succeeded) jobs.find(job.jobId()).orElseThrow().state();
        assertThat(stored.result().summary().notAvailable().get(1)).satisfies(old -> {
            assertThat(old.items()).isZero();
            assertThat(old.examples()).isEmpty();
            assertThat(old.message())
                    .isEqualTo("jira/classic/software:rapidView: a detail is not available on the destination site:"
                            + " GET /rest/agile/1.0/board/7/configuration answered HTTP 403; these boards are matched"
                            + " without their filter");
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_cancel_is_stored_as_who_cancelled_and_a_failure_that_reads_like_one_stays_a_failure(DataSource database) {
        // given
        var jobs = jobs(database);
        var cancelled = aPendingJob(jobs);
        var failed = aPendingJob(jobs);
        jobs.markStarted(failed.jobId(), T0);

        // when
        jobs.cancel(cancelled.jobId(), "bob", T0.plusSeconds(5));
        jobs.fail(failed.jobId(), "Job was cancelled by bob at " + T0 + ".", T0.plusSeconds(6));

        // then
        var cancel = jobs.find(cancelled.jobId()).orElseThrow();
        assertThat(cancel.state())
                .isEqualTo(new JobState.Cancelled(null, T0.plusSeconds(5), JobProgress.QUEUED, "bob"));
        assertThat(cancel.status()).isEqualTo(JobStatus.ERROR);
        assertThat(cancel.state().errorMessage()).contains("Job was cancelled by bob at 2026-12-01T10:00:05Z.");
        assertThat(jobs.find(failed.jobId()).orElseThrow().state()).isInstanceOf(JobState.Failed.class);
        assertThat(jobs.cancel(cancelled.jobId(), "carol", T0.plus(1, ChronoUnit.HOURS)))
                .as("a final job is not cancelled again")
                .isFalse();
    }
}
