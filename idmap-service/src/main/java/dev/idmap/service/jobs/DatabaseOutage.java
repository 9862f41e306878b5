package dev.idmap.service.jobs;

import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.engine.StopSignal;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
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
     * True when the failure, one of its causes or one of their suppressed exceptions says the database could not be
     * reached: by type (the pool timed out, the driver calls the connection lost, Spring translated one of those) or by
     * SQLSTATE ({@link #lostConnection}), never by message text. A site that cannot be reached ({@link CrawlFailure},
     * whatever its cause: a refused connection to a site is the job's failure) never is. The callers also ask the
     * database ({@link #available()}): an error without a state from a connection the pool had already closed counts
     * when the database does not answer.
     */
    public static boolean isCause(Throwable failure) {
        return isCause(failure, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static boolean isCause(Throwable failure, java.util.Set<Throwable> seen) {
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof CrawlFailure) {
                return false;
            }
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && lostConnection(sql.getSQLState())) {
                return true;
            }
            for (var suppressed : t.getSuppressed()) {
                if (isCause(suppressed, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception), 57P01..57P03 (PostgreSQL shutting down, crashed or starting up), and
     * H2's codes for a connection broken (90067) or a database closed (90098) or shutting down (90121).
     */
    static boolean lostConnection(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith("08")
                || state.equals("57P01")
                || state.equals("57P02")
                || state.equals("57P03")
                || state.equals("90067")
                || state.equals("90098")
                || state.equals("90121");
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
