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
    void a_lost_connection_is_told_by_its_state_or_type_also_when_a_later_failure_hides_it() {
        var closedByServer = new SQLException("This connection has been closed.", "08003");
        var rollbackAfterIt = new SQLException("rollback failed");
        rollbackAfterIt.addSuppressed(closedByServer);
        var h2Closed = new SQLException("Database is already closed", "90098", 90098);

        assertThat(DatabaseOutage.isCause(closedByServer)).isTrue();
        assertThat(DatabaseOutage.isCause(new RuntimeException(rollbackAfterIt)))
                .isTrue();
        assertThat(DatabaseOutage.isCause(h2Closed)).isTrue();
        assertThat(DatabaseOutage.isCause(new java.sql.SQLTransientConnectionException("pool timed out")))
                .isTrue();
    }

    @Test
    void other_database_errors_are_not_outages_whatever_their_words() {
        var constraint = new SQLException("duplicate key value violates unique constraint", "23505");
        var wordsOnly = new SQLException("Connection is closed (but the state says nothing)");

        assertThat(DatabaseOutage.isCause(new RuntimeException(constraint))).isFalse();
        assertThat(DatabaseOutage.isCause(wordsOnly)).isFalse();
    }
}
