package dev.idmap.connectors.confluence;

import static dev.idmap.connectors.confluence.ConfluenceSites.crawlEverything;
import static dev.idmap.connectors.confluence.ConfluenceSites.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.connectors.AtlassianCrawlers;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimFeature;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.Simulator;
import org.junit.jupiter.api.Test;

/**
 * A Data Center site older than Confluence 7.18 has no {@code /rest/api/content/scan}: the crawler reads content
 * through {@code /rest/api/content} offset paging and comments per page or blog post, and sees exactly what the scan
 * sees. The older site is the same simulated migration with {@link SimFeature#CONFLUENCE_DC_CONTENT_SCAN} switched
 * off (the scan answers 404, as on such a site).
 */
class ConfluenceOlderDataCenterTest {

    @Test
    void a_site_without_the_content_scan_is_crawled_through_offset_paging_with_the_same_result() {
        // given the same migration on a current and on an older Data Center site
        try (var current = Simulator.start(SimConfig.defaults(SimProduct.CONFLUENCE));
                var older = Simulator.start(SimConfig.builder(SimProduct.CONFLUENCE)
                        .without(SimFeature.CONFLUENCE_DC_CONTENT_SCAN)
                        .build())) {
            var crawlers = new AtlassianCrawlers();
            // when
            var expected = crawlEverything(crawlers.open(Product.CONFLUENCE, Side.SOURCE, source(current)));
            var olderCrawler = crawlers.open(Product.CONFLUENCE, Side.SOURCE, source(older));
            var skipped = new java.util.ArrayList<dev.idmap.core.crawl.SkippedDetail>();
            var actual = crawlEverything(olderCrawler, skipped);
            // then
            assertThat(actual).isEqualTo(expected);
            assertThat(olderCrawler.requestCounts())
                    .containsKeys(
                            "GET /rest/api/content",
                            "GET /rest/api/content/{id}/child/comment",
                            "GET /rest/api/content/{id}/child/attachment");
            assertThat(olderCrawler.requestCounts().get("GET /rest/api/content/scan"))
                    .as("the scan is asked once for content and once for comments, then no more")
                    .isEqualTo(2L);
            assertThat(skipped).isEmpty();
        }
    }
}
