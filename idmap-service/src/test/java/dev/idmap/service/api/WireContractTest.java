package dev.idmap.service.api;

import static dev.idmap.testsupport.Api.BASE;
import static dev.idmap.testsupport.Api.bearer;
import static dev.idmap.testsupport.TestServers.ALICE;
import static dev.idmap.testsupport.TestServers.DESTINATION;
import static dev.idmap.testsupport.TestServers.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.idmap.testsupport.Api;
import dev.idmap.testsupport.FixedReportEngine;
import dev.idmap.testsupport.MutableClock;
import dev.idmap.testsupport.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Pins the wire contract of Atlassian's Id Mapping API: paths, fields, status codes and documented messages. */
class WireContractTest {

    static TestServers.Running server;
    static Api api;

    @BeforeAll
    static void start() {
        server = TestServers.withFixedEngine();
        api = server.api();
    }

    static String succeededJob(String token) {
        return succeededJob(api, token);
    }

    static String succeededJob(Api api, String token) {
        var jobId = api.trigger(token).json().get("jobId").asString();
        awaitStatus(api, token, jobId, "SUCCESS");
        return jobId;
    }

    static JsonNode awaitStatus(Api api, String token, String jobId, String status) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> api.get(BASE + "/" + jobId, bearer(token)).json(),
                        json -> json.get("status").asString().equals(status));
    }

    static void assertEnvelope(Api.Response response, int status, String message) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        var json = response.json();
        assertThat(json.get("status").asInt()).isEqualTo(status);
        assertThat(json.get("errorMessage").asString()).isEqualTo(message);
        assertThat(json.get("id").asString()).isNotBlank().isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void trigger_answers_202_with_the_job_id_and_PENDING() {
        // when
        var response = api.trigger(ALICE, Api.triggerBody(SOURCE, DESTINATION));

        // then
        assertThat(response.status()).isEqualTo(202);
        var json = response.json();
        assertThat(json.propertyNames()).containsExactlyInAnyOrder("jobId", "status");
        assertThat(json.get("status").asString()).isIn("PENDING", "IN_PROGRESS", "SUCCESS");
        assertThat(response.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void a_wrong_product_is_the_documented_validation_error() {
        // when
        var response = api.trigger(
                ALICE,
                "{\"product\":\"jira\",\"destinationURL\":\"" + DESTINATION + "\",\"sourceURL\":\"" + SOURCE + "\"}");

        // then
        assertEnvelope(response, 400, "Validation failed");
        assertThat(response.json().get("errors").toString()).isEqualTo("[\"Product must be CONFLUENCE or JIRA\"]");
    }

    @Test
    void every_problem_of_a_trigger_body_gets_its_own_message() {
        // when
        var response =
                api.trigger(ALICE, "{\"product\":\"CONFLUENCE\",\"destinationURL\":\"http://company.atlassian.net\"}");

        // then
        assertEnvelope(response, 400, "Validation failed");
        assertThat(messages(response))
                .containsExactly(
                        "sourceURL is required",
                        "destinationURL must be an https:// URL, e.g. https://jira.company.com");
    }

    @Test
    void a_trailing_slash_is_refused() {
        var response = api.trigger(ALICE, Api.triggerBody(SOURCE + "/", DESTINATION));

        assertEnvelope(response, 400, "Validation failed");
        assertThat(messages(response)).containsExactly("sourceURL must not end with a trailing slash");
    }

    @Test
    void malformed_json_and_a_missing_body_are_validation_errors() {
        assertThat(messages(api.trigger(ALICE, "{\"product\": "))).containsExactly("Request body is not valid JSON");
        assertThat(messages(api.trigger(ALICE, "[]")))
                .containsExactly("Request body must be a JSON object with product, sourceURL and destinationURL");
        assertThat(messages(api.trigger(ALICE, "")))
                .containsExactly("Request body is required: a JSON object with product, sourceURL and destinationURL");
    }

    @Test
    void a_site_that_is_not_configured_is_refused() {
        var response = api.trigger(ALICE, Api.triggerBody("https://jira.elsewhere.com", DESTINATION));

        assertEnvelope(response, 400, "Validation failed");
        assertThat(messages(response))
                .containsExactly("sourceURL https://jira.elsewhere.com is not a configured site: idmap contacts only"
                        + " the sites listed in its configuration (idmap.sites)");
    }

    @Test
    void an_unknown_job_is_the_documented_404() {
        var response = api.get(BASE + "/no-such-job", bearer(ALICE));

        assertEnvelope(response, 404, "Job not found with ID: no-such-job. The job ID may be incorrect or expired.");
        assertThat(response.json().has("errors")).isFalse();
    }

    @Test
    void a_finished_job_reports_status_progress_and_result() {
        // given
        var jobId = succeededJob(ALICE);

        // when
        var json = api.get(BASE + "/" + jobId, bearer(ALICE)).json();

        // then
        assertThat(json.get("jobId").asString()).isEqualTo(jobId);
        assertThat(json.get("status").asString()).isEqualTo("SUCCESS");
        assertThat(json.get("product").asString()).isEqualTo("JIRA");
        assertThat(json.get("sourceURL").asString()).isEqualTo(SOURCE);
        assertThat(json.get("destinationURL").asString()).isEqualTo(DESTINATION);
        assertThat(json.get("createdAt").asString()).isNotBlank();
        assertThat(json.get("completedAt").asString()).isNotBlank();
        assertThat(json.get("progress").get("percent").asInt()).isEqualTo(100);
        var result = json.get("result");
        assertThat(result.get("rows").asLong()).isEqualTo(4);
        assertThat(result.get("matched").asLong()).isEqualTo(3);
        assertThat(result.get("unmatched").asLong()).isEqualTo(1);
        assertThat(result.get("ambiguous").asLong()).isZero();
        assertThat(result.get("sizeBytes").asLong()).isEqualTo(FixedReportEngine.COMPATIBLE.length());
        assertThat(result.get("sha256").asString()).hasSize(64);
        assertThat(result.get("countsPerType").get("jira:issue").get("MATCHED").asLong())
                .isEqualTo(2);
        assertThat(json.has("errorMessage")).isFalse();
    }

    @Test
    void download_gives_a_link_that_plain_http_fetches_without_credentials() throws Exception {
        // given
        var jobId = succeededJob(ALICE);

        // when
        var response = api.get(BASE + "/" + jobId + "/download", bearer(ALICE));

        // then
        assertThat(response.status()).isEqualTo(200);
        var json = response.json();
        assertThat(json.get("jobId").asString()).isEqualTo(jobId);
        assertThat(json.get("expiresIn").asLong()).isEqualTo(3600);
        var file = fetch(json.get("downloadUrl").asString());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(FixedReportEngine.COMPATIBLE);
        assertThat(file.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("idmap-jira-" + jobId + ".csv");
        assertThat(URI.create(json.get("downloadUrl").asString()).getPath()).endsWith("/idmap-jira-" + jobId + ".csv");
    }

    @Test
    void every_download_call_gives_a_fresh_link_and_the_detailed_report_is_available() {
        var jobId = succeededJob(ALICE);

        var first = api.get(BASE + "/" + jobId + "/download", bearer(ALICE))
                .json()
                .get("downloadUrl")
                .asString();
        server.bean(MutableClock.class).advance(Duration.ofSeconds(2));
        var second = api.get(BASE + "/" + jobId + "/download", bearer(ALICE))
                .json()
                .get("downloadUrl")
                .asString();
        var detailed = api.get(BASE + "/" + jobId + "/download?format=detailed", bearer(ALICE))
                .json();

        assertThat(second).isNotEqualTo(first);
        assertThat(fetch(detailed.get("downloadUrl").asString()).body()).isEqualTo(FixedReportEngine.DETAILED);
    }

    @Test
    void a_tampered_link_is_refused() {
        var jobId = succeededJob(ALICE);
        var url = api.get(BASE + "/" + jobId + "/download", bearer(ALICE))
                .json()
                .get("downloadUrl")
                .asString();

        var longer = fetch(url.replaceFirst("expires=(\\d+)", "expires=9$1"));
        var otherFile = fetch(url.replace(".csv?", "-detailed.csv?"));

        assertThat(longer.statusCode()).isEqualTo(403);
        assertThat(longer.body()).contains("\"errorMessage\":\"This download link is not valid.\"");
        assertThat(otherFile.statusCode()).isEqualTo(403);
    }

    @Test
    void download_before_success_is_a_conflict_naming_the_status() {
        // given
        var engine = server.bean(dev.idmap.core.engine.MappingEngine.class);
        ((FixedReportEngine) engine).hold(TestServers.SLOW_CONNECT);
        try {
            var jobId = api.trigger(ALICE, Api.triggerBody(TestServers.SLOW_SOURCE, DESTINATION))
                    .json()
                    .get("jobId")
                    .asString();

            // when
            var response = api.get(BASE + "/" + jobId + "/download", bearer(ALICE));

            // then
            assertThat(response.status()).isEqualTo(409);
            assertThat(response.json().get("errorMessage").asString())
                    .matches("Job " + jobId + " is (PENDING|IN_PROGRESS); the report is available once the status is"
                            + " SUCCESS\\..*");
        } finally {
            ((FixedReportEngine) engine).release(TestServers.SLOW_CONNECT);
        }
    }

    @Test
    void an_identical_trigger_while_the_job_runs_returns_the_same_job_and_cancel_ends_it_as_ERROR() {
        // given
        var engine = (FixedReportEngine) server.bean(dev.idmap.core.engine.MappingEngine.class);
        engine.hold(TestServers.SLOW_CONNECT);
        try {
            var body = Api.triggerBody(TestServers.SLOW_SOURCE, DESTINATION);
            var first = api.trigger(TestServers.BOB, body).json().get("jobId").asString();

            // when
            var second = api.trigger(TestServers.BOB, body);
            var cancelled = api.post(BASE + "/" + first + "/cancel", bearer(TestServers.BOB), "");

            // then
            assertThat(second.status()).isEqualTo(202);
            assertThat(second.json().get("jobId").asString()).isEqualTo(first);
            assertThat(cancelled.status()).isEqualTo(200);
            assertThat(cancelled.json().get("status").asString()).isEqualTo("ERROR");
            assertThat(cancelled.json().get("errorMessage").asString()).startsWith("Job was cancelled by bob at ");
            var again = api.post(BASE + "/" + first + "/cancel", bearer(TestServers.BOB), "");
            assertThat(again.status()).isEqualTo(409);
            var third = api.trigger(TestServers.BOB, body).json().get("jobId").asString();
            assertThat(third).isNotEqualTo(first);
            api.post(BASE + "/" + third + "/cancel", bearer(TestServers.BOB), "");
        } finally {
            engine.release(TestServers.SLOW_CONNECT);
        }
    }

    @Test
    void my_jobs_are_listed_newest_first_with_paging_and_a_status_filter() {
        // given
        var older = succeededJob(ALICE);
        var newer = succeededJob(ALICE);

        // when
        var page = api.get(BASE + "?size=2&page=0", bearer(ALICE)).json();
        var errors = api.get(BASE + "?status=ERROR", bearer(ALICE)).json();
        var bad = api.get(BASE + "?status=DONE&size=1000", bearer(ALICE));

        // then
        assertThat(page.get("jobs").get(0).get("jobId").asString()).isEqualTo(newer);
        assertThat(page.get("jobs").get(1).get("jobId").asString()).isEqualTo(older);
        assertThat(page.get("size").asInt()).isEqualTo(2);
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(2);
        errors.get("jobs")
                .forEach(job -> assertThat(job.get("status").asString()).isEqualTo("ERROR"));
        assertEnvelope(bad, 400, "Validation failed");
        assertThat(messages(bad))
                .containsExactly(
                        "status must be PENDING, IN_PROGRESS, SUCCESS or ERROR", "size must be between 1 and 100");
    }

    @Test
    void ids_are_looked_up_in_both_directions_and_in_batches() {
        var jobId = succeededJob(ALICE);

        var byServer = api.get(BASE + "/" + jobId + "/mappings?entityType=jira:issue&serverId=20001", bearer(ALICE));
        var byCloud = api.get(BASE + "/" + jobId + "/mappings?entityType=jira:issue&cloudId=30002", bearer(ALICE));
        var batch = api.post(
                BASE + "/" + jobId + "/mappings",
                bearer(ALICE),
                "{\"entityType\":\"jira:issue\",\"serverIds\":[\"20001\",\"20002\",\"20003\"]}");
        var neither = api.get(BASE + "/" + jobId + "/mappings?entityType=jira:issue", bearer(ALICE));

        assertThat(byServer.json().get("mappings").toString())
                .isEqualTo("[{\"entityType\":\"jira:issue\",\"serverId\":\"20001\",\"cloudId\":\"30001\","
                        + "\"serverKey\":\"ALPHA-1\",\"cloudKey\":\"ALPHA-1\"}]");
        assertThat(byCloud.json().get("mappings").get(0).get("serverId").asString())
                .isEqualTo("20002");
        assertThat(batch.json().get("mappings")).hasSize(2);
        assertThat(batch.json().get("notFound").toString()).isEqualTo("[]");
        assertThat(batch.json().get("unresolved").toString())
                .isEqualTo("[{\"id\":\"20003\",\"serverId\":\"20003\",\"serverKey\":\"ALPHA-3\","
                        + "\"status\":\"UNMATCHED\",\"reason\":\"no issue with key ALPHA-3 on the destination\"}]");
        assertEnvelope(neither, 400, "Validation failed");
    }

    @Test
    void jcma_polls_with_invalidate_cache_while_a_job_runs_answer_202_for_that_same_job() {
        // given a JCMA caller whose mapping job is running
        var engine = (FixedReportEngine) server.bean(dev.idmap.core.engine.MappingEngine.class);
        var path = "/jcma/jira-slow/rest/migration/latest/report/id-mappings?cloudSiteUrl=" + DESTINATION
                + "&invalidateCache=true";
        var token = TestServers.ADMIN;
        var before = slowJobs(token);
        engine.hold(TestServers.SLOW_CONNECT);
        try {
            // when it polls six times with invalidateCache=true, as a client that always asks for a fresh mapping
            var answers = new java.util.ArrayList<Integer>();
            for (int i = 0; i < 6; i++) {
                answers.add(api.get(path, bearer(token)).status());
            }
            // then every poll is answered 202 for the one running job
            assertThat(answers).containsOnly(202);
            assertThat(slowJobs(token) - before).isEqualTo(1);
        } finally {
            engine.release(TestServers.SLOW_CONNECT);
        }
        // and once that job has finished, invalidateCache=true starts a new one
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        api.get(path.replace("=true", "=false"), bearer(token)).status() == 200);
        assertThat(api.get(path, bearer(token)).status()).isEqualTo(202);
        assertThat(slowJobs(token) - before).isEqualTo(2);
    }

    /** Jobs of the slow source site the caller sees. */
    private static long slowJobs(String token) {
        var jobs = api.get(BASE + "?size=100", bearer(token)).json().get("jobs");
        long count = 0;
        for (var job : jobs) {
            if (job.get("sourceURL").asString().equals(TestServers.SLOW_SOURCE)) {
                count++;
            }
        }
        return count;
    }

    @Test
    void an_unknown_entity_type_is_a_400_that_lists_the_valid_ones() {
        var jobId = succeededJob(ALICE);

        var response = api.get(BASE + "/" + jobId + "/mappings?entityType=jira:isue&serverId=20001", bearer(ALICE));

        assertEnvelope(response, 400, "Validation failed");
        assertThat(messages(response))
                .containsExactly("entityType jira:isue is not a JIRA entity type; valid ones: identity:user,"
                        + " identity:group, jira:projectCategory, jira/classic:project, jira:priority, jira:resolution,"
                        + " jira/classic:issueType, jira/classic:issueStatus, jira:issueLinkType, jira:projectRole,"
                        + " jira/classic:customField, jira/classic:customFieldConfigScheme,"
                        + " jira/classic:customFieldOption, jira:projectComponent, jira:projectVersion, jira:filter,"
                        + " jira:portalPage, jira/classic/software:rapidView, jira/classic/software:sprint, jira:issue,"
                        + " jira:comment, jira:worklog, jira:fileAttachment, jira:issueLink");
    }

    @Test
    void an_issue_is_looked_up_by_its_key_too_and_says_so() {
        var jobId = succeededJob(ALICE);

        var byKey = api.get(
                BASE + "/" + jobId + "/mappings?entityType=jira:issue&serverId=ALPHA-2&serverId=NOPE-1", bearer(ALICE));
        var byCloudKey = api.get(BASE + "/" + jobId + "/mappings?entityType=jira:issue&cloudId=ALPHA-1", bearer(ALICE));

        assertThat(byKey.json().get("mappings").toString())
                .isEqualTo("[{\"entityType\":\"jira:issue\",\"serverId\":\"20002\",\"cloudId\":\"30002\","
                        + "\"serverKey\":\"ALPHA-2\",\"cloudKey\":\"ALPHA-2\",\"lookedUpBy\":\"serverKey\"}]");
        assertThat(byKey.json().get("notFound").toString()).isEqualTo("[\"NOPE-1\"]");
        assertThat(byCloudKey.json().get("mappings").get(0).get("serverId").asString())
                .isEqualTo("20001");
        assertThat(byCloudKey.json().get("mappings").get(0).get("lookedUpBy").asString())
                .isEqualTo("cloudKey");
    }

    @Test
    void the_jcma_endpoint_answers_202_then_the_csv_and_400_for_an_unconfigured_cloud_site() {
        var path = "/jcma/jira-dc/rest/migration/latest/report/id-mappings?cloudSiteUrl=" + DESTINATION;
        var token = TestServers.ADMIN;

        var first = api.get(path + "&invalidateCache=true", bearer(token));
        var csv = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.get(path + "&invalidateCache=false", bearer(token)), r -> r.status() == 200);
        var unknown = api.get(
                "/jcma/jira-dc/rest/migration/latest/report/id-mappings?cloudSiteUrl=https://other.atlassian.net",
                bearer(token));

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.body()).isEmpty();
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body()).isEqualTo(FixedReportEngine.COMPATIBLE);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.header("Content-Type")).startsWith("text/plain");
        assertThat(unknown.body())
                .isEqualTo("No migrationScopeId found for the cloudSiteUrl https://other.atlassian.net");
    }

    // --- every error in the envelope

    @Test
    void a_missing_or_wrong_credential_is_401_in_the_envelope() {
        var none = api.get(BASE + "/x", null);
        var wrong = api.get(BASE + "/x", bearer("not-a-token"));
        var wrongBasic = api.get(BASE + "/x", Api.basic(TestServers.BOB_USER, "wrong"));
        var rightBasic = api.get(BASE + "/x", Api.basic(TestServers.BOB_USER, TestServers.BOB_PASSWORD));

        assertEnvelope(
                none,
                401,
                "Authentication required: send 'Authorization: Bearer <API token>' or 'Authorization: Basic <base64 of"
                        + " user:API token>'.");
        assertEnvelope(wrong, 401, "Unauthorized: incorrect or revoked credentials.");
        assertEnvelope(wrongBasic, 401, "Unauthorized: incorrect or revoked credentials.");
        assertThat(rightBasic.status()).isEqualTo(404);
    }

    @Test
    void metrics_are_for_admins_only() {
        var forbidden = api.get("/actuator/prometheus", bearer(ALICE));
        var metrics = api.get("/actuator/prometheus", bearer(TestServers.ADMIN));

        assertEnvelope(forbidden, 403, "Forbidden: /actuator/prometheus is for admin callers only.");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("idmap_jobs{status=\"SUCCESS\"}");
    }

    @Test
    void unknown_paths_wrong_methods_and_wrong_content_types_get_the_envelope() {
        var unknown = api.get("/no/such/path", bearer(ALICE));
        var method = api.send(HttpRequest.newBuilder(api.uri(BASE + "/trigger")).DELETE(), bearer(ALICE));
        var mediaType = api.send(
                HttpRequest.newBuilder(api.uri(BASE + "/trigger"))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("hello")),
                bearer(ALICE));

        assertEnvelope(unknown, 404, "No endpoint GET /no/such/path. The API is described at /v3/api-docs.");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.json().get("errorMessage").asString()).startsWith("Method DELETE is not allowed on");
        assertEnvelope(
                mediaType,
                415,
                "Unsupported Content-Type 'text/plain': send the request body as application/json (UTF-8).");
    }

    @Test
    void an_unknown_charset_is_named() {
        var response = api.send(
                HttpRequest.newBuilder(api.uri(BASE + "/trigger"))
                        .header("Content-Type", "application/json; charset=foobar")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")),
                bearer(ALICE));

        assertEnvelope(
                response,
                415,
                "Unsupported Content-Type 'application/json; charset=foobar': unknown charset 'foobar': send the"
                        + " request body as application/json (UTF-8).");
    }

    @Test
    void a_body_over_the_limit_is_413() {
        var body = "{\"product\":\"JIRA\",\"padding\":\"" + "x".repeat(3000) + "\"}";

        var response = api.post(BASE + "/trigger", bearer(TestServers.FLOOD), body);

        assertEnvelope(response, 413, "Request body too large: at most 2048 bytes are accepted.");
    }

    @Test
    void triggering_too_often_is_429_with_retry_after_and_invalid_triggers_cost_nothing() {
        // given: more invalid triggers than the burst; they are refused without taking a token
        for (int i = 0; i < 61; i++) {
            assertThat(api.trigger(TestServers.FLOOD, "{}").status()).isEqualTo(400);
        }

        // when: valid triggers until the first 429 (the bucket refills at one a second meanwhile)
        var accepted = 0;
        Api.Response limited = null;
        for (int i = 0; i < 200 && limited == null; i++) {
            var response = api.trigger(TestServers.FLOOD);
            if (response.status() == 429) {
                limited = response;
            } else {
                assertThat(response.status()).isEqualTo(202);
                accepted++;
            }
        }

        // then: the whole burst was still there for them
        assertThat(accepted).isGreaterThanOrEqualTo(60);
        assertThat(limited).isNotNull();
        assertThat(limited.json().get("errorMessage").asString())
                .startsWith("Too many trigger requests: at most 60 per minute per caller. Retry after ");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void an_unexpected_failure_is_500_internal_server_error_without_a_stack_trace() {
        var response = api.get("/test-only/boom", bearer(ALICE));

        assertEnvelope(response, 500, "Internal Server Error");
        assertThat(response.body()).doesNotContain("hunter2", "Exception", "at dev.");
    }

    @Test
    void every_response_carries_a_request_id() {
        for (var response : List.of(
                api.get("/actuator/health", null),
                api.get(BASE, bearer(ALICE)),
                api.get(BASE + "/x", null),
                api.get("/files/x/y.csv", null))) {
            assertThat(response.header("X-Request-Id")).as(response.body()).isNotBlank();
        }
    }

    static List<String> messages(Api.Response response) {
        var messages = new ArrayList<String>();
        response.json().get("errors").forEach(node -> messages.add(node.asString()));
        return messages;
    }

    static HttpResponse<String> fetch(String url) {
        try (var http = HttpClient.newHttpClient()) {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
