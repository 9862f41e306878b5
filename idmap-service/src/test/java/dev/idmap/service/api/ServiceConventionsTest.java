package dev.idmap.service.api;

import static dev.idmap.testsupport.Api.BASE;
import static dev.idmap.testsupport.Api.basic;
import static dev.idmap.testsupport.Api.bearer;
import static dev.idmap.testsupport.TestServers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.testsupport.Api;
import dev.idmap.testsupport.TestServers;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What operators and API users expect of a service: its version, its documents, an access log, no sessions. */
class ServiceConventionsTest {

    static Api api;

    @BeforeAll
    static void start() {
        api = TestServers.withFixedEngine().api();
    }

    @Test
    void actuator_info_names_the_version_and_the_commit_to_any_caller() {
        // when
        var info = api.get("/actuator/info", bearer(ALICE));

        // then
        assertThat(info.status()).isEqualTo(200);
        var json = info.json();
        assertThat(json.path("build").path("version").asString()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(json.path("build").path("artifact").asString()).isEqualTo("idmap-service");
        assertThat(json.path("git").path("commit").path("id").asString()).matches("[0-9a-f]{7,40}");
        assertThat(api.get("/actuator/info", null).status()).isEqualTo(401);
    }

    @Test
    void the_openapi_document_is_public_as_json_and_as_yaml() {
        // when
        var json = api.get("/v3/api-docs", null);
        var yaml = api.get("/v3/api-docs.yaml", null);

        // then
        assertThat(json.status()).isEqualTo(200);
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.header("Content-Type")).startsWith("application/vnd.oai.openapi");
        assertThat(yaml.body()).startsWith("openapi: 3.1.0").contains("  /migrations/reports/v1/id-mappings/trigger:");
    }

    @Test
    void swagger_ui_asks_for_the_api_credentials_by_default_and_is_served_from_the_jar() {
        // when
        var anonymous = api.get("/swagger-ui/index.html", null);
        var signedIn = api.get("/swagger-ui/index.html", basic(TestServers.BOB_USER, TestServers.BOB_PASSWORD));
        var config = api.get("/v3/api-docs/swagger-config", null);

        // then
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().allValues("WWW-Authenticate")).anyMatch(value -> value.startsWith("Basic"));
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.body()).contains("swagger-ui-bundle.js").doesNotContain("//cdn", "https://");
        assertThat(config.json().path("url").asString()).isEqualTo("/v3/api-docs");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void every_request_has_one_access_log_line_with_its_request_id_and_caller_and_no_secret(CapturedOutput logs) {
        // when
        var requestId = "conventions-" + System.nanoTime();
        var answer = api.send(
                HttpRequest.newBuilder(api.uri(BASE + "?size=3&page=0"))
                        .header("X-Request-Id", requestId)
                        .GET(),
                bearer(ALICE));
        var refused = "refused-" + System.nanoTime();
        api.send(
                HttpRequest.newBuilder(api.uri(BASE))
                        .header("X-Request-Id", refused)
                        .GET(),
                bearer("wrong-token"));

        // then
        assertThat(answer.status()).isEqualTo(200);
        assertThat(logs.getAll())
                .containsPattern("idmap\\.access +: method=GET path=/migrations/reports/v1/id-mappings status=200"
                        + " durationMs=\\d+ requestId=" + requestId + " caller=alice\\R")
                .containsPattern("method=GET path=/migrations/reports/v1/id-mappings status=401 durationMs=\\d+"
                        + " requestId=" + refused + " caller=-\\R")
                .doesNotContain(ALICE, "wrong-token", "size=3");
        assertThat(logs.getAll().lines().filter(line -> line.contains("requestId=" + requestId)))
                .hasSize(1);
    }

    @Test
    void the_api_is_stateless_it_never_sets_a_cookie() {
        // when
        var answer = api.get(BASE, bearer(ALICE));
        var basicAnswer = api.get(BASE, basic(TestServers.BOB_USER, TestServers.BOB_PASSWORD));

        // then
        assertThat(answer.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(basicAnswer.headers().allValues("Set-Cookie")).isEmpty();
    }
}
