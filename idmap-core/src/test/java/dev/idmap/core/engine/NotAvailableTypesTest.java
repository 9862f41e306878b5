package dev.idmap.core.engine;

import static dev.idmap.core.model.EntityType.FILTER;
import static dev.idmap.core.model.EntityType.PRIORITY;
import static dev.idmap.core.model.EntityType.PROJECT;
import static dev.idmap.core.testing.Sites.entity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.NotAvailable;
import dev.idmap.core.match.MatchStatus;
import dev.idmap.core.model.Side;
import dev.idmap.core.testing.Scenario;
import dev.idmap.core.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listing a site does not offer makes its type not available on that site, never the run fail: a 404 for any type,
 * a 403 for an optional one. A 403 on a core listing still fails, so that the missing permission gets granted.
 */
class NotAvailableTypesTest {

    private static final DataSource DATABASE = TestDatabases.h2("not-available");

    @TempDir
    Path output;

    static Scenario projectsPrioritiesAndFilters() {
        return Scenario.jira()
                .source(
                        entity(PROJECT, "10000", null, "ABC"),
                        entity(PRIORITY, "1", null, "High"),
                        entity(FILTER, "500", null, "My open issues"))
                .destination(
                        entity(PROJECT, "20000", null, "ABC"),
                        entity(PRIORITY, "2", null, "High"),
                        entity(FILTER, "600", null, "My open issues"));
    }

    @Test
    void a_forbidden_optional_listing_on_the_destination_leaves_its_entities_unmatched_with_the_answer_as_reason() {
        // given a Cloud site that forbids listing filters
        var scenario = projectsPrioritiesAndFilters();
        var destination = scenario.destinationSite().refusing(FILTER, 403);
        // when
        var result = scenario.run(
                DATABASE, output, "forbidden-filters", Set.of(), Set.of(), scenario.sourceSite(), destination);
        // then
        assertThat(result.outcome().summary().notAvailable())
                .containsExactly(new NotAvailable(
                        Side.DESTINATION, FILTER, null, "GET /fixture/jira:filter", "HTTP 403 (Forbidden)"));
        assertThat(result.row(FILTER, "500").status()).isEqualTo(MatchStatus.UNMATCHED);
        assertThat(result.row(FILTER, "500").reason())
                .isEqualTo("not available on the destination site: GET /fixture/jira:filter answered HTTP 403"
                        + " (Forbidden)");
        assertThat(result.row(PRIORITY, "1").cloudId()).isEqualTo("2");
        assertThat(result.outcome().summary().warnings())
                .containsExactly("jira:filter is not available on the destination site: GET /fixture/jira:filter"
                        + " answered HTTP 403 (Forbidden); its source entities are reported UNMATCHED");
    }

    @Test
    void a_listing_the_source_does_not_offer_leaves_its_type_out_of_the_reports() throws Exception {
        // given a Data Center site that answers 404 for the priority listing
        var scenario = projectsPrioritiesAndFilters();
        var source = scenario.sourceSite().refusing(PRIORITY, 404);
        // when
        var result =
                scenario.run(DATABASE, output, "no-priorities", Set.of(), Set.of(), source, scenario.destinationSite());
        // then
        assertThat(result.outcome().summary().notAvailable())
                .extracting(NotAvailable::side, NotAvailable::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Side.SOURCE, PRIORITY));
        assertThat(result.rowsOf(PRIORITY)).isEmpty();
        assertThat(result.row(FILTER, "500").cloudId()).isEqualTo("600");
        assertThat(Files.readString(result.outcome().summaryFile()))
                .contains("\"warnings\": [\n    {\"side\": \"SOURCE\", \"entityType\": \"jira:priority\","
                        + " \"container\": null, \"request\": \"GET /fixture/jira:priority\","
                        + " \"answer\": \"HTTP 404 (Not Found)\"");
    }

    @Test
    void a_forbidden_core_listing_still_fails_the_run() {
        // given a Data Center site that forbids listing priorities: the account lacks a permission
        var scenario = projectsPrioritiesAndFilters();
        var source = scenario.sourceSite().refusing(PRIORITY, 403);
        // when / then
        assertThatThrownBy(() -> scenario.run(
                        DATABASE,
                        output,
                        "forbidden-priorities",
                        Set.of(),
                        Set.of(),
                        source,
                        scenario.destinationSite()))
                .isInstanceOfSatisfying(
                        CrawlFailure.class, f -> assertThat(f.kind()).isEqualTo(CrawlFailure.Kind.PERMISSION));
    }

    @Test
    void a_resumed_run_keeps_the_warning_without_asking_again() {
        // given a run whose destination did not offer filters
        var scenario = projectsPrioritiesAndFilters();
        scenario.run(
                DATABASE,
                output,
                "resumed-refusal",
                Set.of(),
                Set.of(),
                scenario.sourceSite(),
                scenario.destinationSite().refusing(FILTER, 404));
        // when the same run is resumed
        var destination = scenario.destinationSite();
        var resumed = scenario.run(
                DATABASE, output, "resumed-refusal", Set.of(), Set.of(), scenario.sourceSite(), destination);
        // then the refused part is a checkpoint like any other: not asked again, still reported
        assertThat(destination.crawledScopes()).doesNotContain("jira:filter");
        assertThat(resumed.outcome().summary().notAvailable())
                .extracting(NotAvailable::type)
                .containsExactly(FILTER);
    }
}
