package dev.idmap.service.api;

import static dev.idmap.testsupport.Api.BASE;
import static dev.idmap.testsupport.Api.bearer;
import static dev.idmap.testsupport.TestServers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.idmap.testsupport.Api;
import dev.idmap.testsupport.TestServers;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Real answers of the running API, successes and errors, are what the served OpenAPI document says: the status is
 * documented for that operation, and the body is valid against its schema (JSON Schema 2020-12, as OpenAPI 3.1
 * defines it). Objects are checked strictly: a field the document does not list fails the test.
 */
class OpenApiResponsesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    static Api api;
    static JsonNode document;

    @BeforeAll
    static void start() {
        api = TestServers.withFixedEngine().api();
        document = strict(JSON.readTree(api.get("/v3/api-docs", null).body()));
    }

    @Test
    void the_documented_workflow_answers_as_documented() {
        // when
        var trigger = api.trigger(ALICE);
        var jobId = trigger.json().get("jobId").asString();
        WireContractTest.awaitStatus(api, ALICE, jobId, "SUCCESS");

        // then
        conforms("post", BASE + "/trigger", trigger, 202);
        conforms("get", BASE + "/{jobId}", api.get(BASE + "/" + jobId, bearer(ALICE)), 200);
        conforms("get", BASE, api.get(BASE + "?size=5", bearer(ALICE)), 200);
        conforms("get", BASE + "/{jobId}/download", api.get(BASE + "/" + jobId + "/download", bearer(ALICE)), 200);
        conforms(
                "get",
                BASE + "/{jobId}/mappings",
                api.get(BASE + "/" + jobId + "/mappings?entityType=jira:issue&serverId=20001", bearer(ALICE)),
                200);
        conforms(
                "post",
                BASE + "/{jobId}/mappings",
                api.post(
                        BASE + "/" + jobId + "/mappings",
                        bearer(ALICE),
                        "{\"entityType\":\"jira:issue\",\"serverIds\":[\"20001\",\"20003\",\"29999\"]}"),
                200);
        conforms("post", BASE + "/{jobId}/cancel", api.post(BASE + "/" + jobId + "/cancel", bearer(ALICE), ""), 409);
    }

    @Test
    void errors_are_the_documented_envelope_with_a_documented_status() {
        var unknown = BASE + "/00000000-0000-0000-0000-000000000000";
        conforms("get", BASE + "/{jobId}", api.get(unknown, null), 401);
        conforms("get", BASE + "/{jobId}", api.get(unknown, bearer("not-a-token")), 401);
        conforms("get", BASE + "/{jobId}", api.get(unknown, bearer(ALICE)), 404);
        conforms("get", BASE + "/{jobId}/download", api.get(unknown + "/download?format=pdf", bearer(ALICE)), 400);
        conforms("get", BASE, api.get(BASE + "?status=DONE&size=0", bearer(ALICE)), 400);
        conforms("post", BASE + "/trigger", api.trigger(ALICE, "{\"product\":\"BAMBOO\"}"), 400);
        conforms("post", BASE + "/trigger", api.trigger(ALICE, "{\"pad\":\"" + "x".repeat(4096) + "\"}"), 413);
        conforms(
                "post",
                BASE + "/trigger",
                api.send(
                        HttpRequest.newBuilder(api.uri(BASE + "/trigger"))
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString("JIRA")),
                        bearer(ALICE)),
                415);
    }

    @Test
    void an_answer_the_document_does_not_describe_fails_the_check() {
        // given answers with an undocumented status value, an undocumented field, and an undocumented status code
        var unknownStatus = new Api.Response(202, headers(), "{\"jobId\":\"j\",\"status\":\"DONE\"}");
        var extraField = new Api.Response(202, headers(), "{\"jobId\":\"j\",\"status\":\"PENDING\",\"eta\":3}");
        var undocumented = new Api.Response(418, headers(), "{}");

        // then
        for (var response : java.util.List.of(unknownStatus, extraField, undocumented)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> conforms("post", BASE + "/trigger", response, response.status()))
                    .isInstanceOf(AssertionError.class);
        }
    }

    private static java.net.http.HttpHeaders headers() {
        return java.net.http.HttpHeaders.of(
                java.util.Map.of("Content-Type", java.util.List.of("application/json")), (name, value) -> true);
    }

    /** The answer's status is documented for the operation, and its JSON body is valid against that response. */
    static void conforms(String method, String path, Api.Response response, int expectedStatus) {
        assertThat(response.status())
                .as(method + " " + path + ": " + response.body())
                .isEqualTo(expectedStatus);
        var responses = document.path("paths").path(path).path(method).path("responses");
        assertThat(responses.isObject())
                .as(method + " " + path + " is documented")
                .isTrue();
        var documented = responses.path(String.valueOf(response.status()));
        assertThat(documented.isObject())
                .as(
                        "%s %s documents status %d (it documents %s)",
                        method, path, response.status(), responses.propertyNames())
                .isTrue();
        var mediaType = response.header("Content-Type").split(";")[0].strip();
        var schemaPointer = "/paths/" + escape(path) + "/" + method + "/responses/" + response.status() + "/content/"
                + escape(mediaType) + "/schema";
        assertThat(document.at(schemaPointer).isObject())
                .as("%s %s %d documents a body of type %s", method, path, response.status(), mediaType)
                .isTrue();
        var root = (ObjectNode) document.deepCopy();
        root.put("$ref", "#" + schemaPointer);
        var errors = SCHEMAS.getSchema(root).validate(response.body(), InputFormat.JSON);
        assertThat(errors)
                .as("%s %s %d body %s against the document", method, path, response.status(), response.body())
                .isEmpty();
    }

    /** Every object schema with listed properties and no rule for others is closed: unlisted fields are errors. */
    private static JsonNode strict(JsonNode document) {
        var copy = (ObjectNode) document.deepCopy();
        copy.path("components").path("schemas").forEach(schema -> {
            if (schema.has("properties") && !schema.has("additionalProperties")) {
                ((ObjectNode) schema).put("additionalProperties", false);
            }
        });
        return copy;
    }

    private static String escape(String pointerToken) {
        return pointerToken.replace("~", "~0").replace("/", "~1");
    }
}
