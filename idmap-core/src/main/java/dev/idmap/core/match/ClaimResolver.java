package dev.idmap.core.match;

import dev.idmap.core.model.EntityType;
import dev.idmap.core.report.ReportIds;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Precision guard: when one Cloud entity is the match of several source entities and the type does not merge,
 * at most one of them can be right, and nothing says which. All of them become ambiguous.
 */
final class ClaimResolver {

    private final Connection reader;
    private final Connection writer;
    private final String decisions;
    private final String runId;
    private final EntityType type;
    private long pending;

    /** @param decisions the run's decision table */
    ClaimResolver(Connection reader, Connection writer, String decisions, String runId, EntityType type) {
        this.reader = reader;
        this.writer = writer;
        this.decisions = decisions;
        this.runId = runId;
        this.type = type;
    }

    void resolve() throws SQLException {
        // one ordered pass over the type's matches (sorted: a run's own decisions have no index by Cloud id, which
        // would cost every decision written more than this sort of one type's): claims of one Cloud id arrive together
        var sql = """
                select d.cloud_id, d.source_id from %s d
                where d.run_id = ? and d.entity_type = ? and d.status = 'MATCHED'
                order by d.cloud_id, d.source_id""".formatted(decisions);
        writer.setAutoCommit(false);
        try (var query = reader.prepareStatement(sql);
                var update = writer.prepareStatement("""
                        update %s set status = 'AMBIGUOUS', candidates = ?, reason = ?,
                          cloud_id = null, rule = null, cloud_key = null
                        where run_id = ? and entity_type = ? and source_id = ?""".formatted(decisions))) {
            query.setFetchSize(1000);
            query.setString(1, runId);
            query.setString(2, type.name());
            try (var result = query.executeQuery()) {
                String cloudId = null;
                var claimants = new ArrayList<String>();
                while (result.next()) {
                    if (!result.getString(1).equals(cloudId)) {
                        demote(update, cloudId, claimants);
                        cloudId = result.getString(1);
                        claimants.clear();
                    }
                    claimants.add(result.getString(2));
                }
                demote(update, cloudId, claimants);
            }
            update.executeBatch();
            writer.commit();
        }
    }

    private void demote(java.sql.PreparedStatement update, String cloudId, List<String> claimants) throws SQLException {
        if (cloudId == null || claimants.size() < 2) {
            return;
        }
        for (var claimant : claimants) {
            var others = claimants.stream()
                    .filter(c -> !c.equals(claimant))
                    .limit(DecisionWriter.MAX_LISTED_CANDIDATES)
                    .map(c -> ReportIds.reportForm(type, c))
                    .toList();
            update.setString(1, ReportIds.reportForm(type, cloudId));
            update.setString(
                    2,
                    "the only Cloud " + Labels.of(type) + " that fits (" + ReportIds.reportForm(type, cloudId)
                            + ") also fits server " + Labels.of(type) + " " + String.join(", ", others)
                            + "; only one can be right, not guessing which");
            update.setString(3, runId);
            update.setString(4, type.name());
            update.setString(5, claimant);
            update.addBatch();
            if (++pending % 500 == 0) {
                update.executeBatch();
            }
        }
    }
}
