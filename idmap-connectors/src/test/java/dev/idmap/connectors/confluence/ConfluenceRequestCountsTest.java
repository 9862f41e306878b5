package dev.idmap.connectors.confluence;

import static dev.idmap.connectors.confluence.ConfluenceSites.crawlEverything;
import static dev.idmap.connectors.confluence.ConfluenceSites.destination;
import static dev.idmap.connectors.confluence.ConfluenceSites.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.connectors.AtlassianCrawlers;
import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimSite;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A clean crawl issues exactly the minimum number of pages for the endpoints it uses: the largest page size every
 * time, and not one request more, counted by the crawler and by the site alike.
 */
class ConfluenceRequestCountsTest {

    /** The simulator's caps, echoed back by the sites; the crawler asks for at least as much. */
    private static final int DC_SPACE_PAGE = 500;

    private static final int DC_CONTENT_PAGE = 200;
    private static final int DC_CHILDREN_PAGE = 200;
    private static final int DC_USER_PAGE = 200;
    private static final int DC_GROUP_PAGE = 200;
    private static final int V2_PAGE = 250;
    private static final int V1_PAGE = 200;

    static SimulatedMigration sim;

    @BeforeAll
    static void start() {
        sim = Simulator.start(SimConfig.defaults(SimProduct.CONFLUENCE));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void the_data_center_crawl_reads_the_minimum_number_of_pages() {
        // given
        sim.resetRequestCounts();
        var crawler = new AtlassianCrawlers().open(Product.CONFLUENCE, Side.SOURCE, source(sim));
        // when
        var crawled = crawlEverything(crawler);
        // then
        var spaces = crawled.get(EntityType.SPACE);
        var pagesPerSpace = perSpace(crawled.get(EntityType.PAGE));
        var postsPerSpace = perSpace(crawled.get(EntityType.BLOG_POST));
        var commentsPerSpace = countBy(crawled.get(EntityType.CONFLUENCE_COMMENT), c -> spaceOf(crawled, c));
        long scans = 0;
        for (var space : spaces) {
            long pages = pages(pagesPerSpace.getOrDefault(space.id(), 0L), DC_CONTENT_PAGE);
            long posts = pages(postsPerSpace.getOrDefault(space.id(), 0L), DC_CONTENT_PAGE);
            // pages and blog posts with expansions, again by id for their attachments, then the comments
            scans += 2 * (pages + posts) + pages(commentsPerSpace.getOrDefault(space.id(), 0L), DC_CONTENT_PAGE);
        }
        var attachmentsPerContainer =
                countBy(crawled.get(EntityType.CONFLUENCE_ATTACHMENT), a -> a.attribute("containerId"));
        long attachmentPages = crawled.get(EntityType.PAGE).size()
                + crawled.get(EntityType.BLOG_POST).size()
                + attachmentsPerContainer.values().stream()
                        .mapToLong(n -> pages(n, DC_CHILDREN_PAGE) - 1)
                        .sum();
        var minimum = new TreeMap<String, Long>(Map.of(
                "GET /rest/api/space", pages(spaces.size(), DC_SPACE_PAGE),
                "GET /rest/api/user/list",
                        pages(crawled.get(EntityType.CONFLUENCE_USER).size(), DC_USER_PAGE),
                "GET /rest/api/group",
                        pages(crawled.get(EntityType.CONFLUENCE_GROUP).size(), DC_GROUP_PAGE),
                "GET /rest/api/content/scan", scans,
                "GET /rest/api/content/{id}/child/attachment", attachmentPages));
        report("Data Center", crawler.requestCounts(), minimum);
        assertThat(crawler.requestCounts()).isEqualTo(minimum);
        assertThat(total(sim.requestCounts(SimSite.SOURCE)))
                .as("requests the site received")
                .isEqualTo(total(crawler.requestCounts()));
    }

    @Test
    void the_cloud_crawl_reads_the_minimum_number_of_pages() {
        // given
        sim.resetRequestCounts();
        var crawler = new AtlassianCrawlers().open(Product.CONFLUENCE, Side.DESTINATION, destination(sim));
        // when
        var crawled = crawlEverything(crawler);
        // then
        var spaces = crawled.get(EntityType.SPACE);
        var pagesPerSpace = perSpace(crawled.get(EntityType.PAGE));
        var postsPerSpace = perSpace(crawled.get(EntityType.BLOG_POST));
        var comments = crawled.get(EntityType.CONFLUENCE_COMMENT);
        long footer = footerComments(comments);
        var minimum = new TreeMap<String, Long>();
        minimum.put("GET /wiki/api/v2/spaces", pages(spaces.size(), V2_PAGE));
        minimum.put(
                "GET /wiki/api/v2/spaces/{id}/pages",
                spaces.stream()
                        .mapToLong(s -> pages(pagesPerSpace.getOrDefault(s.id(), 0L), V2_PAGE))
                        .sum());
        minimum.put(
                "GET /wiki/api/v2/spaces/{id}/blogposts",
                spaces.stream()
                        .mapToLong(s -> pages(postsPerSpace.getOrDefault(s.id(), 0L), V2_PAGE))
                        .sum());
        minimum.put(
                "GET /wiki/api/v2/attachments",
                pages(crawled.get(EntityType.CONFLUENCE_ATTACHMENT).size(), V2_PAGE));
        minimum.put(
                "GET /wiki/rest/api/group",
                pages(crawled.get(EntityType.CONFLUENCE_GROUP).size(), V1_PAGE));
        minimum.put(
                "GET /wiki/rest/api/search/user",
                pages(crawled.get(EntityType.CONFLUENCE_USER).size(), V1_PAGE));
        report("Cloud", crawler.requestCounts(), minimum);
        var counts = new TreeMap<>(crawler.requestCounts());
        long commentRequests =
                counts.remove("GET /wiki/api/v2/footer-comments") + counts.remove("GET /wiki/api/v2/inline-comments");
        assertThat(counts).isEqualTo(minimum);
        assertThat(commentRequests)
                .as("footer (%d) and inline (%d) comment pages", footer, comments.size() - footer)
                .isEqualTo(pages(footer, V2_PAGE) + pages(comments.size() - footer, V2_PAGE));
        assertThat(total(sim.requestCounts(SimSite.DESTINATION)))
                .as("requests the site received")
                .isEqualTo(total(crawler.requestCounts()));
    }

    /** The crawl lists footer comments, then inline ones, each in ascending id order: the first drop ends them. */
    private static long footerComments(List<SiteEntity> comments) {
        for (int i = 1; i < comments.size(); i++) {
            if (Long.parseLong(comments.get(i).id())
                    < Long.parseLong(comments.get(i - 1).id())) {
                return i;
            }
        }
        return comments.size();
    }

    private static String spaceOf(Map<EntityType, List<SiteEntity>> crawled, SiteEntity comment) {
        var container = comment.attribute("containerId");
        for (var type : List.of(EntityType.PAGE, EntityType.BLOG_POST)) {
            for (var content : crawled.get(type)) {
                if (content.id().equals(container)) {
                    return content.parentId();
                }
            }
        }
        throw new AssertionError("no container for " + comment);
    }

    private static Map<String, Long> perSpace(List<SiteEntity> content) {
        return countBy(content, SiteEntity::parentId);
    }

    private static Map<String, Long> countBy(List<SiteEntity> entities, Function<SiteEntity, String> key) {
        return entities.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    /** Pages needed for {@code items} at {@code size} per page; an empty listing still takes one request. */
    private static long pages(long items, int size) {
        return Math.max(1, (items + size - 1) / size);
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void report(String site, Map<String, Long> issued, Map<String, Long> minimum) {
        System.out.printf("confluence %s requests: issued %d, minimum pages %d%n", site, total(issued), total(minimum));
        issued.forEach((endpoint, count) -> System.out.printf(
                "  %-50s issued %5d  minimum %s%n", endpoint, count, minimum.getOrDefault(endpoint, -1L)));
    }
}
