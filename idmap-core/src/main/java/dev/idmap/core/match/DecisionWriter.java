package dev.idmap.core.match;

import dev.idmap.core.model.EntityType;
import dev.idmap.core.report.ReportIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.stream.Collectors;

/** Writes decisions in batches on its own connection. */
final class DecisionWriter implements AutoCloseable {

    static final int MAX_LISTED_CANDIDATES = 20;
    private static final int BATCH = 500;

    private final Connection connection;
    private final PreparedStatement insert;
    private final String runId;
    private int pending;

    DecisionWriter(Connection connection, String runId) throws SQLException {
        this.connection = connection;
        this.runId = runId;
        connection.setAutoCommit(false);
        this.insert = connection.prepareStatement("""
                insert into idmap_stage_decision (run_id, entity_type, source_id, type_rank, sort_num, sort_text,
                  status, cloud_id, rule, candidates, reason, server_key, cloud_key, container)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
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
            insert.close();
        }
    }
}
