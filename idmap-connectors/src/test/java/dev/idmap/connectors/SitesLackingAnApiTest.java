package dev.idmap.connectors;

import static dev.idmap.connectors.SimulatedSites.destination;
import static dev.idmap.connectors.SimulatedSites.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.crawl.NotAvailable;
import dev.idmap.core.engine.MappingOutcome;
import dev.idmap.core.engine.MappingRequest;
import dev.idmap.core.engine.ProgressListener;
import dev.idmap.core.engine.StagedMappingEngine;
import dev.idmap.core.match.MatchStatus;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.core.report.DetailedReport;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimFeature;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real sites differ in version and installed apps. A site without an API maps everything else: the types it does not
 * list are reported as not available, with the request and the answer, and every other row still agrees with the
 * simulator's ground truth.
 */
class SitesLackingAnApiTest {

    private static final String BOARD = EntityType.BOARD.namespace();
    private static final String SPRINT = EntityType.SPRINT.namespace();

    @TempDir
    Path output;

    @Test
    void a_data_center_site_without_jira_software_maps_everything_but_boards_and_sprints() throws IOException {
        // given a Jira DC site without the agile API
        var config = SimConfig.builder(SimProduct.JIRA)
                .without(SimFeature.JIRA_DC_AGILE_API)
                .build();
        try (var sim = Simulator.start(config)) {
            // when
            var outcome = map(sim, Product.JIRA);
            // then boards and sprints are not available on the source, with the request and the answer
            assertThat(outcome.summary().notAvailable())
                    .extracting(NotAvailable::side, NotAvailable::type)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Side.SOURCE, EntityType.BOARD),
                            org.assertj.core.groups.Tuple.tuple(Side.SOURCE, EntityType.SPRINT));
            assertThat(outcome.summary().notAvailable()).allSatisfy(missing -> {
                assertThat(missing.request()).startsWith("GET /rest/agile/1.0/board");
                assertThat(missing.answer()).startsWith("HTTP 404");
            });
            assertThat(outcome.summary().warnings())
                    .first()
                    .asString()
                    .startsWith(BOARD + " is not available on the source site: GET /rest/agile/1.0/board");
            // and the summary names them
            var summary = Files.readString(outcome.summaryFile(), StandardCharsets.UTF_8);
            assertThat(summary)
                    .contains("\"warnings\": [")
                    .contains("{\"side\": \"SOURCE\", \"entityType\": \"" + BOARD + "\"")
                    .contains("{\"side\": \"SOURCE\", \"entityType\": \"" + SPRINT + "\"");
            // and there are no board or sprint rows, while every other row agrees with the ground truth
            assertThat(DetailedReport.readAll(outcome.detailedReport()))
                    .noneMatch(
                            r -> r.entityType().equals(BOARD) || r.entityType().equals(SPRINT));
            assertThat(GroundTruthAgreement.disagreements(
                            outcome.detailedReport(), sim.groundTruth(), Set.of(BOARD, SPRINT)))
                    .isEmpty();
            assertThat(outcome.summary().matched()).isPositive();
        }
    }

    @Test
    void a_cloud_site_without_the_v1_group_listing_reports_every_group_unmatched_and_maps_the_rest()
            throws IOException {
        // given a Confluence Cloud site without /wiki/rest/api/group
        var config = SimConfig.builder(SimProduct.CONFLUENCE)
                .without(SimFeature.CONFLUENCE_CLOUD_V1_GROUPS)
                .build();
        var group = EntityType.CONFLUENCE_GROUP.namespace();
        try (var sim = Simulator.start(config)) {
            // when
            var outcome = map(sim, Product.CONFLUENCE);
            // then
            assertThat(outcome.summary().notAvailable()).singleElement().satisfies(missing -> {
                assertThat(missing.side()).isEqualTo(Side.DESTINATION);
                assertThat(missing.type()).isEqualTo(EntityType.CONFLUENCE_GROUP);
                assertThat(missing.request()).startsWith("GET /wiki/rest/api/group");
                assertThat(missing.answer()).startsWith("HTTP 404");
            });
            var groups = DetailedReport.readAll(outcome.detailedReport()).stream()
                    .filter(r -> r.entityType().equals(group))
                    .toList();
            assertThat(groups).isNotEmpty().allSatisfy(row -> {
                assertThat(row.status()).isEqualTo(MatchStatus.UNMATCHED);
                assertThat(row.reason()).startsWith("not available on the destination site: GET /wiki/rest/api/group");
            });
            assertThat(GroundTruthAgreement.disagreements(outcome.detailedReport(), sim.groundTruth(), Set.of(group)))
                    .isEmpty();
        }
    }

    @Test
    void an_older_data_center_site_without_the_space_creator_maps_personal_spaces_through_their_key()
            throws IOException {
        // given a Confluence DC site that ignores expand=creator on spaces
        var config = SimConfig.builder(SimProduct.CONFLUENCE)
                .without(SimFeature.CONFLUENCE_DC_SPACE_CREATOR)
                .build();
        var space = EntityType.SPACE.namespace();
        try (var sim = Simulator.start(config)) {
            // when
            var outcome = map(sim, Product.CONFLUENCE);
            // then nothing is missing: the key ~username names the owner, whose user mapping finds the Cloud space
            assertThat(outcome.summary().notAvailable()).isEmpty();
            var personal = DetailedReport.readAll(outcome.detailedReport()).stream()
                    .filter(r -> r.entityType().equals(space)
                            && r.serverKey().startsWith("~")
                            && r.status() == MatchStatus.MATCHED)
                    .toList();
            assertThat(personal)
                    .isNotEmpty()
                    .allSatisfy(row -> assertThat(row.rule()).as(row.toString()).isEqualTo("personal-space-owner"));
            assertThat(outcome.requestsPerSite().get("source")).containsKey("GET /rest/api/user");
            assertThat(GroundTruthAgreement.disagreements(outcome.detailedReport(), sim.groundTruth(), Set.of()))
                    .isEmpty();
        }
    }

    private MappingOutcome map(SimulatedMigration sim, Product product) throws IOException {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:lacking-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        var engine = new StagedMappingEngine(dataSource, new AtlassianCrawlers(), InstantSource.system());
        var directory = Files.createDirectories(output.resolve(product.name()));
        var request = new MappingRequest("run-1", product, source(sim), destination(sim), Set.of(), Set.of());
        return engine.run(request, directory, ProgressListener.NONE);
    }
}
