package dev.idmap.sim.confluence;

import dev.idmap.sim.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Checks responses against one of Atlassian's official OpenAPI 3.0 documents: the status must be documented for the
 * operation, and a JSON body must satisfy the documented schema ({@code $ref}, {@code allOf}/{@code oneOf}/
 * {@code anyOf}, {@code type}, {@code nullable}, {@code enum}, {@code required}, {@code properties},
 * {@code additionalProperties}, {@code items}, {@code format: date-time}, int32/int64 ranges). Workarounds for spec
 * defects are passed in explicitly as {@link StatusAlias}es, each with the reason, so none is silent.
 */
final class OpenApiContract {

    /** The spec documents {@code documented} where the real product answers {@code actual} with the same body. */
    record StatusAlias(String operationPath, int actual, int documented, String reason) {}

    /** The spec types {@code component.property} wrongly; the product sends {@code replacement} instead. */
    record PropertyOverride(String component, String property, String replacement, String reason) {}

    static final Path SPECS = locateSpecs();

    private final String name;
    private final JsonNode document;
    private final String serverPrefix;
    private final List<StatusAlias> aliases;
    private final List<PropertyOverride> overrides;

    private OpenApiContract(
            String name,
            JsonNode document,
            String serverPrefix,
            List<StatusAlias> aliases,
            List<PropertyOverride> overrides) {
        this.name = name;
        this.document = document;
        this.serverPrefix = serverPrefix;
        this.aliases = aliases;
        this.overrides = overrides;
    }

    /** {@code serverPrefix}: what the spec's server URL adds before its paths, e.g. {@code /wiki/api/v2}. */
    static OpenApiContract load(
            String file, String serverPrefix, List<StatusAlias> aliases, List<PropertyOverride> overrides) {
        try {
            return new OpenApiContract(
                    file,
                    Json.MAPPER.readTree(Files.readString(SPECS.resolve(file))),
                    serverPrefix,
                    aliases,
                    overrides);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operation path of the spec a request path belongs to, e.g. {@code /pages/{id}} for {@code /pages/42}. */
    Optional<String> operationPath(String requestPath) {
        if (!requestPath.startsWith(serverPrefix)) {
            return Optional.empty();
        }
        String path = requestPath.substring(serverPrefix.length());
        String best = null;
        int bestLiterals = -1;
        for (Iterator<String> it = document.get("paths").propertyNames().iterator(); it.hasNext(); ) {
            String template = it.next();
            int literals = literalsIfMatches(template, path);
            if (literals > bestLiterals) {
                best = template;
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every violation of the documented response for {@code GET requestPath} answering {@code status}. */
    List<String> violations(String requestPath, int status, String body) {
        var problems = new ArrayList<String>();
        Optional<String> template = operationPath(requestPath);
        if (template.isEmpty()) {
            problems.add(name + ": no operation for " + requestPath);
            return problems;
        }
        JsonNode operation = document.get("paths").get(template.get()).get("get");
        if (operation == null) {
            problems.add(name + ": no GET operation for " + template.get());
            return problems;
        }
        int documented = aliases.stream()
                .filter(a -> a.operationPath().equals(template.get()) && a.actual() == status)
                .map(StatusAlias::documented)
                .findFirst()
                .orElse(status);
        JsonNode response = operation.get("responses").get(Integer.toString(documented));
        if (response == null) {
            response = operation.get("responses").get("default");
        }
        if (response == null) {
            problems.add(name + ": status " + status + " is not documented for GET " + template.get());
            return problems;
        }
        response = resolve(response);
        JsonNode schema = response.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            return problems;
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (RuntimeException notJson) {
            problems.add(name + ": body of GET " + template.get() + " is not JSON: " + body);
            return problems;
        }
        validate(schema, json, "$", problems);
        return problems;
    }

    /** Every violation of a named component schema, for bodies no operation documents (e.g. error bodies). */
    List<String> violationsOfSchema(String componentName, String body) {
        var problems = new ArrayList<String>();
        validate(
                document.get("components").get("schemas").get(componentName),
                Json.MAPPER.readTree(body),
                "$",
                problems);
        return problems;
    }

    private void validate(JsonNode schema, JsonNode value, String where, List<String> problems) {
        String component = schema.has("$ref") ? schema.get("$ref").asString().replaceAll(".*/", "") : "";
        schema = resolve(schema);
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false) && schema.has("type")) {
                problems.add(where + ": null is not allowed");
            }
            return;
        }
        if (schema.has("allOf")) {
            schema.get("allOf").forEach(part -> validate(part, value, where, problems));
        }
        for (String choice : List.of("oneOf", "anyOf")) {
            if (schema.has(choice)) {
                boolean any = false;
                for (JsonNode option : schema.get(choice)) {
                    var attempt = new ArrayList<String>();
                    validate(option, value, where, attempt);
                    any |= attempt.isEmpty();
                }
                if (!any) {
                    problems.add(where + ": matches none of " + choice);
                }
            }
        }
        String type = schema.path("type").asString("");
        if (!type.isEmpty() && !hasType(value, type)) {
            problems.add(where + ": expected " + type + " but was " + value.getNodeType());
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                problems.add(where + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isString() && schema.path("format").asString("").equals("date-time")) {
            try {
                OffsetDateTime.parse(value.asString());
            } catch (DateTimeParseException notADate) {
                problems.add(where + ": " + value + " is not a date-time");
            }
        }
        if (value.isIntegralNumber()
                && schema.path("format").asString("").equals("int32")
                && !value.canConvertToInt()) {
            problems.add(where + ": " + value + " is not an int32");
        }
        if (value.isObject()) {
            validateObject(component, schema, value, where, problems);
        }
        if (value.isArray() && schema.has("items")) {
            int i = 0;
            for (JsonNode item : value) {
                validate(schema.get("items"), item, where + "[" + i++ + "]", problems);
            }
        }
    }

    private void validateObject(
            String component, JsonNode schema, JsonNode value, String where, List<String> problems) {
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asString())) {
                problems.add(where + ": required property '" + required.asString() + "' is missing");
            }
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            JsonNode propertySchema = properties.get(field.getKey());
            for (PropertyOverride override : overrides) {
                if (override.component().equals(component)
                        && override.property().equals(field.getKey())) {
                    propertySchema = Json.MAPPER.readTree(override.replacement());
                }
            }
            String at = where + "." + field.getKey();
            if (propertySchema != null) {
                validate(propertySchema, field.getValue(), at, problems);
            } else if (schema.has("additionalProperties")) {
                JsonNode additional = schema.get("additionalProperties");
                if (additional.isBoolean() && !additional.asBoolean()) {
                    problems.add(at + ": property is not allowed");
                } else if (additional.isObject()) {
                    validate(additional, field.getValue(), at, problems);
                }
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String ref = node.get("$ref").asString();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("external $ref not supported: " + ref);
            }
            JsonNode target = document;
            for (String part : ref.substring(2).split("/")) {
                target = target.get(part.replace("~1", "/").replace("~0", "~"));
            }
            node = target;
        }
        return node;
    }

    private static int literalsIfMatches(String template, String path) {
        String[] t = template.split("/", -1);
        String[] p = path.split("/", -1);
        if (t.length != p.length) {
            return -1;
        }
        int literals = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{") && t[i].endsWith("}")) {
                if (p[i].isEmpty()) {
                    return -1;
                }
            } else if (t[i].equals(p[i])) {
                literals++;
            } else {
                return -1;
            }
        }
        return literals;
    }

    /** The official documents kept with the tests ({@code src/test/resources/atlassian-openapi}, see its README). */
    private static Path locateSpecs() {
        var url = OpenApiContract.class.getResource("/atlassian-openapi");
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
