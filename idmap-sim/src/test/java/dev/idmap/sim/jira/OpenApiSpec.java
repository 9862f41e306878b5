package dev.idmap.sim.jira;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.idmap.sim.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One of Atlassian's official OpenAPI 3.0 documents, used to check simulator responses: the operation must exist, the
 * status must be documented for it, and the body must satisfy the documented schema, validated by networknt's
 * json-schema-validator in its OpenAPI 3.0 dialect (so {@code nullable}, {@code $ref} into {@code components} work).
 */
final class OpenApiSpec {

    record Operation(String template, JsonNode node) {}

    static final Path DIRECTORY = locate();

    private final String name;
    private final JsonNode document;
    private final String serverPrefix;
    private final SchemaRegistry registry = SchemaRegistry.withDialect(Dialects.getOpenApi30());
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiSpec(String name, JsonNode document, String serverPrefix) {
        this.name = name;
        this.document = document;
        this.serverPrefix = serverPrefix;
    }

    /** {@code serverPrefix}: what the request path has before the document's paths (e.g. {@code /jira/rest}). */
    static OpenApiSpec load(String file, String serverPrefix) {
        try {
            return new OpenApiSpec(file, Json.MAPPER.readTree(Files.readString(DIRECTORY.resolve(file))), serverPrefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    boolean covers(String requestPath) {
        return requestPath.startsWith(serverPrefix)
                        && operation("get", requestPath).isPresent()
                || requestPath.startsWith(serverPrefix)
                        && operation("post", requestPath).isPresent();
    }

    Optional<Operation> operation(String method, String requestPath) {
        if (!requestPath.startsWith(serverPrefix)) {
            return Optional.empty();
        }
        String path = requestPath.substring(serverPrefix.length());
        String[] parts = path.split("/", -1);
        Operation best = null;
        int bestLiterals = -1;
        for (var entry : document.get("paths").properties()) {
            String[] segments = entry.getKey().split("/", -1);
            if (segments.length != parts.length || !entry.getValue().has(method)) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < segments.length && matches; i++) {
                if (segments[i].startsWith("{") && segments[i].endsWith("}")) {
                    matches = !parts[i].isEmpty();
                } else if (segments[i].equals(parts[i])) {
                    literals++;
                } else {
                    matches = false;
                }
            }
            if (matches && literals > bestLiterals) {
                best = new Operation(entry.getKey(), entry.getValue().get(method));
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The documented response schema for a status (or {@code default}); empty when the status is not documented. */
    Optional<JsonNode> responseSchema(Operation operation, int status) {
        JsonNode responses = operation.node().get("responses");
        JsonNode response = responses.has(Integer.toString(status))
                ? responses.get(Integer.toString(status))
                : responses.get("default");
        if (response == null) {
            return Optional.empty();
        }
        JsonNode schema = response.path("content").path("application/json").path("schema");
        return Optional.of(schema.isMissingNode() || schema.isNull() ? Json.object() : schema);
    }

    boolean documents(Operation operation, int status) {
        JsonNode responses = operation.node().get("responses");
        return responses.has(Integer.toString(status)) || responses.has("default");
    }

    /** The violations of {@code body} against {@code schema} (a node of this document). */
    List<String> violations(String key, JsonNode schema, JsonNode body) {
        Schema compiled = schemas.computeIfAbsent(key, k -> compile(k, schema));
        var messages = new ArrayList<String>();
        for (Error error : compiled.validate(body)) {
            messages.add(error.toString());
        }
        return messages;
    }

    /** The schema of a component, e.g. {@code CustomFieldOptionBean}. */
    JsonNode component(String name) {
        JsonNode schema = document.path("components").path("schemas").path(name);
        if (schema.isMissingNode()) {
            throw new IllegalArgumentException(this.name + " has no component " + name);
        }
        return Json.object().put("$ref", "#/components/schemas/" + name);
    }

    private Schema compile(String key, JsonNode schema) {
        // The schema is evaluated at the root of a document that carries the spec's components, so $refs resolve.
        ObjectNode root = Json.object();
        root.setAll((ObjectNode) schema.deepCopy());
        root.set("components", document.get("components"));
        return registry.getSchema(SchemaLocation.of("urn:idmap-sim:" + name + ":" + key.hashCode()), root);
    }

    /** The official documents kept with the tests ({@code src/test/resources/atlassian-openapi}, see its README). */
    private static Path locate() {
        var url = OpenApiSpec.class.getResource("/atlassian-openapi");
        if (url == null) {
            throw new IllegalStateException("the test resources hold no atlassian-openapi directory");
        }
        try {
            return Path.of(url.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
