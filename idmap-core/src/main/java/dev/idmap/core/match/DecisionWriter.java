package dev.idmap.core.match;

import dev.idmap.core.model.EntityType;
import dev.idmap.core.report.ReportIds;
import dev.idmap.core.storage.PostgresCopy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.stream.Collectors;

/**
 * Writes decisions in batches on its own connection: batched inserts, or on PostgreSQL one {@code COPY} per batch
 * whose commit does not wait for the disk (a type's decisions are redone from the start when a run is resumed, so a
 * commit lost in a crash loses nothing that is not recomputed).
 */
final class DecisionWriter implements AutoCloseable {

    static final int MAX_LISTED_CANDIDATES = 20;
    private static final int BATCH = 500;
    private static final int COPY_BATCH = 5000;
    private static final String COLUMNS = "run_id, entity_type, source_id, type_rank, sort_num, sort_text,"
            + " status, cloud_id, rule, candidates, reason, server_key, cloud_key, container";

    private final Connection connection;
    private final PreparedStatement insert;
    private final PostgresCopy copy;
    private final PostgresCopy.Rows rows = new PostgresCopy.Rows();
    private final String table;
    private final String runId;
    private int pending;

    /** @param table the run's decision table */
    DecisionWriter(Connection connection, String table, String runId) throws SQLException {
        this.connection = connection;
        this.table = table;
        this.runId = runId;
        connection.setAutoCommit(false);
        this.copy = PostgresCopy.of(connection).orElse(null);
        this.insert = copy != null
                ? null
                : connection.prepareStatement("insert into " + table + " (" + COLUMNS
                        + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    void write(
            EntityType type,
            String sourceId,
            MatchDecision decision,
            String serverKey,
            String cloudKey,
            String container)
            throws SQLException {
        var reportId = ReportIds.reportForm(type, sourceId);
        var numeric = ReportIds.numericValue(reportId);
        if (copy != null) {
            copyRow(type, sourceId, decision, serverKey, cloudKey, container, reportId, numeric);
            return;
        }
        int i = 1;
        insert.setString(i++, runId);
        insert.setString(i++, type.name());
        insert.setString(i++, sourceId);
        insert.setInt(i++, type.ordinal());
        if (numeric == null) {
            insert.setNull(i++, Types.BIGINT);
        } else {
            insert.setLong(i++, numeric);
        }
        insert.setString(i++, ReportIds.byteOrderKey(reportId));
        insert.setString(i++, decision.status().name());
        switch (decision) {
            case MatchDecision.Matched m -> {
                insert.setString(i++, m.cloudId());
                insert.setString(i++, m.rule());
                insert.setNull(i++, Types.VARCHAR);
                insert.setNull(i++, Types.VARCHAR);
            }
            case MatchDecision.Ambiguous a -> {
                insert.setNull(i++, Types.VARCHAR);
                insert.setNull(i++, Types.VARCHAR);
                insert.setString(i++, listCandidates(type, a));
                insert.setString(i++, truncate(a.reason()));
            }
            case MatchDecision.Unmatched u -> {
                insert.setNull(i++, Types.VARCHAR);
                insert.setNull(i++, Types.VARCHAR);
                insert.setNull(i++, Types.VARCHAR);
                insert.setString(i++, truncate(u.reason()));
            }
        }
        setNullable(i++, truncate(serverKey));
        setNullable(i++, truncate(cloudKey));
        setNullable(i, truncate(container));
        insert.addBatch();
        if (++pending >= BATCH) {
            flush();
        }
    }

    private void copyRow(
            EntityType type,
            String sourceId,
            MatchDecision decision,
            String serverKey,
            String cloudKey,
            String container,
            String reportId,
            Long numeric)
            throws SQLException {
        rows.field(runId)
                .field(type.name())
                .field(sourceId)
                .field(type.ordinal())
                .field(numeric == null ? null : numeric.toString())
                .field(ReportIds.byteOrderKey(reportId))
                .field(decision.status().name());
        switch (decision) {
            case MatchDecision.Matched m ->
                rows.field(m.cloudId()).field(m.rule()).field((String) null).field((String) null);
            case MatchDecision.Ambiguous a ->
                rows.field((String) null)
                        .field((String) null)
                        .field(listCandidates(type, a))
                        .field(truncate(a.reason()));
            case MatchDecision.Unmatched u ->
                rows.field((String) null)
                        .field((String) null)
                        .field((String) null)
                        .field(truncate(u.reason()));
        }
        rows.field(truncate(serverKey))
                .field(truncate(cloudKey))
                .field(truncate(container))
                .end();
        if (rows.count() >= COPY_BATCH) {
            flush();
        }
    }

    private static String listCandidates(EntityType type, MatchDecision.Ambiguous ambiguous) {
        var shown = ambiguous.candidates().stream()
                .limit(MAX_LISTED_CANDIDATES)
                .map(id -> ReportIds.reportForm(type, id))
                .collect(Collectors.joining(";"));
        var more = ambiguous.candidates().size() - MAX_LISTED_CANDIDATES;
        return more > 0 ? shown + ";… " + more + " more" : shown;
    }

    private void setNullable(int index, String value) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.VARCHAR);
        } else {
            insert.setString(index, value);
        }
    }

    private static String truncate(String value) {
        return value == null || value.length() <= 4000 ? value : value.substring(0, 3990) + "…";
    }

    void flush() throws SQLException {
        if (copy != null && rows.count() > 0) {
            PostgresCopy.commitWithoutWaiting(connection);
            copy.copy(table, COLUMNS, rows);
            rows.clear();
        }
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            if (insert != null) {
                insert.close();
            }
        }
    }
}
