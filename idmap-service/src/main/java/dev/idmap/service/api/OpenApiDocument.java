package dev.idmap.service.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the generated OpenAPI document say what the API does: its two security schemes, the request bodies the
 * controllers parse themselves, {@code 202} for trigger, every error status each operation answers (all in the
 * envelope {@code {status, errorMessage, errors?, id}}), the closed sets as enums, and examples. The paths and the
 * schemas of the bodies still come from the controllers. {@code OpenApiResponsesTest} checks real answers against the
 * result; {@code OpenApiDocumentTest} keeps {@code docs/openapi.json} equal to it.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocument {

    static final String BEARER = "bearer";
    static final String BASIC = "basic";
    static final String ERROR = "ErrorEnvelope";
    private static final String BASE = "/migrations/reports/v1/id-mappings";
    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

    private static final Map<Integer, String> MEANING = Map.ofEntries(
            Map.entry(400, "Bad request: `errors` lists every problem."),
            Map.entry(401, "No credentials, or incorrect or revoked ones."),
            Map.entry(403, "Not allowed."),
            Map.entry(404, "No such job (or it expired, or it is another caller's), or its report is gone."),
            Map.entry(406, "The client does not accept application/json."),
            Map.entry(409, "The job is not in a state that allows this; the message names the state."),
            Map.entry(413, "The request body is larger than `idmap.api.max-body-size`."),
            Map.entry(415, "The request body is not application/json."),
            Map.entry(429, "Too many triggers: wait for the seconds in `Retry-After`."),
            Map.entry(500, "An unexpected failure; `id` is the request id to look for in the logs."));

    private static final Map<Integer, String> EXAMPLE_MESSAGE = Map.ofEntries(
            Map.entry(400, ApiException.VALIDATION_FAILED),
            Map.entry(401, "Unauthorized: incorrect or revoked credentials."),
            Map.entry(403, "This download link has expired."),
            Map.entry(
                    404,
                    "Job not found with ID: 0c8f0d5e-0c8a-4b61-9d1b-5f1d8e0b6a11. The job ID may be incorrect or"
                            + " expired."),
            Map.entry(406, "Not acceptable: this endpoint answers application/json."),
            Map.entry(
                    409,
                    "Job 0c8f0d5e-0c8a-4b61-9d1b-5f1d8e0b6a11 is IN_PROGRESS; the report is available once the"
                            + " status is SUCCESS."),
            Map.entry(413, "Request body too large: at most 64 KB."),
            Map.entry(415, "Unsupported Content-Type text/plain: send the request body as application/json."),
            Map.entry(429, "Too many triggers: at most 10 per minute."),
            Map.entry(500, "Internal error."));

    @Bean
    OpenApiCustomizer idmapApiDescription() {
        return OpenApiDocument::describe;
    }

    static void describe(OpenAPI api) {
        var components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        components.addSecuritySchemes(
                BEARER,
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An API token of a configured caller: `Authorization: Bearer <token>`."));
        components.addSecuritySchemes(
                BASIC,
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("basic")
                        .description("A configured caller's user name and password (or email and API token)."));
        api.setSecurity(List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(BASIC)));
        schemas(components);
        var paths = api.getPaths();
        if (paths == null) {
            return;
        }
        paths.forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            var errors = errorsOf(path, method);
            var responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            operation.setResponses(responses);
            errors.forEach(status -> responses.addApiResponse(String.valueOf(status), error(status)));
        }));
        trigger(operation(paths.get(BASE + "/trigger"), PathItem.HttpMethod.POST));
        batchLookup(operation(paths.get(BASE + "/{jobId}/mappings"), PathItem.HttpMethod.POST));
        jcma(operation(paths.get("/jcma/{site}/rest/migration/latest/report/id-mappings"), PathItem.HttpMethod.GET));
        jcma(operation(paths.get("/rest/migration/latest/report/id-mappings"), PathItem.HttpMethod.GET));
        files(operation(paths.get("/files/{jobId}/{fileName}"), PathItem.HttpMethod.GET));
        var status = operation(paths.get(BASE + "/{jobId}"), PathItem.HttpMethod.GET);
        if (status != null) {
            status.getResponses().get("200").getContent().get(JSON).setExamples(jobExamples());
        }
    }

    /** The error statuses an operation answers, beside its own success statuses. */
    private static List<Integer> errorsOf(String path, PathItem.HttpMethod method) {
        if (path.startsWith("/files/")) {
            return List.of(403, 404, 500);
        }
        if (path.startsWith("/jcma/") || path.startsWith("/rest/migration/")) {
            return List.of(401, 404, 409, 429, 500);
        }
        var withBody = method == PathItem.HttpMethod.POST && !path.endsWith("/cancel");
        if (path.equals(BASE + "/trigger")) {
            return List.of(400, 401, 413, 415, 429, 500);
        }
        if (path.equals(BASE)) {
            return List.of(400, 401, 406, 500);
        }
        if (path.endsWith("/mappings") || path.endsWith("/download")) {
            return withBody ? List.of(400, 401, 404, 409, 413, 415, 500) : List.of(400, 401, 404, 409, 500);
        }
        if (path.endsWith("/cancel")) {
            return List.of(401, 404, 409, 500);
        }
        return List.of(401, 404, 406, 500);
    }

    private static void schemas(Components components) {
        var envelope = new ObjectSchema()
                .description("Every error: the HTTP status, a message saying what to fix, one entry per problem when"
                        + " there are several, and the request id (also in the `X-Request-Id` header).")
                .addProperty("status", new IntegerSchema().format("int32"))
                .addProperty("errorMessage", new StringSchema())
                .addProperty("errors", new ArraySchema().items(new StringSchema()))
                .addProperty("id", new StringSchema().description("the request id"));
        envelope.setRequired(List.of("status", "errorMessage", "id"));
        components.addSchemas(ERROR, envelope);

        var trigger = new ObjectSchema()
                .addProperty("product", enumOf(List.of("JIRA", "CONFLUENCE")))
                .addProperty(
                        "sourceURL",
                        new StringSchema()
                                .format("uri")
                                .description("a configured Server/Data Center site: https, no trailing slash"))
                .addProperty(
                        "destinationURL",
                        new StringSchema().format("uri").description("a configured Cloud site of the same product"));
        trigger.setRequired(List.of("product", "sourceURL", "destinationURL"));
        components.addSchemas("TriggerRequest", trigger);

        var lookup = new ObjectSchema()
                .description("Either serverIds or cloudIds, up to " + IdMappingApi.MAX_BATCH + ".")
                .addProperty("entityType", new StringSchema().example("jira:issue"))
                .addProperty("serverIds", new ArraySchema().items(new StringSchema()))
                .addProperty("cloudIds", new ArraySchema().items(new StringSchema()));
        lookup.setRequired(List.of("entityType"));
        components.addSchemas("LookupRequest", lookup);

        var schemas = components.getSchemas();
        property(schemas, "Download", "format", enumOf(List.of("compatible", "detailed")));
        required(schemas, "Triggered", "jobId", "status");
        required(schemas, "JobView", "jobId", "status");
        required(schemas, "Download", "jobId", "downloadUrl", "expiresIn");
        required(schemas, "JobList", "jobs", "page", "size", "total");
        required(schemas, "Lookup", "jobId", "entityType", "mappings", "notFound", "unresolved");
        required(schemas, "Mapping", "entityType", "serverId", "cloudId");
        required(schemas, "Unresolved", "id", "serverId", "status");
        required(
                schemas,
                "ProgressView",
                "phase",
                "partsDone",
                "partsTotal",
                "entitiesProcessed",
                "percent",
                "phasePercent");
        // the types a site did not offer are said once, as JobView.warnings: ResultView leaves the summary's out
        var result = schemas == null ? null : schemas.get("ResultView");
        if (result != null && result.getProperties() != null) {
            result.getProperties().remove("notAvailable");
            schemas.remove("NotAvailable");
        }
    }

    private static void trigger(Operation operation) {
        if (operation == null) {
            return;
        }
        var example = new LinkedHashMap<String, Object>();
        example.put("product", "JIRA");
        example.put("sourceURL", "https://jira.company.com");
        example.put("destinationURL", "https://company.atlassian.net");
        operation.setRequestBody(body("TriggerRequest", example));
        var accepted = operation.getResponses().remove("200");
        var triggered = new LinkedHashMap<String, Object>();
        triggered.put("jobId", "0c8f0d5e-0c8a-4b61-9d1b-5f1d8e0b6a11");
        triggered.put("status", "PENDING");
        accepted.setDescription("Accepted: the job, PENDING; the same caller triggering the same sites while that job"
                + " is PENDING or IN_PROGRESS gets that job back.");
        accepted.getContent().get(JSON).setExample(triggered);
        operation.getResponses().addApiResponse("202", accepted);
        operation
                .getResponses()
                .get("429")
                .addHeaderObject(
                        "Retry-After",
                        new Header()
                                .description("seconds until the next trigger is allowed")
                                .schema(new IntegerSchema()));
    }

    private static void batchLookup(Operation operation) {
        if (operation == null) {
            return;
        }
        var example = new LinkedHashMap<String, Object>();
        example.put("entityType", "jira:issue");
        example.put("serverIds", List.of("10001", "10002"));
        operation.setRequestBody(body("LookupRequest", example));
    }

    private static void jcma(Operation operation) {
        if (operation == null) {
            return;
        }
        var responses = operation.getResponses();
        responses.addApiResponse(
                "200",
                new ApiResponse()
                        .description("The mapping: `entityType,serverId,cloudId` rows.")
                        .content(new Content()
                                .addMediaType(
                                        "text/csv",
                                        new MediaType()
                                                .schema(new StringSchema())
                                                .example("entityType,serverId,cloudId\njira:issue,10001,20001\n"))));
        responses.addApiResponse(
                "202", new ApiResponse().description("The mapping is being produced: call again later (empty body)."));
        responses.addApiResponse(
                "400",
                new ApiResponse()
                        .description("As the Jira Cloud Migration Assistant answers, in plain text (not the"
                                + " envelope): the cloud site is not configured for this source site.")
                        .content(new Content()
                                .addMediaType(
                                        "text/plain",
                                        new MediaType()
                                                .schema(new StringSchema())
                                                .example("No migrationScopeId found for the cloudSiteUrl"
                                                        + " https://other.atlassian.net"))));
    }

    private static void files(Operation operation) {
        if (operation == null) {
            return;
        }
        operation.setSecurity(List.of());
        operation.setDescription("A download link from `/download`: no credentials, the signature is the proof.");
        operation
                .getResponses()
                .addApiResponse(
                        "200",
                        new ApiResponse()
                                .description("The report (`Content-Disposition: attachment`).")
                                .content(new Content()
                                        .addMediaType("text/csv", new MediaType().schema(new StringSchema()))));
    }

    private static Map<String, Example> jobExamples() {
        var running = new LinkedHashMap<String, Object>();
        running.put("jobId", "0c8f0d5e-0c8a-4b61-9d1b-5f1d8e0b6a11");
        running.put("status", "IN_PROGRESS");
        running.put("product", "JIRA");
        running.put("sourceURL", "https://jira.company.com");
        running.put("destinationURL", "https://company.atlassian.net");
        running.put("createdAt", "2026-12-01T10:00:00Z");
        running.put("startedAt", "2026-12-01T10:00:01Z");
        running.put(
                "progress",
                Map.of(
                        "phase",
                        "CRAWL",
                        "partsDone",
                        12,
                        "partsTotal",
                        40,
                        "entitiesProcessed",
                        5400,
                        "percent",
                        24,
                        "phasePercent",
                        30));
        var done = new LinkedHashMap<String, Object>(running);
        done.put("status", "SUCCESS");
        done.put("completedAt", "2026-12-01T10:04:10Z");
        done.put(
                "progress",
                Map.of(
                        "phase",
                        "DONE",
                        "partsDone",
                        40,
                        "partsTotal",
                        40,
                        "entitiesProcessed",
                        18000,
                        "percent",
                        100,
                        "phasePercent",
                        100));
        var result = new LinkedHashMap<String, Object>();
        result.put("rows", 18000);
        result.put("matched", 17950);
        result.put("unmatched", 45);
        result.put("ambiguous", 5);
        result.put("countsPerType", Map.of("jira:issue", Map.of("MATCHED", 9990, "UNMATCHED", 10, "AMBIGUOUS", 0)));
        result.put("sizeBytes", 512000);
        result.put("sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        result.put(
                "detailedReport",
                Map.of(
                        "sizeBytes",
                        2048000,
                        "sha256",
                        "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"));
        result.put("reportAvailable", true);
        done.put("result", result);
        var examples = new LinkedHashMap<String, Example>();
        examples.put("running", new Example().summary("in progress").value(running));
        examples.put("done", new Example().summary("succeeded").value(done));
        return examples;
    }

    private static ApiResponse error(int status) {
        var example = new LinkedHashMap<String, Object>();
        example.put("status", status);
        example.put("errorMessage", EXAMPLE_MESSAGE.get(status));
        if (status == 400) {
            example.put("errors", List.of("Product must be CONFLUENCE or JIRA", "sourceURL is required"));
        }
        example.put("id", "5b0e6a6e-5a7f-4d0a-9b7e-0d9c1f0e2a3b");
        return new ApiResponse()
                .description(MEANING.get(status))
                .content(new Content()
                        .addMediaType(
                                JSON,
                                new MediaType()
                                        .schema(new Schema<>().$ref("#/components/schemas/" + ERROR))
                                        .example(example)));
    }

    private static RequestBody body(String schema, Object example) {
        return new RequestBody()
                .required(true)
                .content(new Content()
                        .addMediaType(
                                JSON,
                                new MediaType()
                                        .schema(new Schema<>().$ref("#/components/schemas/" + schema))
                                        .example(example)));
    }

    private static Operation operation(PathItem item, PathItem.HttpMethod method) {
        return item == null ? null : item.readOperationsMap().get(method);
    }

    private static Schema<String> enumOf(List<String> values) {
        var schema = new StringSchema();
        schema.setEnum(values);
        return schema;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void property(Map<String, Schema> schemas, String schema, String property, Schema value) {
        var target = schemas == null ? null : schemas.get(schema);
        if (target != null
                && target.getProperties() != null
                && target.getProperties().containsKey(property)) {
            target.getProperties().put(property, value);
        }
    }

    @SuppressWarnings("rawtypes")
    private static void required(Map<String, Schema> schemas, String schema, String... properties) {
        var target = schemas == null ? null : schemas.get(schema);
        if (target != null) {
            target.setRequired(List.of(properties));
        }
    }
}
