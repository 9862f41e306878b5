package dev.idmap.service.jobs;

import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Releases, at start-up and before the scheduler runs, the executions this node had picked when it stopped (a
 * crash, {@code kill -9}): they are due again at once, so the node's interrupted jobs continue immediately instead
 * of waiting for the heartbeat timeout that applies to another node's executions. The version is bumped, so that
 * nothing still holding the old claim could complete them.
 */
public final class OwnExecutions {

    private OwnExecutions() {}

    /** @return how many executions were released */
    public static int release(DataSource dataSource, String table, String nodeName, Instant now) {
        if (!table.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        return JdbcClient.create(dataSource)
                .sql("update " + table + " set picked = false, picked_by = null, last_heartbeat = null,"
                        + " execution_time = ?, version = version + 1 where picked = true and picked_by = ?")
                .params(Timestamp.from(now), nodeName)
                .update();
    }
}
