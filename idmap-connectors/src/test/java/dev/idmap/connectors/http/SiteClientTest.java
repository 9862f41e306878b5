package dev.idmap.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.crawl.SiteConnection.SiteAuth;
import dev.idmap.sim.http.ErrorBodies;
import dev.idmap.sim.http.HttpSite;
import dev.idmap.sim.http.Json;
import dev.idmap.sim.http.OperatingConditions;
import dev.idmap.sim.http.RateLimit;
import dev.idmap.sim.http.SimResponse;
import dev.idmap.sim.http.SiteAccount;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client against a real loopback HTTP site (the simulator's {@link HttpSite}) whose clock is driven by hand:
 * the client's sleeper advances that clock instead of sleeping, so rate limits refill without real waiting.
 */
class SiteClientTest {

    static final ErrorBodies JIRA_ERRORS = (status, message) -> SimResponse.json(
            status,
            Json.object()
                    .<ObjectNode>set("errorMessages", Json.array().add(message))
                    .set("errors", Json.object()));

    static final RetryPolicy RETRY =
            new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2), 5, Duration.ofSeconds(30));

    final HttpClient http = HttpClient.newHttpClient();
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:30Z"));
    final InstantSource clock = now::get;
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final Sleeper advanceClock = duration -> {
        waits.add(duration);
        now.updateAndGet(t -> t.plus(duration));
    };
    HttpSite site;

    @AfterEach
    void stop() {
        if (site != null) {
            site.close();
        }
        http.close();
    }

    HttpSite.Builder aJiraSite() {
        return HttpSite.builder("jira-dc")
                .contextPath("/jira")
                .errors(JIRA_ERRORS)
                .clock(clock)
                .accounts(List.of(
                        SiteAccount.dataCenter("admin", "s3cret-password", "pat-123", true),
                        SiteAccount.dataCenter("bob", "bobs-password", "pat-bob", false)));
    }

    SiteClient clientFor(SiteAuth auth) {
        return clientFor(auth, new ClientSettings(8, 4, Duration.ofSeconds(5), Duration.ofSeconds(10), RETRY));
    }

    SiteClient clientFor(SiteAuth auth, ClientSettings settings) {
        return clientFor(site.baseUrl(), auth, settings);
    }

    SiteClient clientFor(java.net.URI baseUrl, SiteAuth auth, ClientSettings settings) {
        return new SiteClient(
                "Jira source site " + baseUrl,
                "grant it the global permissions 'Administer Jira' and 'Browse users and groups'",
                new SiteConnection(baseUrl, auth),
                http,
                settings,
                clock,
                advanceClock,
                new SplittableRandom(7));
    }

    static SiteAuth admin() {
        return new SiteAuth.Basic("admin", "s3cret-password");
    }

    /** A handler answering the given statuses in turn, then 200 with {@code {"ok":true}}. */
    static dev.idmap.sim.http.Handler scripted(Integer... statuses) {
        Iterator<Integer> script = new ArrayList<>(List.of(statuses)).iterator();
        return request -> {
            synchronized (script) {
                if (script.hasNext()) {
                    int status = script.next();
                    return JIRA_ERRORS.render(status, "scripted " + status);
                }
            }
            return SimResponse.json(Json.object().put("ok", true));
        };
    }

    @Test
    void server_errors_are_retried_with_growing_backoff_until_the_site_answers() {
        // given
        site = aJiraSite().get("/rest/api/2/thing", scripted(500, 502, 500)).start();
        var client = clientFor(admin());
        // when
        var answer = client.get("/rest/api/2/thing", "/rest/api/2/thing", Query.of());
        // then
        assertThat(answer.path("ok").asBoolean()).isTrue();
        assertThat(site.requestCounts()).containsEntry("GET /rest/api/2/thing", 4L);
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(waits.get(2)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void a_server_error_that_persists_becomes_a_failure_naming_site_endpoint_status_and_atlassians_message() {
        // given
        site = aJiraSite()
                .get("/rest/api/2/thing", scripted(500, 500, 503, 500, 500))
                .start();
        var client = clientFor(admin());
        // when / then
        assertThatThrownBy(() -> client.get("/rest/api/2/thing", "/rest/api/2/thing", Query.of()))
                .isInstanceOfSatisfying(CrawlFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(CrawlFailure.Kind.UNAVAILABLE);
                    assertThat(failure.getMessage())
                            .contains("Jira source site " + site.baseUrl())
                            .contains("GET /rest/api/2/thing")
                            .contains("HTTP 500")
                            .contains("scripted 500")
                            .contains("after 4 attempts");
                });
        assertThat(site.requestCounts()).containsEntry("GET /rest/api/2/thing", 4L);
    }

    @Test
    void a_rate_limited_request_waits_as_long_as_retry_after_says_and_then_succeeds() {
        // given a burst of 2 refilled at one request per 5 seconds
        site = aJiraSite()
                .conditions(new OperatingConditions(Duration.ZERO, Optional.of(new RateLimit(2, 0.2)), 0, 1))
                .get("/rest/api/2/thing", scripted())
                .start();
        var client = clientFor(admin());
        // when
        for (int i = 0; i < 4; i++) {
            client.get("/rest/api/2/thing", "/rest/api/2/thing", Query.of());
        }
        // then the third and fourth requests were each refused once and waited Retry-After (5 s) plus <= 10%
        assertThat(site.requestCounts()).containsEntry("GET /rest/api/2/thing", 6L);
        assertThat(waits)
                .hasSize(2)
                .allSatisfy(wait -> assertThat(wait).isBetween(Duration.ofSeconds(5), Duration.ofMillis(5500)));
        assertThat(client.requestCounts()).containsEntry("GET /rest/api/2/thing", 6L);
    }

    @Test
    void a_rate_limit_without_retry_after_waits_until_x_ratelimit_reset() {
        // given a 429 that only says when the limit resets (minute precision, as Atlassian sends it)
        var refused = new AtomicInteger();
        site = aJiraSite()
                .get(
                        "/rest/api/2/thing",
                        request -> refused.getAndIncrement() == 0
                                ? JIRA_ERRORS
                                        .render(429, "Rate limit exceeded.")
                                        .withHeader("X-RateLimit-Reset", "2026-03-01T10:01Z")
                                : SimResponse.json(Json.object().put("ok", true)))
                .start();
        var client = clientFor(admin());
        // when
        client.get("/rest/api/2/thing", "/rest/api/2/thing", Query.of());
        // then it waited the 30 s left until 10:01 (plus <= 10% jitter)
        assertThat(waits).hasSize(1);
        assertThat(waits.getFirst()).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(33));
    }

    @Test
    void rate_limits_that_never_end_give_up_after_the_bound_with_advice() {
        // given
        site = aJiraSite()
                .get(
                        "/rest/api/2/thing",
                        request ->
                                JIRA_ERRORS.render(429, "Rate limit exceeded.").withHeader("Retry-After", "1"))
                .start();
        var client = clientFor(admin());
        // when / then
        assertThatThrownBy(() -> client.get("/rest/api/2/thing", "/rest/api/2/thing", Query.of()))
                .isInstanceOfSatisfying(CrawlFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(CrawlFailure.Kind.UNAVAILABLE);
                    assertThat(failure.getMessage()).contains("HTTP 429", "Rate limit exceeded.", "exemption");
                });
        assertThat(site.requestCounts()).containsEntry("GET /rest/api/2/thing", 6L);
    }

    @Test
    void dropped_connections_and_injected_faults_are_retried_until_every_request_is_answered() {
        // given a site where a third of all requests fail (500, 502, 503 or a dropped connection)
        site = aJiraSite()
                .conditions(new OperatingConditions(Duration.ZERO, Optional.empty(), 0.33, 11))
                .get("/rest/api/2/thing", scripted())
                .start();
        var client = clientFor(
                admin(),
                new ClientSettings(
                        8,
                        4,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        new RetryPolicy(12, Duration.ofMillis(1), Duration.ofMillis(10), 5, Duration.ofSeconds(1))));
        // when
        int answered = 0;
        for (int i = 0; i < 60; i++) {
            if (client.get("/rest/api/2/thing", "/rest/api/2/thing", Query.of())
                    .path("ok")
                    .asBoolean()) {
                answered++;
            }
        }
        // then
        assertThat(answered).isEqualTo(60);
        assertThat(site.requestCounts().get("GET /rest/api/2/thing")).isGreaterThan(60L);
        assertThat(waits).isNotEmpty();
    }

    @Test
    void wrong_credentials_fail_fast_naming_the_site_and_never_the_secret() {
        // given
        site = aJiraSite().get("/rest/api/2/myself", scripted()).start();
        var client = clientFor(new SiteAuth.Basic("admin", "wrong-password-123"));
        // when / then
        assertThatThrownBy(() -> client.get("/rest/api/2/myself", "/rest/api/2/myself", Query.of()))
                .isInstanceOfSatisfying(CrawlFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(CrawlFailure.Kind.AUTHENTICATION);
                    assertThat(failure.getMessage())
                            .contains("Jira source site " + site.baseUrl(), "HTTP 401", "You are not authenticated")
                            .contains("check the user name and password")
                            .doesNotContain("wrong-password-123");
                });
        assertThat(site.requestCounts()).containsEntry("GET /rest/api/2/myself", 1L);
        assertThat(waits).isEmpty();
    }

    @Test
    void a_missing_permission_fails_fast_saying_what_to_grant() {
        // given
        site = aJiraSite().getAdmin("/rest/api/2/role", scripted()).start();
        var client = clientFor(new SiteAuth.Bearer("pat-bob"));
        // when / then
        assertThatThrownBy(() -> client.get("/rest/api/2/role", "/rest/api/2/role", Query.of()))
                .isInstanceOfSatisfying(CrawlFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(CrawlFailure.Kind.PERMISSION);
                    assertThat(failure.getMessage())
                            .contains("HTTP 403", "GET /rest/api/2/role", "Administer Jira")
                            .doesNotContain("pat-bob");
                });
        assertThat(site.requestCounts()).containsEntry("GET /rest/api/2/role", 1L);
    }

    @Test
    void a_detail_the_account_may_not_read_is_left_out_instead_of_failing_the_crawl() {
        // given a board configuration only board administrators may read
        site = aJiraSite()
                .getAdmin("/rest/agile/1.0/board/{boardId}/configuration", scripted())
                .start();
        var client = clientFor(new SiteAuth.Bearer("pat-bob"));
        // when
        var configuration = client.getIfPermitted(
                "/rest/agile/1.0/board/{boardId}/configuration", "/rest/agile/1.0/board/7/configuration", Query.of());
        // then
        assertThat(configuration).isEmpty();
        assertThat(site.requestCounts()).containsEntry("GET /rest/agile/1.0/board/{boardId}/configuration", 1L);
    }

    @Test
    void other_client_errors_are_not_retried_and_carry_jiras_field_errors() {
        // given
        site = aJiraSite()
                .get(
                        "/rest/api/2/search",
                        request -> SimResponse.json(
                                400,
                                Json.object()
                                        .<ObjectNode>set(
                                                "errorMessages", Json.array().add("Error in the JQL Query"))
                                        .set("errors", Json.object().put("jql", "unexpected token"))))
                .start();
        var client = clientFor(admin());
        // when / then
        assertThatThrownBy(() -> client.get("/rest/api/2/search", "/rest/api/2/search", Query.of("jql", "x")))
                .isInstanceOfSatisfying(CrawlFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(CrawlFailure.Kind.UNEXPECTED);
                    assertThat(failure.getMessage())
                            .contains("HTTP 400 (Error in the JQL Query; jql: unexpected token)");
                });
        assertThat(site.requestCounts()).containsEntry("GET /rest/api/2/search", 1L);
    }

    @Test
    void requests_in_flight_to_one_endpoint_never_exceed_the_bound() throws Exception {
        // given an endpoint that records how many requests it serves at once
        var inFlight = new AtomicInteger();
        var highest = new AtomicInteger();
        site = aJiraSite()
                .get("/rest/api/2/slow", request -> {
                    highest.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        inFlight.decrementAndGet();
                    }
                    return SimResponse.json(Json.object().put("ok", true));
                })
                .start();
        var client = clientFor(admin(), new ClientSettings(8, 2, Duration.ofSeconds(5), Duration.ofSeconds(10), RETRY));
        // when 12 threads call it at once
        try (var threads = Executors.newFixedThreadPool(12)) {
            var calls = new ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 12; i++) {
                calls.add(threads.submit(() -> client.get("/rest/api/2/slow", "/rest/api/2/slow", Query.of())));
            }
            for (var call : calls) {
                call.get();
            }
        }
        // then
        assertThat(highest.get()).isBetween(1, 2);
        assertThat(client.requestCounts()).containsEntry("GET /rest/api/2/slow", 12L);
    }

    @Test
    void a_page_that_breaks_off_while_its_items_are_handed_on_is_asked_again_and_hands_each_item_on_once()
            throws Exception {
        // given a site whose first answer breaks off after two of its four items
        var full = "{\"startAt\": 0, \"issues\": [{\"id\": \"1\"}, {\"id\": \"2\"}, {\"id\": \"3\"},"
                + " {\"id\": \"4\"}], \"total\": 4}";
        var brokenOff = full.substring(0, full.indexOf("{\"id\": \"3\"}"));
        try (var server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                var threads = Executors.newSingleThreadExecutor()) {
            var answers = new AtomicInteger();
            threads.submit(() -> {
                while (answers.get() < 2) {
                    try (var socket = server.accept()) {
                        var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                                socket.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1));
                        for (var line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            // the request's head, not looked at
                        }
                        var body = answers.getAndIncrement() == 0 ? brokenOff : full;
                        var out = socket.getOutputStream();
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                                        + "Content-Length: " + full.length() + "\r\n\r\n" + body)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        out.flush();
                    }
                }
                return null;
            });
            var client = clientFor(
                    java.net.URI.create("http://127.0.0.1:" + server.getLocalPort()),
                    admin(),
                    new ClientSettings(8, 4, Duration.ofSeconds(5), Duration.ofSeconds(10), RETRY));
            var handedOn = new ArrayList<String>();
            // when
            var page = client.getStreamed(
                    "/rest/api/2/search",
                    "/rest/api/2/search",
                    Query.of(),
                    "issues",
                    issue -> handedOn.add(issue.path("id").asString()));
            // then
            assertThat(handedOn).containsExactly("1", "2", "3", "4");
            assertThat(page.items()).isEqualTo(4);
            assertThat(page.rest().path("total").asInt()).isEqualTo(4);
            assertThat(client.requestCounts()).containsEntry("GET /rest/api/2/search", 2L);
        }
    }

    @Test
    @Timeout(20) // without the check the inner request waits for the one permit forever
    void a_request_sent_while_the_items_of_a_page_are_handed_on_fails_instead_of_waiting_for_permits() {
        // given
        site = aJiraSite()
                .get(
                        "/rest/api/2/search",
                        request -> SimResponse.json(Json.object()
                                .<ObjectNode>set(
                                        "issues", Json.array().add(Json.object().put("id", "1")))
                                .put("total", 1)))
                .get("/rest/api/2/thing", scripted())
                .start();
        var client = clientFor(admin(), new ClientSettings(1, 1, Duration.ofSeconds(5), Duration.ofSeconds(10), RETRY));
        // when / then
        assertThatThrownBy(() -> client.getStreamed(
                        "/rest/api/2/search",
                        "/rest/api/2/search",
                        Query.of(),
                        "issues",
                        issue -> client.get("/rest/api/2/thing", "/rest/api/2/thing", Query.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /rest/api/2/thing sent while the items of a page are handed on");
        // and the thread can send again once the page is over
        assertThat(client.get("/rest/api/2/thing", "/rest/api/2/thing", Query.of())
                        .path("ok")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void a_streamed_page_answered_with_an_error_fails_as_a_page_read_whole_does() {
        // given
        site = aJiraSite().get("/rest/api/2/thing", scripted(400)).start();
        var client = clientFor(admin());
        var handedOn = new ArrayList<JsonNode>();
        // when / then
        assertThatThrownBy(() -> client.getStreamed(
                        "/rest/api/2/thing", "/rest/api/2/thing", Query.of(), "errorMessages", handedOn::add))
                .isInstanceOf(CrawlFailure.class)
                .hasMessageContaining("answered HTTP 400 (scripted 400)");
        assertThat(handedOn).isEmpty();
        assertThatThrownBy(() -> client.getStreamed(
                        "/rest/api/2/missing", "/rest/api/2/missing", Query.of(), "issues", handedOn::add))
                .isInstanceOf(CrawlFailure.class)
                .extracting(e -> ((CrawlFailure) e).kind())
                .isEqualTo(CrawlFailure.Kind.NOT_OFFERED);
        assertThat(client.getStreamedIfFound(
                        "/rest/api/2/missing", "/rest/api/2/missing", Query.of(), "issues", handedOn::add))
                .isEmpty();
        // and once its 400 is spent the site answers {"ok": true}: a page without the items' member has none
        var page = client.getStreamedIfFound(
                "/rest/api/2/thing", "/rest/api/2/thing", Query.of(), "errorMessages", handedOn::add);
        assertThat(page).hasValueSatisfying(p -> {
            assertThat(p.items()).isZero();
            assertThat(p.rest().path("ok").asBoolean()).isTrue();
        });
    }
}
