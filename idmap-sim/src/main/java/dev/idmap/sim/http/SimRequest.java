package dev.idmap.sim.http;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One request as a handler sees it: the matched path parameters, the decoded query, the body and the authenticated
 * principal. {@code siteUrl} is the site's base URL (with its context path), for {@code self} and {@code next} links.
 */
public record SimRequest(
        String method,
        String path,
        Map<String, String> pathParams,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        byte[] body,
        Optional<Principal> principal,
        URI siteUrl) {

    public static Map<String, List<String>> parseQuery(String rawQuery) {
        var query = new LinkedHashMap<String, List<String>>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw SimHttpException.badRequest("Malformed query parameter: " + raw);
        }
    }

    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter " + name);
        }
        return value;
    }

    public Optional<String> param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** Every value of a repeated parameter, with comma-separated values split ({@code a=1&a=2,3} gives 1, 2, 3). */
    public List<String> params(String name) {
        List<String> values = query.getOrDefault(name, List.of());
        return values.stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    /** Every value of a repeated parameter as given, without splitting on commas. */
    public List<String> rawParams(String name) {
        return query.getOrDefault(name, List.of());
    }

    public OptionalLong longParam(String name) {
        Optional<String> value = param(name).filter(v -> !v.isBlank());
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().trim()));
        } catch (NumberFormatException notANumber) {
            throw SimHttpException.badRequest(
                    "The value '" + value.get() + "' of parameter '" + name + "' is not a number.");
        }
    }

    public int intParam(String name, int fallback) {
        OptionalLong value = longParam(name);
        if (value.isEmpty()) {
            return fallback;
        }
        long v = value.getAsLong();
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw SimHttpException.badRequest("The value of parameter '" + name + "' is out of range.");
        }
        return (int) v;
    }

    public boolean boolParam(String name, boolean fallback) {
        return param(name).map(v -> v.equalsIgnoreCase("true")).orElse(fallback);
    }

    public Optional<String> header(String name) {
        for (var entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return Optional.of(entry.getValue().getFirst());
            }
        }
        return Optional.empty();
    }

    public boolean isAdmin() {
        return principal.map(Principal::admin).orElse(false);
    }

    /** The site URL joined with a path that starts with '/'. */
    public String link(String pathAndQuery) {
        String base = siteUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery;
    }
}
