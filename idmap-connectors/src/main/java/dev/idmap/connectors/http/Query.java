package dev.idmap.connectors.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Query parameters in the order given; a name may repeat ({@code key=a&key=b}). Immutable. */
public final class Query {

    private final List<Map.Entry<String, String>> parameters;

    private Query(List<Map.Entry<String, String>> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    public static Query of() {
        return new Query(List.of());
    }

    public static Query of(String name, Object value) {
        return of().and(name, value);
    }

    public static Query of(String name1, Object value1, String name2, Object value2) {
        return of().and(name1, value1).and(name2, value2);
    }

    /** This query plus one parameter; a null value adds nothing. */
    public Query and(String name, Object value) {
        if (value == null) {
            return this;
        }
        var next = new ArrayList<>(parameters);
        next.add(Map.entry(name, String.valueOf(value)));
        return new Query(next);
    }

    /** This query plus the parameter repeated once per value. */
    public Query andEach(String name, Iterable<String> values) {
        var next = this;
        for (var value : values) {
            next = next.and(name, value);
        }
        return next;
    }

    /** This query with every parameter of that name replaced by the one given. */
    public Query with(String name, Object value) {
        var kept = parameters.stream().filter(p -> !p.getKey().equals(name)).toList();
        return new Query(kept).and(name, value);
    }

    String encoded() {
        return parameters.stream()
                .map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return encoded();
    }
}
