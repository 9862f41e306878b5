package dev.idmap.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.crawl.SiteConnection.SiteAuth;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimSite;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import dev.idmap.sim.jira.JiraSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What {@code verifyAccess} tells the operator before any crawling starts. */
class AccessChecksTest {

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
    void a_data_center_account_without_administer_jira_fails_fast_saying_what_to_grant() {
        // given the simulator's read-only auditor, with a personal access token
        sim.resetRequestCounts();
        var auditor = new SiteConnection(sim.sourceBaseUrl(), new SiteAuth.Bearer(JiraSimulator.NON_ADMIN_TOKEN));
        var crawler = crawlers.open(Product.JIRA, Side.SOURCE, auditor);
        // when / then
        assertThatThrownBy(crawler::verifyAccess).isInstanceOfSatisfying(CrawlFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(CrawlFailure.Kind.PERMISSION);
            assertThat(failure.getMessage())
                    .contains("Jira source (Data Center) site " + sim.sourceBaseUrl(), "Administer Jira")
                    .doesNotContain(JiraSimulator.NON_ADMIN_TOKEN);
        });
        assertThat(sim.requestCounts(SimSite.SOURCE).values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .as("requests before giving up")
                .isLessThanOrEqualTo(3);
    }

    @Test
    void a_data_center_site_given_as_the_destination_is_refused_before_crawling() {
        // given the Data Center site where the Cloud site belongs
        var credentials = sim.sourceCredentials();
        var swapped =
                new SiteConnection(sim.sourceBaseUrl(), new SiteAuth.Basic(credentials.login(), credentials.secret()));
        var crawler = crawlers.open(Product.JIRA, Side.DESTINATION, swapped);
        // when / then
        assertThatThrownBy(crawler::verifyAccess).isInstanceOfSatisfying(CrawlFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(CrawlFailure.Kind.UNEXPECTED);
            assertThat(failure.getMessage())
                    .isEqualTo("Jira destination (Cloud) site " + sim.sourceBaseUrl() + " answered 404 for GET"
                            + " /rest/api/3/myself: is this the Jira Cloud site (a Server/Data Center site has no"
                            + " /rest/api/3)?");
        });
    }

    @Test
    void a_cloud_account_without_administer_jira_fails_fast_too() {
        // given
        var auditor = new SiteConnection(
                sim.destinationBaseUrl(), new SiteAuth.Basic("auditor@example.org", JiraSimulator.NON_ADMIN_API_TOKEN));
        var crawler = crawlers.open(Product.JIRA, Side.DESTINATION, auditor);
        // when / then
        assertThatThrownBy(crawler::verifyAccess).isInstanceOfSatisfying(CrawlFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(CrawlFailure.Kind.PERMISSION);
            assertThat(failure.getMessage())
                    .contains("Jira destination (Cloud) site " + sim.destinationBaseUrl(), "Administer Jira")
                    .doesNotContain(JiraSimulator.NON_ADMIN_API_TOKEN);
        });
    }

    @Test
    void an_administrator_passes_with_a_personal_access_token_too() {
        // given
        var admin = new SiteConnection(
                sim.sourceBaseUrl(),
                new SiteAuth.Bearer(
                        sim.sourceCredentials().personalAccessToken().orElseThrow()));
        // when / then no failure
        crawlers.open(Product.JIRA, Side.SOURCE, admin).verifyAccess();
    }
}
