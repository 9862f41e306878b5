package dev.idmap.connectors.confluence;

import static dev.idmap.connectors.confluence.ConfluenceSites.crawlEverything;
import static dev.idmap.connectors.confluence.ConfluenceSites.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.idmap.connectors.AtlassianCrawlers;
import dev.idmap.core.crawl.SiteConnection;
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
import org.junit.jupiter.api.Test;

/**
 * A Data Center site older than Confluence 7.18 has no {@code /rest/api/content/scan}: the crawler reads content
 * through {@code /rest/api/content} offset paging and comments per page or blog post, and sees exactly what the scan
 * sees. The older site is the simulator behind a loopback proxy that answers 404 for the scan, as such a site does.
 */
class ConfluenceOlderDataCenterTest {

    @Test
    void a_site_without_the_content_scan_is_crawled_through_offset_paging_with_the_same_result() throws IOException {
        // given
        try (var sim = Simulator.start(SimConfig.defaults(SimProduct.CONFLUENCE));
                var http = HttpClient.newHttpClient()) {
            var current = source(sim);
            var server = withoutScan(current.baseUrl(), http);
            try {
                var older = new SiteConnection(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                                + current.baseUrl().getPath()),
                        current.auth());
                var crawlers = new AtlassianCrawlers();
                // when
                var expected = crawlEverything(crawlers.open(Product.CONFLUENCE, Side.SOURCE, current));
                var olderCrawler = crawlers.open(Product.CONFLUENCE, Side.SOURCE, older);
                var actual = crawlEverything(olderCrawler);
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
            } finally {
                server.stop(0);
            }
        }
    }

    /** A loopback proxy to {@code target} that answers 404 for {@code /rest/api/content/scan}. */
    private static HttpServer withoutScan(URI target, HttpClient http) throws IOException {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                if (exchange.getRequestURI().getPath().endsWith("/rest/api/content/scan")) {
                    reply(exchange, 404, "{\"statusCode\":404,\"message\":\"null for uri: scan\"}");
                    return;
                }
                var uri = URI.create("http://" + target.getAuthority() + exchange.getRequestURI());
                var forwarded = HttpRequest.newBuilder(uri)
                        .header("Authorization", exchange.getRequestHeaders().getFirst("Authorization"))
                        .GET()
                        .build();
                var answer = http.send(forwarded, HttpResponse.BodyHandlers.ofString());
                reply(exchange, answer.statusCode(), answer.body());
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
