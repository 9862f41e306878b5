package dev.idmap.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.crawl.CrawlFailure;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** Which failures pause a job until the database is back, and which end it: a site is never the database. */
class DatabaseOutageTest {

    @Test
    void a_site_that_refuses_the_connection_is_the_jobs_failure_not_a_database_outage() {
        var refused = new CrawlFailure(
                CrawlFailure.Kind.UNAVAILABLE,
                "GET http://127.0.0.1:9/rest/api/2/myself failed: connection refused",
                new ConnectException("Connection refused"));

        assertThat(DatabaseOutage.isCause(refused)).isFalse();
        assertThat(DatabaseOutage.isCause(new IllegalStateException("wrapped", refused)))
                .isFalse();
    }

    @Test
    void a_refused_or_terminated_database_connection_is_an_outage() {
        var refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001", new ConnectException());
        var terminated = new SQLException("terminating connection due to administrator command", "57P01");

        assertThat(DatabaseOutage.isCause(refused)).isTrue();
        assertThat(DatabaseOutage.isCause(new DataAccessResourceFailureException("lost", terminated)))
                .isTrue();
        assertThat(DatabaseOutage.isCause(new RuntimeException(terminated))).isTrue();
    }

    @Test
    void other_database_errors_are_not_outages() {
        var constraint = new SQLException("duplicate key value violates unique constraint", "23505");

        assertThat(DatabaseOutage.isCause(new RuntimeException(constraint))).isFalse();
    }
}
