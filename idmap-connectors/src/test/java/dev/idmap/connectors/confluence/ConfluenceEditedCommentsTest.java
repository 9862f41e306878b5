package dev.idmap.connectors.confluence;

import static dev.idmap.connectors.confluence.ConfluenceSites.crawlType;
import static dev.idmap.connectors.confluence.ConfluenceSites.destination;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.connectors.AtlassianCrawlers;
import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.crawl.SkippedDetail;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.Simulator;
import dev.idmap.sim.http.SiteProxy;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * v2 lists a comment with its current version: once a comment is edited, {@code version.createdAt} and
 * {@code version.authorId} say who edited it and when. The crawler then reads the first version, so the comment keeps
 * the author and creation time it was written with. The edits are made by a {@link SiteProxy} in front of the simulated
 * Cloud site, which also serves each edited comment's first version.
 */
class ConfluenceEditedCommentsTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Test
    void an_edited_comment_keeps_the_author_and_creation_time_of_its_first_version() {
        // given every footer comment edited later by another account
        var firstVersions = new ConcurrentHashMap<String, ObjectNode>();
        try (var sim = Simulator.start(SimConfig.defaults(SimProduct.CONFLUENCE));
                var proxy = new SiteProxy(destination(sim).baseUrl(), new EditingFooterComments(firstVersions, true))) {
            var cloud = destination(sim);
            var edited = new SiteConnection(proxy.baseUrl(), cloud.auth());
            var crawlers = new AtlassianCrawlers();
            var crawler = crawlers.open(Product.CONFLUENCE, Side.DESTINATION, edited);
            // when
            var expected = crawlType(
                    crawlers.open(Product.CONFLUENCE, Side.DESTINATION, cloud), EntityType.CONFLUENCE_COMMENT);
            var actual = crawlType(crawler, EntityType.CONFLUENCE_COMMENT);
            // then
            assertThat(firstVersions).isNotEmpty();
            assertThat(actual).isEqualTo(expected);
            assertThat(crawler.requestCounts())
                    .containsEntry("GET /wiki/api/v2/footer-comments/{id}/versions/{version-number}", (long)
                            firstVersions.size());
        }
    }

    @Test
    void an_edited_comment_whose_first_version_is_gone_is_kept_without_author_and_named_as_a_detail() {
        // given edited footer comments whose first versions answer 404
        try (var sim = Simulator.start(SimConfig.defaults(SimProduct.CONFLUENCE));
                var proxy = new SiteProxy(
                        destination(sim).baseUrl(), new EditingFooterComments(new ConcurrentHashMap<>(), false))) {
            var crawler = new AtlassianCrawlers()
                    .open(
                            Product.CONFLUENCE,
                            Side.DESTINATION,
                            new SiteConnection(proxy.baseUrl(), destination(sim).auth()));
            // when
            var missing = new ArrayList<SkippedDetail>();
            var comments = crawlType(crawler, EntityType.CONFLUENCE_COMMENT, missing);
            // then every comment is there; the edited ones without author and time, each named
            assertThat(comments).isNotEmpty();
            assertThat(missing).isNotEmpty().allSatisfy(m -> {
                assertThat(m.type()).isEqualTo(EntityType.CONFLUENCE_COMMENT);
                assertThat(m.item()).matches("comment \\d+");
                assertThat(m.exchange().endpoint())
                        .isEqualTo("GET /wiki/api/v2/footer-comments/{id}/versions/{version-number}");
                assertThat(m.exchange().request()).matches("GET /wiki/api/v2/footer-comments/\\d+/versions/1");
                assertThat(m.consequence())
                        .isEqualTo("these comments are matched without their author and creation time");
            });
            assertThat(comments.stream().filter(c -> c.attributes().get("author") == null))
                    .hasSameSizeAs(missing);
        }
    }

    /**
     * Shows every footer comment as version 2 by another account a year later, and answers
     * {@code /footer-comments/{id}/versions/1} with the version it replaced (or 404 unless the first versions are kept).
     */
    private record EditingFooterComments(Map<String, ObjectNode> firstVersions, boolean firstVersionsKept)
            implements SiteProxy.Interceptor {

        @Override
        public Optional<SiteProxy.Answer> instead(String path) {
            if (!path.matches("/wiki/api/v2/footer-comments/\\d+/versions/1")) {
                return Optional.empty();
            }
            var first = firstVersionsKept ? firstVersions.get(path.split("/")[5]) : null;
            return Optional.of(
                    first == null
                            ? new SiteProxy.Answer(404, "")
                            : new SiteProxy.Answer(200, JSON.writeValueAsString(first)));
        }

        @Override
        public SiteProxy.Answer after(String path, SiteProxy.Answer answer) {
            if (!path.equals("/wiki/api/v2/footer-comments") || answer.status() != 200) {
                return answer;
            }
            var page = (ObjectNode) JSON.readTree(answer.body());
            page.path("results").forEach(comment -> {
                var version = (ObjectNode) comment.path("version");
                firstVersions.put(comment.path("id").asString(), version.deepCopy());
                version.put("number", 2);
                version.put("createdAt", "2030-01-01T00:00:00.000Z");
                version.put("authorId", "557058:an-editor");
            });
            return new SiteProxy.Answer(200, JSON.writeValueAsString(page));
        }
    }
}
