package dev.idmap.connectors;

import static dev.idmap.connectors.SimulatedSites.destination;
import static dev.idmap.connectors.SimulatedSites.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.crawl.NotAvailable;
import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.crawl.SkippedDetails;
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
import dev.idmap.sim.http.SiteProxy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
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

    @Test
    void without_migration_records_project_roles_or_board_configurations_jira_maps_every_type_with_less_evidence()
            throws IOException {
        // given a Cloud site without user migration records or board configurations, a DC site without project roles
        var config = SimConfig.builder(SimProduct.JIRA)
                .without(
                        SimFeature.JIRA_CLOUD_USER_MIGRATION,
                        SimFeature.JIRA_CLOUD_BOARD_CONFIGURATION,
                        SimFeature.JIRA_DC_PROJECT_ROLES)
                .build();
        try (var sim = Simulator.start(config)) {
            // when
            var outcome = map(sim, Product.JIRA);
            // then no type is missing: each missing detail is named, and the type mapped with what there is
            var missing = outcome.summary().notAvailable();
            assertThat(missing).noneMatch(NotAvailable::wholeType);
            assertThat(missing)
                    .filteredOn(m -> m.type() == EntityType.JIRA_USER)
                    .singleElement()
                    .satisfies(m -> {
                        assertThat(m.side()).isEqualTo(Side.DESTINATION);
                        assertThat(m.request()).startsWith("GET /rest/api/3/user/bulk/migration");
                        assertThat(m.answer()).startsWith("HTTP 404");
                        assertThat(m.message())
                                .isEqualTo("identity:user: a detail is not available on the destination site: "
                                        + m.request() + " answered " + m.answer() + "; no migration records: server"
                                        + " users are matched by e-mail address only");
                    });
            var projectKeys = DetailedReport.readAll(outcome.detailedReport()).stream()
                    .filter(r -> r.entityType().equals(EntityType.PROJECT.namespace()))
                    .map(r -> r.serverKey())
                    .sorted(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
                    .toList();
            assertThat(projectKeys).hasSizeGreaterThan(SkippedDetails.EXAMPLES);
            assertThat(missing)
                    .as("one warning for the role listings of every project, with their count and the first few")
                    .filteredOn(m -> m.type() == EntityType.PROJECT_ROLE)
                    .singleElement()
                    .satisfies(m -> {
                        assertThat(m.side()).isEqualTo(Side.SOURCE);
                        assertThat(m.items()).isEqualTo(projectKeys.size());
                        var first = projectKeys.subList(0, SkippedDetails.EXAMPLES);
                        assertThat(m.examples())
                                .containsExactlyElementsOf(
                                        first.stream().map(k -> "project " + k).toList());
                        assertThat(m.request()).isEqualTo("GET /rest/api/2/project/" + first.getFirst() + "/role");
                        assertThat(m.message())
                                .isEqualTo("jira:projectRole: details are not available on the source site for "
                                        + projectKeys.size() + " items (" + String.join(", ", m.examples()) + " and "
                                        + (projectKeys.size() - SkippedDetails.EXAMPLES) + " more): e.g. "
                                        + m.request() + " answered " + m.answer() + "; the roles in use in these"
                                        + " projects are unknown: no role gets usage evidence from them");
                    });
            assertThat(Files.readString(outcome.summaryFile(), StandardCharsets.UTF_8))
                    .as("summary.json names the count and the first items of the details")
                    .contains("\"entityType\": \"jira:projectRole\", \"container\": null, \"request\": \"GET"
                            + " /rest/api/2/project/" + projectKeys.getFirst() + "/role\"")
                    .contains("\"items\": " + projectKeys.size() + ", \"examples\": [\"project "
                            + projectKeys.getFirst() + "\", \"project " + projectKeys.get(1) + "\"");
            var cloudBoards = sim.groundTruth().stream()
                    .filter(r -> r.entityType().equals(BOARD) && r.migrated())
                    .count();
            assertThat(missing)
                    .filteredOn(m -> m.type() == EntityType.BOARD)
                    .singleElement()
                    .satisfies(m -> {
                        assertThat(m.side()).isEqualTo(Side.DESTINATION);
                        assertThat(m.items())
                                .isGreaterThanOrEqualTo(cloudBoards)
                                .isGreaterThan(1);
                        assertThat(m.examples()).hasSize((int) Math.min(SkippedDetails.EXAMPLES, m.items()));
                        assertThat(m.request()).matches("GET /rest/agile/1.0/board/\\d+/configuration");
                        assertThat(m.message()).endsWith("; these boards are matched without their filter");
                    });
            assertThat(outcome.summary().warnings()).hasSameSizeAs(missing);
            var rows = DetailedReport.readAll(outcome.detailedReport());
            for (var type :
                    List.of(EntityType.JIRA_USER, EntityType.PROJECT, EntityType.PROJECT_ROLE, EntityType.BOARD)) {
                assertThat(rows)
                        .as("%s rows are there and some match", type)
                        .anyMatch(r -> r.entityType().equals(type.namespace()) && r.status() == MatchStatus.MATCHED);
            }
            assertThat(rows)
                    .filteredOn(r -> r.entityType().equals(EntityType.JIRA_USER.namespace())
                            && r.status() == MatchStatus.MATCHED)
                    .allSatisfy(r -> assertThat(r.rule()).as(r.toString()).isEqualTo("email"));
            assertThat(GroundTruthAgreement.wrongMatches(outcome.detailedReport(), sim.groundTruth()))
                    .as("what is matched with less evidence is still matched right")
                    .isEmpty();
        }
    }

    @Test
    void a_confluence_cloud_site_without_migration_records_maps_everything_and_says_users_cannot_match()
            throws IOException {
        // given
        var config = SimConfig.builder(SimProduct.CONFLUENCE)
                .without(SimFeature.CONFLUENCE_CLOUD_USER_MIGRATION)
                .build();
        try (var sim = Simulator.start(config)) {
            // when the access check, which asks the records first, finds them missing
            var outcome = map(sim, Product.CONFLUENCE);
            // then
            assertThat(outcome.summary().notAvailable()).singleElement().satisfies(m -> {
                assertThat(m.wholeType()).isFalse();
                assertThat(m.type()).isEqualTo(EntityType.CONFLUENCE_USER);
                assertThat(m.request()).startsWith("GET /wiki/rest/api/user/bulk/migration");
                assertThat(m.message()).contains("no migration records", "reported UNMATCHED");
            });
            var rows = DetailedReport.readAll(outcome.detailedReport());
            assertThat(rows)
                    .filteredOn(r -> r.entityType().equals(EntityType.CONFLUENCE_USER.namespace()))
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo(MatchStatus.UNMATCHED));
            assertThat(rows)
                    .anyMatch(r ->
                            r.entityType().equals(EntityType.PAGE.namespace()) && r.status() == MatchStatus.MATCHED);
            assertThat(GroundTruthAgreement.wrongMatches(outcome.detailedReport(), sim.groundTruth()))
                    .isEmpty();
        }
    }

    @Test
    void a_page_gone_between_its_listing_and_its_attachments_costs_only_its_own_attachments() throws IOException {
        // given a Data Center site where one page's attachment listing answers 404, as for a page deleted meanwhile
        try (var sim = Simulator.start(SimConfig.defaults(SimProduct.CONFLUENCE))) {
            var page = sim.groundTruth().stream()
                    .filter(r -> r.entityType().equals(EntityType.PAGE.namespace()))
                    .map(r -> r.serverId())
                    .min(java.util.Comparator.comparingLong(Long::parseLong))
                    .orElseThrow();
            var listing = "/rest/api/content/" + page + "/child/attachment";
            try (var proxy = SiteProxy.refusing(
                    sim.sourceBaseUrl(),
                    path -> path.endsWith(listing),
                    404,
                    "{\"statusCode\":404,\"message\":\"No content found with id: " + page + "\"}")) {
                // when
                var outcome = map(
                        sim,
                        Product.CONFLUENCE,
                        new SiteConnection(proxy.baseUrl(), source(sim).auth()));
                // then that page's attachments are a detail not available; the type is mapped in every space
                assertThat(outcome.summary().notAvailable()).singleElement().satisfies(m -> {
                    assertThat(m.wholeType()).isFalse();
                    assertThat(m.side()).isEqualTo(Side.SOURCE);
                    assertThat(m.type()).isEqualTo(EntityType.CONFLUENCE_ATTACHMENT);
                    assertThat(m.request()).startsWith("GET " + listing);
                    assertThat(m.answer()).startsWith("HTTP 404");
                    assertThat(m.items()).isEqualTo(1);
                    assertThat(m.examples())
                            .singleElement()
                            .asString()
                            .startsWith("page or blog post " + page + " in ");
                    assertThat(m.message())
                            .contains("a detail is not available on the source site for page or blog post " + page)
                            .endsWith("; the attachments of these pages and blog posts are not in the reports");
                });
                assertThat(DetailedReport.readAll(outcome.detailedReport()))
                        .anyMatch(r -> r.entityType().equals(EntityType.CONFLUENCE_ATTACHMENT.namespace())
                                && r.status() == MatchStatus.MATCHED);
                assertThat(GroundTruthAgreement.wrongMatches(outcome.detailedReport(), sim.groundTruth()))
                        .isEmpty();
            }
        }
    }

    private MappingOutcome map(SimulatedMigration sim, Product product) throws IOException {
        return map(sim, product, source(sim));
    }

    private MappingOutcome map(SimulatedMigration sim, Product product, SiteConnection sourceSite) throws IOException {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:lacking-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        var engine = new StagedMappingEngine(dataSource, new AtlassianCrawlers(), InstantSource.system());
        var directory = Files.createDirectories(output.resolve(product.name()));
        var request = new MappingRequest("run-1", product, sourceSite, destination(sim), Set.of(), Set.of());
        return engine.run(request, directory, ProgressListener.NONE);
    }
}
