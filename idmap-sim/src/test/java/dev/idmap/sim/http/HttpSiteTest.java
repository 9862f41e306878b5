package dev.idmap.sim.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpSiteTest {

    static final ErrorBodies JIRA_LIKE = (status, message) -> SimResponse.json(
            status,
            Json.object()
                    .<tools.jackson.databind.node.ObjectNode>set(
                            "errorMessages", Json.array().add(message))
                    .set("errors", Json.object()));

    final HttpClient http = HttpClient.newHttpClient();
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T10:00:00Z"));
    final InstantSource clock = () -> now.get();
    HttpSite site;

    @AfterEach
    void stop() {
        if (site != null) {
            site.close();
        }
    }

    HttpSite.Builder aSite() {
        return HttpSite.builder("test")
                .contextPath("/jira")
                .errors(JIRA_LIKE)
                .clock(clock)
                .accounts(List.of(
                        SiteAccount.dataCenter("admin", "secret", "pat-123", true),
                        SiteAccount.dataCenter("bob", "bobpw", "pat-bob", false)))
                .get("/rest/thing/{id}", r -> SimResponse.json(Json.object().put("id", r.pathParam("id"))))
                .get("/rest/thing/special", r -> SimResponse.json(Json.object().put("special", true)))
                .getAdmin("/rest/admin", r -> SimResponse.json(Json.object().put("ok", true)))
                .get("/rest/page", r -> {
                    OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 50, 100);
                    return SimResponse.json(
                            Json.object().put("startAt", page.start()).put("maxResults", page.size()));
                });
    }

    HttpResponse<String> get(String path, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(site.rootUrl() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basic_auth_and_personal_access_token_are_accepted() throws Exception {
        // given
        site = aSite().start();
        // when
        var withPassword = get("/jira/rest/thing/7", basic("admin", "secret"));
        var withToken = get("/jira/rest/thing/7", "Bearer pat-123");
        // then
        assertThat(withPassword.statusCode()).isEqualTo(200);
        assertThat(withPassword.body()).isEqualTo("{\"id\":\"7\"}");
        assertThat(withToken.statusCode()).isEqualTo(200);
    }

    @Test
    void a_missing_or_wrong_credential_gets_401_with_the_product_error_body() throws Exception {
        // given
        site = aSite().start();
        // when
        var missing = get("/jira/rest/thing/7", null);
        var wrongPassword = get("/jira/rest/thing/7", basic("admin", "nope"));
        var patAsPassword = get("/jira/rest/thing/7", basic("admin", "pat-123"));
        // then
        for (var response : List.of(missing, wrongPassword, patAsPassword)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).startsWith("{\"errorMessages\":[\"You are not authenticated.");
        }
    }

    @Test
    void a_non_admin_on_an_admin_endpoint_gets_403() throws Exception {
        // given
        site = aSite().start();
        // when
        var response = get("/jira/rest/admin", basic("bob", "bobpw"));
        // then
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("errorMessages");
    }

    @Test
    void literal_segments_win_over_path_variables() throws Exception {
        // given
        site = aSite().start();
        // when
        var response = get("/jira/rest/thing/special", "Bearer pat-123");
        // then
        assertThat(response.body()).isEqualTo("{\"special\":true}");
    }

    @Test
    void page_size_is_silently_capped_at_the_maximum() throws Exception {
        // given
        site = aSite().start();
        // when
        var capped = get("/jira/rest/page?maxResults=5000", "Bearer pat-123");
        var defaulted = get("/jira/rest/page", "Bearer pat-123");
        var negative = get("/jira/rest/page?startAt=-1", "Bearer pat-123");
        // then
        assertThat(capped.body()).isEqualTo("{\"startAt\":0,\"maxResults\":100}");
        assertThat(defaulted.body()).isEqualTo("{\"startAt\":0,\"maxResults\":50}");
        assertThat(negative.statusCode()).isEqualTo(400);
    }

    @Test
    void a_burst_beyond_the_bucket_gets_429_with_retry_after_until_it_refills() throws Exception {
        // given
        site = aSite().conditions(new OperatingConditions(Duration.ZERO, Optional.of(new RateLimit(2, 0.5)), 0, 1))
                .rateLimitReason("jira-burst-based")
                .start();
        // when
        var first = get("/jira/rest/thing/1", "Bearer pat-123");
        var second = get("/jira/rest/thing/1", "Bearer pat-123");
        var third = get("/jira/rest/thing/1", "Bearer pat-123");
        var otherEndpoint = get("/jira/rest/thing/special", "Bearer pat-123");
        now.set(now.get().plusSeconds(2));
        var afterRefill = get("/jira/rest/thing/1", "Bearer pat-123");
        // then
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).contains("2");
        assertThat(third.headers().firstValue("X-RateLimit-Limit")).contains("2");
        assertThat(third.headers().firstValue("X-RateLimit-Remaining")).contains("0");
        assertThat(third.headers().firstValue("X-RateLimit-Reset")).contains("2026-01-01T10:01Z");
        assertThat(third.headers().firstValue("RateLimit-Reason")).contains("jira-burst-based");
        assertThat(third.body()).contains("errorMessages");
        assertThat(otherEndpoint.statusCode()).isEqualTo(200);
        assertThat(afterRefill.statusCode()).isEqualTo(200);
    }

    @Test
    void faults_are_injected_at_the_configured_rate_including_dropped_connections() throws Exception {
        // given
        site = aSite().conditions(new OperatingConditions(Duration.ZERO, Optional.empty(), 0.5, 7))
                .start();
        int ok = 0, serverErrors = 0, dropped = 0;
        // when
        for (int i = 0; i < 200; i++) {
            try {
                var response = get("/jira/rest/thing/1", "Bearer pat-123");
                if (response.statusCode() == 200) {
                    ok++;
                } else {
                    assertThat(response.statusCode()).isIn(500, 502, 503);
                    serverErrors++;
                }
            } catch (IOException connectionDropped) {
                dropped++;
            }
        }
        // then
        assertThat(ok).isBetween(60, 140);
        assertThat(serverErrors).isPositive();
        assertThat(dropped).isPositive();
    }

    @Test
    void the_admin_endpoint_counts_requests_per_endpoint_and_resets() throws Exception {
        // given
        site = aSite().start();
        get("/jira/rest/thing/1", "Bearer pat-123");
        get("/jira/rest/thing/2", null);
        get("/jira/rest/admin", "Bearer pat-123");
        // when
        var counts = get("/__admin/requests", null);
        http.send(
                HttpRequest.newBuilder(URI.create(site.rootUrl() + "/__admin/requests/reset"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        // then
        assertThat(counts.body()).isEqualTo("{\"GET /rest/admin\":1,\"GET /rest/thing/{id}\":2}");
        assertThat(site.requestCounts()).isEmpty();
    }

    @Test
    void while_recording_every_routed_request_is_kept_with_its_raw_query_and_admin_calls_are_not() throws Exception {
        // given
        site = aSite().start();
        get("/jira/rest/thing/0", "Bearer pat-123");
        // when
        site.startRecording();
        get("/jira/rest/page?startAt=100&maxResults=50&jql=project%20%3D%20ABC", "Bearer pat-123");
        get("/jira/rest/thing/2", null);
        get("/__admin/requests", null);
        // then
        assertThat(site.recordedRequests())
                .containsExactly(
                        "GET /jira/rest/page?startAt=100&maxResults=50&jql=project%20%3D%20ABC",
                        "GET /jira/rest/thing/2");
    }

    @Test
    void a_site_that_never_records_keeps_no_requests() throws Exception {
        site = aSite().start();
        get("/jira/rest/thing/1", "Bearer pat-123");
        assertThat(site.recordedRequests()).isEmpty();
    }

    @Test
    void conditions_refuse_nonsense() {
        assertThatThrownBy(() -> new OperatingConditions(Duration.ZERO, Optional.empty(), 1.5, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cursors_round_trip_and_refuse_other_queries() {
        String token = Cursors.encode("project = A", 150);
        assertThat(Cursors.decode("project = A", token)).isEqualTo(150);
        assertThatThrownBy(() -> Cursors.decode("project = B", token)).isInstanceOf(SimHttpException.class);
        assertThatThrownBy(() -> Cursors.decode("project = A", "%%%")).isInstanceOf(SimHttpException.class);
    }
}
