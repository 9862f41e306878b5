package dev.idmap.connectors;

import static dev.idmap.connectors.SimulatedSites.destination;
import static dev.idmap.connectors.SimulatedSites.source;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.idmap.sim.http.RateLimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain against the simulator's default Jira migration: these crawlers, the staged engine of idmap-core on
 * embedded H2, the reports — checked row by row against the ground truth the simulator generated.
 */
class JiraMappingAccuracyTest {

    @TempDir
    Path output;

    record Row(
            String entityType,
            String serverId,
            String cloudId,
            String status,
            String rule,
            String candidates,
            String reason) {}

    /**
     * Precision is checked strictly: no MATCHED row may disagree with the ground truth. Recall and the designed
     * ambiguous/unmatched cases are checked strictly too: every MATCH row matched, every AMBIGUOUS or UNMATCHED row
     * reported as such with a reason. No gap is tolerated.
     */
    @Test
    void every_row_agrees_with_the_ground_truth_and_every_designed_case_is_reported_as_designed() throws IOException {
        // given
        try (var sim = Simulator.start(SimConfig.defaults(SimProduct.JIRA))) {
            // when
            var outcome = map(sim, h2("accuracy"), output.resolve("clean"));
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
            for (var expected : truth) {
                var row = rows.get(expected.entityType() + "|" + expected.serverId());
                if (row == null) {
                    wrong.add("MISSING " + expected);
                    continue;
                }
                var wanted = switch (expected.expectation()) {
                    case MATCH -> "MATCHED";
                    case AMBIGUOUS -> "AMBIGUOUS";
                    case UNMATCHED -> "UNMATCHED";
                };
                boolean asDesigned = row.status().equals(wanted)
                        && (expected.expectation() == Expectation.MATCH
                                || !row.reason().isBlank());
                if (!asDesigned) {
                    wrong.add(wanted + " expected, got " + row + " truth=" + expected);
                }
            }
            System.out.printf(
                    "accuracy: %d rows, %d matched, %d disagree with the ground truth%n",
                    rows.size(), outcome.summary().matched(), wrong.size());
            wrong.sort(null);
            assertThat(wrong).as("rows that disagree with the ground truth").isEmpty();
            CompatibleReportCheck.holdsExactlyTheNumericMatches(
                    outcome.compatibleReport(),
                    rows.values().stream()
                            .map(r -> new CompatibleReportCheck.Decision(
                                    r.entityType(), r.serverId(), r.cloudId(), r.status()))
                            .toList());
        }
    }

    @Test
    void faults_and_tight_rate_limits_give_byte_identical_reports() throws IOException {
        // given the same migration, served cleanly and with 1% faults and a burst limit of 20 per endpoint
        MappingOutcome clean;
        MappingOutcome harsh;
        try (var sim = Simulator.start(SimConfig.defaults(SimProduct.JIRA))) {
            clean = map(sim, h2("clean"), output.resolve("clean"));
        }
        var harshConfig = SimConfig.builder(SimProduct.JIRA)
                .faultRate(0.01)
                .rateLimit(new RateLimit(20, 20))
                .build();
        try (var sim = Simulator.start(harshConfig)) {
            harsh = map(sim, h2("harsh"), output.resolve("harsh"));
        }
        // then
        assertThat(Files.readAllBytes(harsh.compatibleReport()))
                .isEqualTo(Files.readAllBytes(clean.compatibleReport()));
        assertThat(Files.readAllBytes(harsh.detailedReport())).isEqualTo(Files.readAllBytes(clean.detailedReport()));
        long cleanRequests = total(clean.requestsPerSite());
        long harshRequests = total(harsh.requestsPerSite());
        assertThat(harshRequests).as("requests including retries").isGreaterThan(cleanRequests);
    }

    private static MappingOutcome map(SimulatedMigration sim, DataSource staging, Path directory) throws IOException {
        Files.createDirectories(directory);
        var engine = new StagedMappingEngine(staging, new AtlassianCrawlers(), InstantSource.system());
        var request = new MappingRequest("run-1", Product.JIRA, source(sim), destination(sim), Set.of(), Set.of());
        return engine.run(request, directory, ProgressListener.NONE);
    }

    private static DataSource h2(String name) {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + "-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    private static long total(Map<String, Map<String, Long>> requestsPerSite) {
        return requestsPerSite.values().stream()
                .flatMap(m -> m.values().stream())
                .mapToLong(Long::longValue)
                .sum();
    }

    /** Read back with the reports' own reader, which ReportFormatTest pins against RFC 4180 samples. */
    private static List<Row> detailedRows(Path file) {
        return DetailedReport.readAll(file).stream()
                .map(r -> new Row(
                        r.entityType(),
                        r.serverId(),
                        blank(r.cloudId()),
                        r.status().name(),
                        blank(r.rule()),
                        blank(r.candidates()),
                        blank(r.reason())))
                .toList();
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }
}
