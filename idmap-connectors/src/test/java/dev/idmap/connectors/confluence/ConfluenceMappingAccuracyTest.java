package dev.idmap.connectors.confluence;

import static dev.idmap.connectors.confluence.ConfluenceSites.destination;
import static dev.idmap.connectors.confluence.ConfluenceSites.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.connectors.AtlassianCrawlers;
import dev.idmap.connectors.CompatibleReportCheck;
import dev.idmap.core.engine.MappingOutcome;
import dev.idmap.core.engine.MappingRequest;
import dev.idmap.core.engine.ProgressListener;
import dev.idmap.core.engine.StagedMappingEngine;
import dev.idmap.core.model.Product;
import dev.idmap.core.report.DetailedReport;
import dev.idmap.sim.Expectation;
import dev.idmap.sim.GroundTruthRow;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain against the simulator's default Confluence migration: these crawlers, the staged engine of
 * idmap-core on embedded H2, the reports, checked row by row against the ground truth the simulator generated.
 */
class ConfluenceMappingAccuracyTest {

    @TempDir
    Path output;

    /** One row of the detailed report. */
    record Row(String entityType, String serverId, String cloudId, String status, String candidates, String reason) {

        String expectedStatus(Expectation expectation) {
            return switch (expectation) {
                case MATCH -> "MATCHED";
                case AMBIGUOUS -> "AMBIGUOUS";
                case UNMATCHED -> "UNMATCHED";
            };
        }
    }

    @Test
    void every_row_agrees_with_the_ground_truth() throws IOException {
        // given
        try (var sim = Simulator.start(SimConfig.defaults(SimProduct.CONFLUENCE))) {
            // when
            var outcome = map(sim, h2("accuracy"), output);
            // then
            var rows = new HashMap<String, Row>();
            detailedRows(outcome.detailedReport()).forEach(r -> rows.put(r.entityType() + "|" + r.serverId(), r));
            var truth = sim.groundTruth();
            var truthByKey = new HashMap<String, GroundTruthRow>();
            truth.forEach(t -> truthByKey.put(t.entityType() + "|" + t.serverId(), t));

            var wrong = new ArrayList<String>();
            rows.forEach((key, row) -> {
                var expected = truthByKey.get(key);
                if (row.status().equals("MATCHED")
                        && (expected == null || !expected.cloudId().equals(row.cloudId()))) {
                    wrong.add("PRECISION " + row + " truth=" + expected);
                }
            });
            var perCase = new TreeMap<String, Map<String, Integer>>();
            int matchExpected = 0;
            int matchFound = 0;
            int designedOther = 0;
            int designedOtherAsDesigned = 0;
            for (var expected : truth) {
                var row = rows.get(expected.entityType() + "|" + expected.serverId());
                if (row == null) {
                    wrong.add("MISSING from the detailed report: " + expected);
                    continue;
                }
                var wanted = row.expectedStatus(expected.expectation());
                boolean asDesigned = row.status().equals(wanted)
                        && (expected.expectation() == Expectation.MATCH
                                || !row.reason().isBlank());
                perCase.computeIfAbsent(
                                expected.entityType() + " " + expected.matchCase() + " (" + wanted + ")",
                                c -> new TreeMap<>())
                        .merge(row.status(), 1, Integer::sum);
                if (expected.expectation() == Expectation.MATCH) {
                    matchExpected++;
                    matchFound += asDesigned ? 1 : 0;
                } else {
                    designedOther++;
                    designedOtherAsDesigned += asDesigned ? 1 : 0;
                }
                if (!asDesigned) {
                    wrong.add(expected.matchCase() + ": " + wanted + " expected, got " + row);
                }
                if (expected.matchCase().equals("space_personal_owner_not_migrated")
                        && !namesAnUnmigratedOwner(row, truth)) {
                    wrong.add("a personal space left behind with its owner must name the owner: " + row);
                }
            }
            perCase.forEach((name, statuses) -> System.out.println("confluence accuracy: " + name + " -> " + statuses));
            System.out.printf(
                    "confluence accuracy: %d rows; precision: %d wrong Cloud ids; recall %d/%d MATCH rows (%.1f%%);"
                            + " %d/%d AMBIGUOUS/UNMATCHED rows reported as designed with a reason%n",
                    rows.size(),
                    wrong.size(),
                    matchFound,
                    matchExpected,
                    100.0 * matchFound / matchExpected,
                    designedOtherAsDesigned,
                    designedOther);
            outcome.requestsPerSite()
                    .forEach((site, counts) ->
                            System.out.println("confluence engine run, " + site + " requests: " + counts));
            assertThat(wrong).as("rows that disagree with the ground truth").isEmpty();
            CompatibleReportCheck.holdsExactlyTheNumericMatches(
                    outcome.compatibleReport(),
                    rows.values().stream()
                            .map(r -> new CompatibleReportCheck.Decision(
                                    r.entityType(), r.serverId(), r.cloudId(), r.status()))
                            .toList());
        }
    }

    /** Whether the reason names the space's owner by a DC user key that the ground truth has as not migrated. */
    private static boolean namesAnUnmigratedOwner(Row space, List<GroundTruthRow> truth) {
        var owner = java.util.regex.Pattern.compile("its owner (\\S+) is not matched")
                .matcher(space.reason());
        return owner.find()
                && truth.stream()
                        .anyMatch(t -> t.entityType().equals("identity:user")
                                && t.serverId().equals(owner.group(1))
                                && t.expectation() == Expectation.UNMATCHED);
    }

    static MappingOutcome map(SimulatedMigration sim, DataSource staging, Path directory) throws IOException {
        Files.createDirectories(directory);
        var engine = new StagedMappingEngine(staging, new AtlassianCrawlers(), InstantSource.system());
        var request =
                new MappingRequest("run-1", Product.CONFLUENCE, source(sim), destination(sim), Set.of(), Set.of());
        return engine.run(request, directory, ProgressListener.NONE);
    }

    static DataSource h2(String name) {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + "-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    private static List<Row> detailedRows(Path file) {
        return DetailedReport.readAll(file).stream()
                .map(r -> new Row(
                        r.entityType(),
                        r.serverId(),
                        blank(r.cloudId()),
                        r.status().name(),
                        blank(r.candidates()),
                        blank(r.reason())))
                .toList();
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }
}
