package dev.idmap.service.jobs;

import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.engine.StopSignal;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Tells a lost database (connection refused, terminated by a restart, pool timed out) from other failures, and
 * waits until it is back. A job that meets an outage pauses and continues from its checkpoints afterwards; it does
 * not end as ERROR and nothing escapes to the scheduler.
 */
public final class DatabaseOutage {

    private static final Duration FIRST_WAIT = Duration.ofMillis(250);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    private final DataSource dataSource;

    public DatabaseOutage(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * True when the failure, or one of its causes, says the database could not be reached. A site that cannot be
     * reached ({@link CrawlFailure}, whatever its cause: a refused connection to a site is the job's failure) never
     * is; a refused connection to PostgreSQL arrives as an {@link SQLException} of SQLSTATE class 08.
     */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CrawlFailure) {
                return false;
            }
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && ((sql.getSQLState() != null && lostConnection(sql.getSQLState())) || closed(sql))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** A connection the pool or the driver closed after the server went away says so only in words. */
    private static boolean closed(SQLException e) {
        var message = String.valueOf(e.getMessage());
        return message.contains("Connection is closed") || message.contains("This connection has been closed");
    }

    /** SQLSTATE class 08 (connection exception) and 57P01..57P03 (PostgreSQL shutting down or starting up). */
    private static boolean lostConnection(String state) {
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }

    /** Whether a connection can be had and is valid right now. */
    public boolean available() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Waits, with a growing pause, until the database answers again; false when {@code stop} was raised (or the
     * thread interrupted) first.
     */
    public boolean awaitAvailable(StopSignal stop) {
        var wait = FIRST_WAIT;
        while (!stop.stopRequested()) {
            // wait first: a failure that looked like an outage while the database answers must not spin the job
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (available()) {
                return true;
            }
            wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
        }
        return false;
    }
}
