package dev.idmap.sim.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A path such as {@code /rest/api/2/project/{projectIdOrKey}/components}: each {@code {name}} matches one non-empty
 * segment. The template string is also the key under which requests are counted.
 */
public record PathTemplate(String template, List<String> segments) {

    public static PathTemplate of(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("template must start with '/': " + template);
        }
        return new PathTemplate(template, split(template));
    }

    public Optional<Map<String, String>> match(String path) {
        List<String> parts = split(path);
        if (parts.size() != segments.size()) {
            return Optional.empty();
        }
        var params = new LinkedHashMap<String, String>();
        for (int i = 0; i < parts.size(); i++) {
            String segment = segments.get(i);
            String part = parts.get(i);
            if (isVariable(segment)) {
                if (part.isEmpty()) {
                    return Optional.empty();
                }
                params.put(segment.substring(1, segment.length() - 1), URLDecoder.decode(part, StandardCharsets.UTF_8));
            } else if (!segment.equals(part)) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** More literal segments win over variables when two templates match the same path. */
    public int literalCount() {
        return (int) segments.stream().filter(s -> !isVariable(s)).count();
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static List<String> split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    }
}
