package dev.idmap.connectors;

import static dev.idmap.connectors.SimulatedSites.destination;
import static dev.idmap.connectors.SimulatedSites.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.crawl.SiteCrawler;
import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimScale;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The documented caps of the sites, met at a size where they bite: DC search pages of 1000 (and its 10,000 offset
 * window), Cloud {@code /search/jql} pages of 5000 for id/key and 100 with fields, the DC {@code /user/list}
 * cursor (2000 per page) and the DC group picker's autocomplete limit of 20.
 */
class ListingLimitsTest {

    static SimulatedMigration sim;
    final AtlassianCrawlers crawlers = new AtlassianCrawlers();

    @BeforeAll
    static void start() {
        sim = Simulator.start(SimConfig.builder(SimProduct.JIRA)
                .scale(SimScale.SMALL
                        .with("projects", 4)
                        .with("issuesPerProject", 1100)
                        .with("groups", 30)
                        .with("users", 2100))
                .build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void data_center_issues_are_paged_by_id_range_in_the_fewest_pages_the_cap_allows() {
        // given
        var crawler = crawlers.open(Product.JIRA, Side.SOURCE, source(sim));
        var projects = crawl(crawler, EntityType.PROJECT).size();
        // when
        var issues = crawl(crawler, EntityType.ISSUE);
        // then every DC issue of the ground truth, each once, in 2 pages of at most 1000 per project
        assertThat(ids(issues)).isEqualTo(truthIds("jira:issue"));
        assertThat(issues).hasSize(ids(issues).size());
        assertThat(crawler.requestCounts()).containsEntry("GET /rest/api/2/search", 2L * projects);
    }

    @Test
    void cloud_issues_come_5000_per_page_with_id_and_key_and_100_per_page_with_fields() {
        // given
        var crawler = crawlers.open(Product.JIRA, Side.DESTINATION, destination(sim));
        var perProject = new ArrayList<Integer>();
        for (var scope : crawler.plan(EntityType.ISSUE, Set.of())) {
            var list = new ArrayList<SiteEntity>();
            crawler.crawl(scope, list::add);
            perProject.add(list.size());
        }
        long issuePages = perProject.stream()
                .mapToLong(n -> Math.max(1, (n + 4999) / 5000))
                .sum();
        assertThat(crawler.requestCounts()).containsEntry("GET /rest/api/3/search/jql", issuePages);
        // when
        var attachments = crawl(crawler, EntityType.ATTACHMENT);
        // then
        long fieldPages =
                perProject.stream().mapToLong(n -> Math.max(1, (n + 99) / 100)).sum();
        assertThat(crawler.requestCounts()).containsEntry("GET /rest/api/3/search/jql", issuePages + fieldPages);
        assertThat(ids(attachments)).containsAll(migratedCloudIds("jira:fileAttachment"));
    }

    @Test
    void data_center_users_come_through_the_user_list_cursor_each_once() {
        // given
        var crawler = crawlers.open(Product.JIRA, Side.SOURCE, source(sim));
        // when
        var users = crawl(crawler, EntityType.JIRA_USER);
        // then
        assertThat(users).hasSize(2100);
        assertThat(ids(users)).isEqualTo(truthIds("identity:user"));
        assertThat(crawler.requestCounts()).containsEntry("GET /rest/api/2/user/list", 2L);
    }

    @Test
    void data_center_groups_beyond_the_autocomplete_limit_are_found_by_narrowing_the_query() {
        // given
        var crawler = crawlers.open(Product.JIRA, Side.SOURCE, source(sim));
        // when
        var groups = crawl(crawler, EntityType.JIRA_GROUP);
        // then
        assertThat(truthIds("identity:group")).hasSizeGreaterThan(20);
        assertThat(ids(groups)).isEqualTo(truthIds("identity:group"));
        assertThat(crawler.requestCounts().get("GET /rest/api/2/groups/picker")).isGreaterThan(1L);
    }

    private static List<SiteEntity> crawl(SiteCrawler crawler, EntityType type) {
        var list = new ArrayList<SiteEntity>();
        crawler.plan(type, Set.of()).forEach(scope -> crawler.crawl(scope, list::add));
        return list;
    }

    private static Set<String> ids(List<SiteEntity> entities) {
        var ids = new TreeSet<String>();
        entities.forEach(e -> ids.add(e.id()));
        return ids;
    }

    private static Set<String> truthIds(String namespace) {
        var ids = new TreeSet<String>();
        sim.groundTruth().stream().filter(r -> r.entityType().equals(namespace)).forEach(r -> ids.add(r.serverId()));
        return ids;
    }

    private static Set<String> migratedCloudIds(String namespace) {
        var ids = new TreeSet<String>();
        sim.groundTruth().stream()
                .filter(r -> r.entityType().equals(namespace) && r.migrated())
                .forEach(r -> ids.add(r.cloudId()));
        return ids;
    }
}
