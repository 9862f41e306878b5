package dev.idmap.connectors.confluence;

import static dev.idmap.connectors.confluence.ConfluenceSites.crawlType;
import static dev.idmap.connectors.confluence.ConfluenceSites.destination;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.idmap.connectors.AtlassianCrawlers;
import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.Simulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * v2 lists a comment with its current version: once a comment is edited, {@code version.createdAt} and
 * {@code version.authorId} say who edited it and when. The crawler then reads the first version, so the comment keeps
 * the author and creation time it was written with. The edits are made by a loopback proxy in front of the simulated
 * Cloud site, which also serves each edited comment's first version.
 */
class ConfluenceEditedCommentsTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Test
    void an_edited_comment_keeps_the_author_and_creation_time_of_its_first_version() throws IOException {
        // given every footer comment edited later by another account
        try (var sim = Simulator.start(SimConfig.defaults(SimProduct.CONFLUENCE));
                var http = HttpClient.newHttpClient()) {
            var cloud = destination(sim);
            var firstVersions = new ConcurrentHashMap<String, ObjectNode>();
            var server = editingFooterComments(cloud.baseUrl(), http, firstVersions);
            try {
                var edited = new SiteConnection(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()), cloud.auth());
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
            } finally {
                server.stop(0);
            }
        }
    }

    /**
     * A proxy that shows every footer comment as version 2 by another account a year later, and answers
     * {@code /footer-comments/{id}/versions/1} with the version it replaced.
     */
    private static HttpServer editingFooterComments(URI target, HttpClient http, Map<String, ObjectNode> firstVersions)
            throws IOException {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                var path = exchange.getRequestURI().getPath();
                if (path.matches("/wiki/api/v2/footer-comments/\\d+/versions/1")) {
                    var id = path.split("/")[5];
                    var first = firstVersions.get(id);
                    reply(exchange, first == null ? 404 : 200, first == null ? "" : JSON.writeValueAsString(first));
                    return;
                }
                var forwarded = HttpRequest.newBuilder(
                                URI.create("http://" + target.getAuthority() + exchange.getRequestURI()))
                        .header("Authorization", exchange.getRequestHeaders().getFirst("Authorization"))
                        .GET()
                        .build();
                var answer = http.send(forwarded, HttpResponse.BodyHandlers.ofString());
                var body = answer.body();
                if (path.equals("/wiki/api/v2/footer-comments") && answer.statusCode() == 200) {
                    var page = (ObjectNode) JSON.readTree(body);
                    page.path("results").forEach(comment -> {
                        var version = (ObjectNode) comment.path("version");
                        firstVersions.put(comment.path("id").asString(), version.deepCopy());
                        version.put("number", 2);
                        version.put("createdAt", "2030-01-01T00:00:00.000Z");
                        version.put("authorId", "557058:an-editor");
                    });
                    body = JSON.writeValueAsString(page);
                }
                reply(exchange, answer.statusCode(), body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return server;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
