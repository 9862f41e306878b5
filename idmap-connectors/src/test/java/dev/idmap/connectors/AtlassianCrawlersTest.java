package dev.idmap.connectors;

import static dev.idmap.connectors.SimulatedSites.crawlEverything;
import static dev.idmap.connectors.SimulatedSites.destination;
import static dev.idmap.connectors.SimulatedSites.idsByNamespace;
import static dev.idmap.connectors.SimulatedSites.source;
import static dev.idmap.connectors.SimulatedSites.truthIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.crawl.SiteConnection.SiteAuth;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The crawlers against the simulator's default Jira migration, over real HTTP. */
class AtlassianCrawlersTest {

    static SimulatedMigration sim;
    final AtlassianCrawlers crawlers = new AtlassianCrawlers();

    @BeforeAll
    static void start() {
        sim = Simulator.start(SimConfig.defaults(SimProduct.JIRA));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void every_source_entity_of_the_ground_truth_is_crawled_from_the_data_center_site() {
        // given
        var crawler = crawlers.open(Product.JIRA, Side.SOURCE, source(sim));
        crawler.verifyAccess();
        // when
        var crawled = idsByNamespace(crawlEverything(crawler));
        // then
        var missing = new TreeMap<String, Set<String>>();
        truthIds(sim.groundTruth(), true).forEach((namespace, ids) -> {
            var absent = new java.util.TreeSet<>(ids);
            absent.removeAll(crawled.getOrDefault(namespace, Set.of()));
            if (!absent.isEmpty()) {
                missing.put(namespace, absent);
            }
        });
        assertThat(missing).as("ground-truth source ids the crawl did not see").isEmpty();
    }

    @Test
    void every_migrated_entity_is_crawled_from_the_cloud_site() {
        // given
        var crawler = crawlers.open(Product.JIRA, Side.DESTINATION, destination(sim));
        crawler.verifyAccess();
        // when
        var crawled = idsByNamespace(crawlEverything(crawler));
        // then
        var missing = new TreeMap<String, Set<String>>();
        truthIds(sim.groundTruth(), false).forEach((namespace, ids) -> {
            var absent = new java.util.TreeSet<>(ids);
            absent.removeAll(crawled.getOrDefault(namespace, Set.of()));
            if (!absent.isEmpty()) {
                missing.put(namespace, absent);
            }
        });
        assertThat(missing).as("ground-truth Cloud ids the crawl did not see").isEmpty();
    }

    @Test
    void the_cloud_crawler_lists_field_contexts_and_the_data_center_crawler_does_not() {
        // given
        var dc = crawlers.open(Product.JIRA, Side.SOURCE, source(sim));
        var cloud = crawlers.open(Product.JIRA, Side.DESTINATION, destination(sim));
        // then
        assertThat(cloud.supportedTypes()).containsAll(EntityType.of(Product.JIRA));
        assertThat(dc.supportedTypes())
                .doesNotContain(EntityType.CUSTOM_FIELD_CONTEXT)
                .containsAll(EntityType.of(Product.JIRA).stream()
                        .filter(t -> t != EntityType.CUSTOM_FIELD_CONTEXT)
                        .toList());
    }

    @Test
    void wrong_credentials_fail_fast_with_an_authentication_failure_naming_the_site() {
        // given
        var wrong = new SiteConnection(sim.sourceBaseUrl(), new SiteAuth.Basic("admin", "not-the-password"));
        var crawler = crawlers.open(Product.JIRA, Side.SOURCE, wrong);
        // when / then
        assertThatThrownBy(crawler::verifyAccess).isInstanceOfSatisfying(CrawlFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(CrawlFailure.Kind.AUTHENTICATION);
            assertThat(failure.getMessage())
                    .contains("Jira source (Data Center) site " + sim.sourceBaseUrl())
                    .contains("HTTP 401")
                    .doesNotContain("not-the-password");
        });
    }

    @Test
    void a_wrong_cloud_api_token_fails_fast_too() {
        // given
        var wrong = new SiteConnection(
                sim.destinationBaseUrl(),
                new SiteAuth.Basic(sim.destinationCredentials().login(), "expired-token"));
        var crawler = crawlers.open(Product.JIRA, Side.DESTINATION, wrong);
        // when / then
        assertThatThrownBy(crawler::verifyAccess).isInstanceOfSatisfying(CrawlFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(CrawlFailure.Kind.AUTHENTICATION);
            assertThat(failure.getMessage())
                    .contains("Jira destination (Cloud) site " + sim.destinationBaseUrl())
                    .doesNotContain("expired-token");
        });
    }
}
