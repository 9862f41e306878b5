package dev.idmap.connectors;

import dev.idmap.core.match.MatchStatus;
import dev.idmap.core.report.DetailedReport;
import dev.idmap.core.report.DetailedRow;
import dev.idmap.sim.Expectation;
import dev.idmap.sim.GroundTruthRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;

/** How a detailed report disagrees with a simulator's ground truth, for the namespaces a test expects to hold. */
public final class GroundTruthAgreement {

    private GroundTruthAgreement() {}

    /**
     * Every row of the report and of the ground truth outside {@code exceptNamespaces}: a MATCHED row must agree
     * with the truth, every truth row must be reported with its expected status (with a reason when it is not a
     * match). Returns the disagreements, sorted; empty when the report holds.
     */
    public static List<String> disagreements(
            Path detailedReport, List<GroundTruthRow> truth, Set<String> exceptNamespaces) {
        var rows = new HashMap<String, DetailedRow>();
        DetailedReport.forEach(detailedReport, r -> {
            if (!exceptNamespaces.contains(r.entityType())) {
                rows.put(r.entityType() + "|" + r.serverId(), r);
            }
        });
        var truthByKey = new HashMap<String, GroundTruthRow>();
        truth.forEach(t -> truthByKey.put(t.entityType() + "|" + t.serverId(), t));
        var wrong = new ArrayList<String>();
        rows.forEach((key, row) -> {
            var expected = truthByKey.get(key);
            if (row.status() == MatchStatus.MATCHED
                    && (expected == null || !expected.cloudId().equals(row.cloudId()))) {
                wrong.add("PRECISION " + row + " truth=" + expected);
            }
        });
        for (var expected : truth) {
            if (exceptNamespaces.contains(expected.entityType())) {
                continue;
            }
            var row = rows.get(expected.entityType() + "|" + expected.serverId());
            if (row == null) {
                wrong.add("MISSING " + expected);
                continue;
            }
            var wanted = switch (expected.expectation()) {
                case MATCH -> MatchStatus.MATCHED;
                case AMBIGUOUS -> MatchStatus.AMBIGUOUS;
                case UNMATCHED -> MatchStatus.UNMATCHED;
            };
            var asDesigned = row.status() == wanted
                    && (expected.expectation() == Expectation.MATCH
                            || (row.reason() != null && !row.reason().isBlank()));
            if (!asDesigned) {
                wrong.add(wanted + " expected, got " + row + " truth=" + expected);
            }
        }
        wrong.sort(null);
        return wrong;
    }

    /**
     * Precision alone: every MATCHED row of the report that the ground truth does not have, or has with another
     * Cloud id. For runs with less evidence than designed, where fewer matches are expected but none may be wrong.
     */
    public static List<String> wrongMatches(Path detailedReport, List<GroundTruthRow> truth) {
        var truthByKey = new HashMap<String, GroundTruthRow>();
        truth.forEach(t -> truthByKey.put(t.entityType() + "|" + t.serverId(), t));
        var wrong = new ArrayList<String>();
        DetailedReport.forEach(detailedReport, row -> {
            var expected = truthByKey.get(row.entityType() + "|" + row.serverId());
            if (row.status() == MatchStatus.MATCHED
                    && (expected == null
                            || expected.expectation() != Expectation.MATCH
                            || !expected.cloudId().equals(row.cloudId()))) {
                wrong.add("PRECISION " + row + " truth=" + expected);
            }
        });
        wrong.sort(null);
        return wrong;
    }
}
