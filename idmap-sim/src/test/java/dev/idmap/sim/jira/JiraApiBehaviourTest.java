package dev.idmap.sim.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimScale;
import dev.idmap.sim.SimSite;
import dev.idmap.sim.http.RateLimit;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Documented behaviours of the simulated Jira APIs: auth, paging, caps, the search window, errors, counting. */
class JiraApiBehaviourTest {

    static JiraSites sites;
    static JiraSites big;

    @BeforeAll
    static void start() {
        sites = JiraSites.small();
        big = new JiraSites(SimConfig.builder(SimProduct.JIRA)
                .scale(SimScale.parse("small,projects=4,issuesPerProject=6000"))
                .build());
    }

    @AfterAll
    static void stop() {
        sites.close();
        big.close();
    }

    static String basic(String login, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void data_center_accepts_basic_and_a_personal_access_token_as_bearer() {
        var basic = sites.get(
                sites.sim.sourceBaseUrl() + "/rest/api/2/myself",
                sites.sim.sourceCredentials().basicAuthorization());
        var bearer = sites.get(
                sites.sim.sourceBaseUrl() + "/rest/api/2/myself",
                sites.sim.sourceCredentials().bearerAuthorization());
        assertThat(basic.status()).isEqualTo(200);
        assertThat(bearer.status()).isEqualTo(200);
        assertThat(bearer.body().get("name").asString()).isEqualTo("admin");
    }

    @Test
    void missing_or_wrong_credentials_get_401_with_jira_error_collection() {
        var none = sites.get(sites.sim.sourceBaseUrl() + "/rest/api/2/project", null);
        var wrong = sites.get(
                sites.sim.destinationBaseUrl() + "/rest/api/3/project/search",
                basic(sites.sim.destinationCredentials().login(), "not-the-token"));
        var bearerOnCloud = sites.get(
                sites.sim.destinationBaseUrl() + "/rest/api/3/project/search",
                "Bearer " + sites.sim.destinationCredentials().secret());
        for (var response : List.of(none, wrong, bearerOnCloud)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.body().get("errorMessages").get(0).asString()).contains("not authenticated");
            assertThat(response.body().get("errors").isObject()).isTrue();
        }
    }

    @Test
    void a_non_admin_gets_403_on_admin_endpoints() {
        var dc = sites.get(
                sites.sim.sourceBaseUrl() + "/rest/api/2/customFields",
                basic("auditor", JiraSimulator.NON_ADMIN_PASSWORD));
        var cloud = sites.get(
                sites.sim.destinationBaseUrl() + "/rest/api/3/statuses/search",
                basic("auditor@example.org", JiraSimulator.NON_ADMIN_API_TOKEN));
        var cloudOk = sites.get(
                sites.sim.destinationBaseUrl() + "/rest/api/3/project/search",
                basic("auditor@example.org", JiraSimulator.NON_ADMIN_API_TOKEN));
        assertThat(dc.status()).isEqualTo(403);
        assertThat(dc.body().get("errorMessages").isArray()).isTrue();
        assertThat(cloud.status()).isEqualTo(403);
        assertThat(cloudOk.status()).isEqualTo(200);
    }

    @Test
    void data_center_search_caps_max_results_silently_and_echoes_it() {
        var response = big.dc("/rest/api/2/search?jql=ORDER%20BY%20id&maxResults=5000&fields=key");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("maxResults").asInt()).isEqualTo(1000);
        assertThat(response.body().get("issues").size()).isEqualTo(1000);
        assertThat(response.body().get("total").asLong()).isEqualTo(24000);
    }

    @Test
    void data_center_search_refuses_offsets_beyond_the_10000_window() {
        var last = big.dc("/rest/api/2/search?jql=ORDER%20BY%20id&startAt=9990&maxResults=50&fields=key");
        var beyond = big.dc("/rest/api/2/search?jql=ORDER%20BY%20id&startAt=10000&maxResults=50");
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.body().get("issues").size()).isEqualTo(10);
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.body().get("errorMessages").get(0).asString()).contains("10000");
    }

    @Test
    void paging_by_id_ranges_reaches_every_issue_without_the_window() {
        long lastId = 0;
        var seen = new HashSet<String>();
        for (int guard = 0; guard < 100; guard++) {
            var page = big.dc("/rest/api/2/search?fields=key&maxResults=1000&jql=id%20%3E%20" + lastId
                    + "%20ORDER%20BY%20id%20ASC");
            JsonNode issues = page.body().get("issues");
            if (issues.isEmpty()) {
                break;
            }
            issues.forEach(i -> seen.add(i.get("key").asString()));
            lastId = issues.get(issues.size() - 1).get("id").asLong();
        }
        assertThat(seen).hasSize(24000);
    }

    @Test
    void cloud_search_jql_pages_with_next_page_token_up_to_5000_ids() {
        var keys = new ArrayList<String>();
        String token = null;
        int pages = 0;
        do {
            var page = big.cloud("/rest/api/3/search/jql?jql=id%20%3E%200%20ORDER%20BY%20id&maxResults=9000&fields=key"
                    + (token == null ? "" : "&nextPageToken=" + token));
            assertThat(page.status()).isEqualTo(200);
            page.body().get("issues").forEach(i -> keys.add(i.get("key").asString()));
            token = page.body().has("nextPageToken")
                    ? page.body().get("nextPageToken").asString()
                    : null;
            assertThat(page.body().get("isLast").asBoolean()).isEqualTo(token == null);
            assertThat(page.body().has("total")).isFalse();
            pages++;
        } while (token != null);
        // 2 migrated projects of 6000 issues, plus 3 Cloud-only projects of 5
        assertThat(keys).hasSize(12015).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void cloud_search_jql_returns_at_most_100_issues_with_fields_and_only_ids_by_default() {
        var withFields = big.cloud("/rest/api/3/search/jql?jql=id%20%3E%200&maxResults=5000&fields=summary");
        var idsOnly = big.cloud("/rest/api/3/search/jql?jql=id%20%3E%200&maxResults=2");
        assertThat(withFields.body().get("issues").size()).isEqualTo(100);
        JsonNode first = idsOnly.body().get("issues").get(0);
        assertThat(first.propertyNames()).containsExactly("id");
    }

    @Test
    void cloud_rejects_unbounded_jql_and_the_removed_search_answers_410() {
        var unbounded = sites.cloud("/rest/api/3/search/jql?jql=order%20by%20key%20desc");
        var removed = sites.cloud("/rest/api/3/search?jql=project%3DX");
        assertThat(unbounded.status()).isEqualTo(400);
        assertThat(removed.status()).isEqualTo(410);
        assertThat(removed.body().get("errorMessages").get(0).asString())
                .contains("/rest/api/3/search/jql")
                .contains("CHANGE-2046");
    }

    @Test
    void cloud_project_search_caps_page_size_at_100() {
        var page = sites.cloud("/rest/api/3/project/search?maxResults=500");
        assertThat(page.body().get("maxResults").asInt()).isEqualTo(100);
        assertThat(page.body().get("total").asInt()).isEqualTo(7);
        assertThat(page.body().get("isLast").asBoolean()).isTrue();
    }

    @Test
    void a_moved_issue_is_found_by_its_historical_key_on_both_sites() {
        var projects = sites.dc("/rest/api/2/project").body();
        String first = projects.get(0).get("key").asString();
        String second = projects.get(1).get("key").asString();
        var dc = sites.dc("/rest/api/2/issue/" + first + "-26?fields=summary");
        var cloud = sites.cloud("/rest/api/3/issue/" + first + "-26?fields=summary");
        assertThat(dc.body().get("key").asString()).isEqualTo(second + "-1");
        assertThat(cloud.body().get("key").asString()).isEqualTo(second + "-1");
    }

    @Test
    void user_list_streams_every_user_with_a_cursor() {
        var seen = new ArrayList<String>();
        String cursor = null;
        do {
            var page = sites.dc("/rest/api/2/user/list?maxResults=7" + (cursor == null ? "" : "&cursor=" + cursor));
            page.body().get("values").forEach(u -> seen.add(u.get("key").asString()));
            cursor = page.body().has("nextCursor")
                    ? page.body().get("nextCursor").asString()
                    : null;
        } while (cursor != null);
        assertThat(seen).hasSize(30).doesNotHaveDuplicates();
    }

    @Test
    void group_picker_is_limited_by_the_autocomplete_limit() {
        var picker = big.dc("/rest/api/2/groups/picker?maxResults=1000");
        assertThat(picker.body().get("groups").size()).isLessThanOrEqualTo(20);
        assertThat(picker.body().get("header").asString()).startsWith("Showing ");
    }

    @Test
    void admin_endpoint_counts_requests_per_endpoint_template() {
        sites.sim.resetRequestCounts();
        sites.dc("/rest/api/2/project");
        sites.dc("/rest/api/2/issue/10001");
        sites.dc("/rest/api/2/issue/10002");
        assertThat(sites.sim.requestCounts(SimSite.SOURCE))
                .containsEntry("GET /rest/api/2/project", 1L)
                .containsEntry("GET /rest/api/2/issue/{issueIdOrKey}", 2L);
        var admin = sites.get(sites.sim.site(SimSite.SOURCE).rootUrl() + "/__admin/requests", null);
        assertThat(admin.body().get("GET /rest/api/2/issue/{issueIdOrKey}").asLong())
                .isEqualTo(2);
    }

    @Test
    void a_burst_limit_answers_429_with_retry_after_and_rate_limit_headers() {
        try (var limited = new JiraSites(SimConfig.builder(SimProduct.JIRA)
                .rateLimit(new RateLimit(3, 0.2))
                .build())) {
            var statuses = new ArrayList<Integer>();
            JiraSites.Response refused = null;
            for (int i = 0; i < 5; i++) {
                var response = limited.cloud("/rest/api/3/priority");
                statuses.add(response.status());
                if (response.status() == 429) {
                    refused = response;
                }
            }
            assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 5);
            assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("3");
            assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
            assertThat(refused.header("X-RateLimit-Reset")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ");
            assertThat(refused.header("RateLimit-Reason")).isEqualTo("jira-burst-based");
            assertThat(refused.body().get("errorMessages").isArray()).isTrue();
            assertThat(limited.cloud("/rest/api/3/status").status())
                    .as("another endpoint")
                    .isEqualTo(200);
        }
    }

    @Test
    void faults_are_injected_at_the_configured_rate() {
        try (var faulty = new JiraSites(
                SimConfig.builder(SimProduct.JIRA).faultRate(0.3).seed(7).build())) {
            int ok = 0;
            int failed = 0;
            for (int i = 0; i < 100; i++) {
                try {
                    int status = faulty.dc("/rest/api/2/priority").status();
                    if (status == 200) {
                        ok++;
                    } else {
                        assertThat(status).isIn(500, 502, 503);
                        failed++;
                    }
                } catch (java.io.UncheckedIOException dropped) {
                    failed++;
                }
            }
            assertThat(failed).isBetween(15, 45);
            assertThat(ok + failed).isEqualTo(100);
        }
    }

    @Test
    void unknown_projects_and_issues_get_jira_errors() {
        assertThat(sites.dc("/rest/api/2/project/NOPE").status()).isEqualTo(404);
        assertThat(sites.cloud("/rest/api/3/issue/NOPE-1").status()).isEqualTo(404);
        var badJql = sites.dc("/rest/api/2/search?jql=project%20%3D%20NOPE");
        assertThat(badJql.status()).isEqualTo(400);
        assertThat(badJql.body().get("errorMessages").get(0).asString()).contains("NOPE");
    }

    @Test
    void my_permissions_tell_an_administrator_from_another_account() {
        var admin = sites.cloud("/rest/api/3/mypermissions?permissions=ADMINISTER");
        var auditor = sites.get(
                sites.sim.destinationBaseUrl() + "/rest/api/3/mypermissions?permissions=ADMINISTER",
                basic("auditor@example.org", JiraSimulator.NON_ADMIN_API_TOKEN));
        assertThat(admin.body().at("/permissions/ADMINISTER/havePermission").asBoolean())
                .isTrue();
        assertThat(auditor.body().at("/permissions/ADMINISTER/havePermission").asBoolean())
                .isFalse();
    }

    @Test
    void project_lists_expand_the_lead_when_asked() {
        var projects = sites.dc("/rest/api/2/project?expand=lead").body();
        assertThat(projects.get(0).at("/lead/key").asString()).startsWith("JIRAUSER");
        assertThat(sites.dc("/rest/api/2/project").body().get(0).has("lead")).isFalse();
    }
}
