package dev.idmap.connectors.confluence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.idmap.connectors.AtlassianCrawlers;
import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.crawl.SiteConnection.SiteAuth;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A 403 from a Confluence site says what to grant in Confluence's terms, never Jira's. */
class ConfluencePermissionAdviceTest {

    HttpServer forbidding;

    @BeforeEach
    void start() throws Exception {
        // given a site that refuses the account everything, as Confluence does for a user without the permission
        forbidding = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        forbidding.createContext("/", exchange -> {
            var body = "{\"statusCode\":403,\"message\":\"Not permitted\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(403, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        forbidding.start();
    }

    @AfterEach
    void stop() {
        forbidding.stop(0);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void a_forbidden_confluence_crawl_asks_for_confluence_administrator_not_administer_jira(Side side) {
        var url = URI.create("http://127.0.0.1:" + forbidding.getAddress().getPort());
        var crawler = new AtlassianCrawlers()
                .open(Product.CONFLUENCE, side, new SiteConnection(url, new SiteAuth.Basic("reader", "secret")));

        // when / then
        assertThatThrownBy(crawler::verifyAccess).isInstanceOfSatisfying(CrawlFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(CrawlFailure.Kind.PERMISSION);
            assertThat(failure.getMessage())
                    .contains("HTTP 403", "'Confluence Administrator'")
                    .doesNotContain("Jira");
        });
    }
}
