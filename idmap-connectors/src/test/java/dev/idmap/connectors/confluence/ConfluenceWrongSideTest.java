package dev.idmap.connectors.confluence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idmap.connectors.AtlassianCrawlers;
import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimSite;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Confluence Cloud site given as the source, or a Data Center site given as the destination, is refused before any
 * crawl with one message that names the site and what to fix: Cloud names its tenant at
 * {@code /wiki/rest/api/settings/systemInfo}, Data Center its build at {@code /rest/api/server-information}.
 */
class ConfluenceWrongSideTest {

    static SimulatedMigration sim;
    final AtlassianCrawlers crawlers = new AtlassianCrawlers();

    @BeforeAll
    static void start() {
        sim = Simulator.start(SimConfig.defaults(SimProduct.CONFLUENCE));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/wiki"})
    void a_cloud_site_given_as_the_source_is_refused_as_cloud_before_crawling(String suffix) {
        // given the Cloud site's URL (as its users write it, with or without /wiki) where the Data Center site belongs
        var cloud = ConfluenceSites.destination(sim);
        var url = URI.create(sim.destinationBaseUrl() + suffix);
        var swapped = new SiteConnection(url, cloud.auth());
        sim.resetRequestCounts();
        // when / then
        assertThatThrownBy(crawlers.open(Product.CONFLUENCE, Side.SOURCE, swapped)::verifyAccess)
                .isInstanceOfSatisfying(CrawlFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(CrawlFailure.Kind.UNEXPECTED);
                    assertThat(failure.getMessage())
                            .startsWith(
                                    "Confluence source (Data Center) site " + url + " is a Confluence Cloud site (GET ")
                            .endsWith("the source must be the Server/Data Center site the data was migrated from;"
                                    + " are the source and the destination swapped?");
                });
        assertThat(sim.requestCounts(SimSite.DESTINATION).values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .as("requests before refusing")
                .isLessThanOrEqualTo(3);
    }

    @Test
    void a_data_center_site_given_as_the_destination_is_refused_as_data_center_before_crawling() {
        // given
        var swapped = ConfluenceSites.source(sim);
        // when / then
        assertThatThrownBy(crawlers.open(Product.CONFLUENCE, Side.DESTINATION, swapped)::verifyAccess)
                .isInstanceOfSatisfying(CrawlFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(CrawlFailure.Kind.UNEXPECTED);
                    assertThat(failure.getMessage())
                            .isEqualTo("Confluence destination (Cloud) site " + sim.sourceBaseUrl()
                                    + " is a Confluence Server/Data Center site (GET /rest/api/server-information"
                                    + " names version 10.0.3): the destination must be the Cloud site the data was"
                                    + " migrated to; are the source and the destination swapped?");
                });
    }

    @Test
    void a_url_that_is_neither_says_what_each_side_expects() {
        // given the Cloud site's URL with /wiki where the Cloud crawler wants the site itself
        var cloud = ConfluenceSites.destination(sim);
        var withWiki = new SiteConnection(URI.create(sim.destinationBaseUrl() + "/wiki"), cloud.auth());
        // when / then
        assertThatThrownBy(crawlers.open(Product.CONFLUENCE, Side.DESTINATION, withWiki)::verifyAccess)
                .hasMessageEndingWith("answered 404 for GET /wiki/api/v2/spaces: is this the Confluence Cloud site,"
                        + " and is its URL given without /wiki (e.g. https://company.atlassian.net)?");
    }

    @Test
    void the_right_sites_pass() {
        crawlers.open(Product.CONFLUENCE, Side.SOURCE, ConfluenceSites.source(sim))
                .verifyAccess();
        crawlers.open(Product.CONFLUENCE, Side.DESTINATION, ConfluenceSites.destination(sim))
                .verifyAccess();
    }
}
