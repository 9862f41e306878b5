package dev.idmap.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.crawl.SiteConnection.SiteAuth;
import dev.idmap.sim.http.HttpSite;
import dev.idmap.sim.http.Json;
import dev.idmap.sim.http.SimResponse;
import dev.idmap.sim.http.SiteAccount;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A site that cannot be reached fails the first request at once, naming the site, the URL and the likely cause; no
 * retry is spent on it. Real sockets on loopback; the sleeper records waits instead of sleeping.
 */
class UnreachableSitesTest {

    static final RetryPolicy RETRY =
            new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(30), 5, Duration.ofSeconds(30));

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    HttpSite plainSite;

    @AfterEach
    void stop() {
        if (plainSite != null) {
            plainSite.close();
        }
        http.close();
    }

    SiteClient clientFor(URI baseUrl) {
        return new SiteClient(
                "Jira source (Data Center) site " + baseUrl,
                "grant it the global permission 'Administer Jira'",
                new SiteConnection(baseUrl, new SiteAuth.Basic("admin", "s3cret")),
                http,
                new ClientSettings(8, 4, Duration.ofSeconds(2), Duration.ofSeconds(5), RETRY),
                InstantSource.system(),
                waits::add,
                new SplittableRandom(7));
    }

    static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void a_refused_connection_fails_at_once_naming_host_and_port() throws IOException {
        // given nothing listens on the port
        var port = closedPort();
        var client = clientFor(URI.create("http://127.0.0.1:" + port + "/jira"));
        // when / then
        assertThatThrownBy(() -> client.get("/rest/api/2/myself", "/rest/api/2/myself", Query.of()))
                .isInstanceOfSatisfying(CrawlFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(CrawlFailure.Kind.UNREACHABLE);
                    assertThat(failure.getMessage())
                            .isEqualTo("Jira source (Data Center) site http://127.0.0.1:" + port + "/jira: GET http://"
                                    + "127.0.0.1:" + port + "/jira/rest/api/2/myself failed: connection refused by"
                                    + " 127.0.0.1:" + port + ": is the site running there, and are the host and port"
                                    + " of the URL right?");
                });
        assertThat(waits).as("no retry is spent on a site that never answered").isEmpty();
    }

    @Test
    void https_against_a_plain_http_site_fails_in_seconds_and_asks_whether_it_is_an_http_site() {
        // given a plain-HTTP site
        plainSite = HttpSite.builder("plain")
                .get(
                        "/rest/api/2/myself",
                        request -> SimResponse.json(Json.object().put("name", "admin")))
                .start();
        var plain = plainSite.baseUrl();
        var client = clientFor(URI.create("https://" + plain.getAuthority()));
        // when / then
        var started = System.nanoTime();
        assertThatThrownBy(() -> client.get("/rest/api/2/myself", "/rest/api/2/myself", Query.of()))
                .isInstanceOfSatisfying(CrawlFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(CrawlFailure.Kind.UNREACHABLE);
                    assertThat(failure.getMessage())
                            .startsWith("Jira source (Data Center) site https://" + plain.getAuthority()
                                    + ": GET https://" + plain.getAuthority() + "/rest/api/2/myself failed: ")
                            .contains("http:// site?");
                });
        assertThat(waits).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("bounded by one connect timeout, not six attempts")
                .isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void once_a_site_has_answered_a_refused_connection_is_retried_as_transient() throws IOException {
        // given a site that answered once and then went away (a node restarting)
        plainSite = HttpSite.builder("restarting")
                .accounts(List.of(SiteAccount.dataCenter("admin", "s3cret", "pat-1", true)))
                .get(
                        "/rest/api/2/myself",
                        request -> SimResponse.json(Json.object().put("name", "admin")))
                .start();
        var client = clientFor(plainSite.baseUrl());
        client.get("/rest/api/2/myself", "/rest/api/2/myself", Query.of());
        plainSite.close();
        plainSite = null;
        // when / then the failure comes after the retries
        assertThatThrownBy(() -> client.get("/rest/api/2/myself", "/rest/api/2/myself", Query.of()))
                .isInstanceOfSatisfying(CrawlFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(CrawlFailure.Kind.UNAVAILABLE);
                    assertThat(failure.getMessage()).contains("failed after 6 attempts");
                });
        assertThat(waits).hasSize(5);
    }
}
