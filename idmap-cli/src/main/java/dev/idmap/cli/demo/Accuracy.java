package dev.idmap.cli.demo;

import dev.idmap.core.match.MatchStatus;
import dev.idmap.core.report.CompatibleReport;
import dev.idmap.core.report.DetailedReport;
import dev.idmap.sim.Expectation;
import dev.idmap.sim.GroundTruthRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * idmap's reports scored against the simulator's ground truth, which comes from how the simulator generated the
 * migration and never from idmap's matcher.
 *
 * @param truthRows source entities in the ground truth
 * @param expectedMatches rows a correct mapper must map (expectation MATCH)
 * @param correct matched rows whose cloudId equals the ground truth
 * @param wrong matched rows whose cloudId differs from the ground truth, or that map an entity the ground truth
 *     says was not migrated, or compatible-report rows that disagree with the detailed report — precision failures
 * @param missed MATCH rows not matched — recall failures
 * @param unknown matched rows for entities the ground truth does not know
 * @param expectedNonMatches rows a correct mapper must report as AMBIGUOUS or UNMATCHED
 * @param nonMatchesAsDesigned of those, reported in the detailed report with the expected status
 * @param failuresByCase ground-truth case → number of wrong or missed rows, for diagnosis
 */
public record Accuracy(
        long truthRows,
        long expectedMatches,
        long correct,
        long wrong,
        long missed,
        long unknown,
        long expectedNonMatches,
        long nonMatchesAsDesigned,
        Map<String, Long> failuresByCase) {

    public static Accuracy score(List<GroundTruthRow> truth, Path compatibleReport, Path detailedReport) {
        // every MATCHED row of the detailed report (user and group ids are not numbers, so only it has them all)
        var mapped = new HashMap<String, String>();
        var status = new HashMap<String, String>();
        DetailedReport.forEach(detailedReport, row -> {
            var key = key(row.entityType(), row.serverId());
            status.put(key, row.status().name());
            if (row.status() == MatchStatus.MATCHED) {
                mapped.put(key, row.cloudId());
            }
        });
        long expectedMatches = 0, correct = 0, wrong = 0, missed = 0, expectedNonMatches = 0, asDesigned = 0;
        var failures = new TreeMap<String, Long>();
        // the compatible report must say exactly what the detailed one says
        var disagreeing = new ArrayList<String>();
        CompatibleReport.forEach(compatibleReport, row -> {
            if (!row.cloudId().equals(mapped.get(key(row.entityType(), row.serverId())))) {
                disagreeing.add(row.entityType());
            }
        });
        wrong += disagreeing.size();
        disagreeing.forEach(type -> failures.merge(type + " (compatible report disagrees)", 1L, Long::sum));
        for (var row : truth) {
            var key = key(row.entityType(), row.serverId());
            var cloudId = mapped.remove(key);
            if (cloudId != null) {
                if (row.migrated() && cloudId.equals(row.cloudId())) {
                    correct++;
                } else {
                    wrong++;
                    failures.merge(row.entityType() + " " + row.matchCase() + " (wrong)", 1L, Long::sum);
                }
            }
            if (row.expectation() == Expectation.MATCH) {
                expectedMatches++;
                if (cloudId == null) {
                    missed++;
                    failures.merge(row.entityType() + " " + row.matchCase() + " (missed)", 1L, Long::sum);
                }
            } else {
                expectedNonMatches++;
                if (row.expectation().name().equals(status.get(key))) {
                    asDesigned++;
                }
            }
        }
        return new Accuracy(
                truth.size(),
                expectedMatches,
                correct,
                wrong,
                missed,
                mapped.size(),
                expectedNonMatches,
                asDesigned,
                failures);
    }

    /** Every mapping right, every identifiable entity mapped, every designed non-match reported as designed. */
    public boolean perfect() {
        return wrong == 0 && missed == 0 && unknown == 0 && nonMatchesAsDesigned == expectedNonMatches;
    }

    public double precision() {
        return correct + wrong == 0 ? 1.0 : (double) correct / (correct + wrong);
    }

    public double recall() {
        return expectedMatches == 0 ? 1.0 : (double) (expectedMatches - missed) / expectedMatches;
    }

    private static String key(String entityType, String serverId) {
        return entityType + "\u0000" + serverId;
    }
}
