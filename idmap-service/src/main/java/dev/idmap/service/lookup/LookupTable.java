package dev.idmap.service.lookup;

import dev.idmap.core.match.MatchStatus;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.report.DetailedRow;
import dev.idmap.core.storage.PostgresCopy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lookup table: one row per decision of a finished job. Filled from the engine's decision stream batch by batch
 * ({@code COPY} on PostgreSQL, batched inserts on H2), each batch committed, so memory stays at one batch whatever the
 * size of the job; a job becomes SUCCESS (and its rows visible to lookups) only after the whole stream is in.
 */
public class LookupTable {

    static final int BATCH = 1000;
    private static final String TABLE_COLUMNS =
            "job_id, entity_type, server_id, cloud_id, status, server_key, cloud_key, candidates, reason";
    private static final String INSERT =
            "insert into idmap_mapping (" + TABLE_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COLUMNS =
            "select server_id, cloud_id, status, server_key, cloud_key, candidates, reason from idmap_mapping";

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    public LookupTable(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
    }

    /**
     * Replaces the job's rows by the decisions {@code decisions} delivers (a stream that calls its sink once per
     * decision); {@code loaded} is told the running count after every batch. Returns the rows loaded.
     */
    public long fill(String jobId, Product product, Consumer<Consumer<DetailedRow>> decisions, LongConsumer loaded) {
        delete(jobId);
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var insert = connection.prepareStatement(INSERT)) {
                var batch = new Batch(
                        connection, insert, PostgresCopy.of(connection).orElse(null), jobId, product, loaded);
                decisions.accept(batch::add);
                batch.flush();
                return batch.total;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the lookups of job " + jobId + ": " + e.getMessage(), e);
        }
    }

    public long count(String jobId) {
        return jdbc.sql("select count(*) from idmap_mapping where job_id = ?")
                .param(jobId)
                .query(Long.class)
                .single();
    }

    public void delete(String jobId) {
        jdbc.sql("delete from idmap_mapping where job_id = ?").param(jobId).update();
    }

    /** One stored decision. */
    record Row(
            String serverId,
            String cloudId,
            MatchStatus status,
            String serverKey,
            String cloudKey,
            String candidates,
            String reason) {}

    /** Rows whose server id (or, for types with identifying keys, server key) is one of {@code ids}. */
    Map<String, List<Row>> byServer(String jobId, EntityType type, Collection<String> ids) {
        return find(jobId, type, ids, "server_id", "server_key", false);
    }

    /** Matched rows whose Cloud id (or Cloud key) is one of {@code ids}. */
    Map<String, List<Row>> byCloud(String jobId, EntityType type, Collection<String> ids) {
        return find(jobId, type, ids, "cloud_id", "cloud_key", true);
    }

    /**
     * Requested id → rows, by id first and, for types with identifying keys, by key when the id is no id. One
     * indexed point query per id on one connection: H2 answers {@code column in (…1000 ids…)} on the third column of
     * an index by scanning the job's rows of that type (30 s for 1000 ids among 400,000 rows), point queries take
     * well under a millisecond each on both databases. Ids without rows are absent.
     */
    private Map<String, List<Row>> find(
            String jobId, EntityType type, Collection<String> ids, String idColumn, String keyColumn, boolean matched) {
        var found = new LinkedHashMap<String, List<Row>>();
        if (ids.isEmpty()) {
            return found;
        }
        // the columns are constants of this class, never input
        var filter = matched ? " and status = 'MATCHED'" : "";
        var byId = COLUMNS + " where job_id = ? and entity_type = ? and " + idColumn + " = ?" + filter
                + " order by server_id";
        var byKey = COLUMNS + " where job_id = ? and entity_type = ? and " + keyColumn + " = ?" + filter
                + " order by server_id";
        try (var connection = dataSource.getConnection();
                var idQuery = connection.prepareStatement(byId);
                var keyQuery = connection.prepareStatement(byKey)) {
            for (var id : ids) {
                var rows = query(idQuery, jobId, type, id);
                if (rows.isEmpty() && LookupKeys.identifies(type)) {
                    rows = query(keyQuery, jobId, type, id);
                }
                if (!rows.isEmpty()) {
                    found.put(id, rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up ids of job " + jobId + ": " + e.getMessage(), e);
        }
        return found;
    }

    private static List<Row> query(PreparedStatement query, String jobId, EntityType type, String id)
            throws SQLException {
        query.setString(1, jobId);
        query.setString(2, type.namespace());
        query.setString(3, id);
        var rows = new ArrayList<Row>();
        try (var result = query.executeQuery()) {
            while (result.next()) {
                rows.add(new Row(
                        result.getString(1),
                        result.getString(2),
                        MatchStatus.valueOf(result.getString(3)),
                        result.getString(4),
                        result.getString(5),
                        result.getString(6),
                        result.getString(7)));
            }
        }
        return rows;
    }

    /**
     * Writes decisions in batches of {@value #BATCH}, committing each: one {@code COPY} per batch on PostgreSQL (no
     * per-row parse, bind and execute; the commits do not wait for the disk, as the job's SUCCESS commit after the
     * last batch does, and it cannot reach the disk before them), batched inserts elsewhere.
     */
    private static final class Batch {
        private final Connection connection;
        private final PreparedStatement insert;
        /** COPY on PostgreSQL, else null. */
        private final PostgresCopy copy;

        private final PostgresCopy.Rows rows = new PostgresCopy.Rows();
        private final String jobId;
        private final Product product;
        private final LongConsumer loaded;
        private int pending;
        private long total;

        Batch(
                Connection connection,
                PreparedStatement insert,
                PostgresCopy copy,
                String jobId,
                Product product,
                LongConsumer loaded) {
            this.connection = connection;
            this.insert = insert;
            this.copy = copy;
            this.jobId = jobId;
            this.product = product;
            this.loaded = loaded;
        }

        void add(DetailedRow row) {
            var type = EntityType.byNamespace(product, row.entityType())
                    .orElseThrow(() -> new IllegalArgumentException("not a " + product + " type: " + row.entityType()));
            var serverKey = LookupKeys.lookupKey(type, row.serverKey());
            var cloudKey = row.status() == MatchStatus.MATCHED ? LookupKeys.lookupKey(type, row.cloudKey()) : null;
            try {
                if (copy != null) {
                    rows.field(jobId)
                            .field(row.entityType())
                            .field(row.serverId())
                            .field(row.cloudId())
                            .field(row.status().name())
                            .field(serverKey)
                            .field(cloudKey)
                            .field(row.candidates())
                            .field(row.reason())
                            .end();
                } else {
                    insert.setString(1, jobId);
                    insert.setString(2, row.entityType());
                    insert.setString(3, row.serverId());
                    nullable(4, row.cloudId());
                    insert.setString(5, row.status().name());
                    nullable(6, serverKey);
                    nullable(7, cloudKey);
                    nullable(8, row.candidates());
                    nullable(9, row.reason());
                    insert.addBatch();
                }
                if (++pending >= BATCH) {
                    flush();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot load the lookups of job " + jobId + ": " + e.getMessage(), e);
            }
        }

        void flush() throws SQLException {
            if (pending > 0) {
                if (copy != null) {
                    PostgresCopy.commitWithoutWaiting(connection);
                    copy.copy("idmap_mapping", TABLE_COLUMNS, rows);
                    rows.clear();
                } else {
                    insert.executeBatch();
                }
                connection.commit();
                total += pending;
                pending = 0;
                loaded.accept(total);
            }
        }

        private void nullable(int index, String value) throws SQLException {
            if (value == null) {
                insert.setNull(index, Types.VARCHAR);
            } else {
                insert.setString(index, value);
            }
        }
    }
}
