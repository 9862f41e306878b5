package dev.idmap.sim.confluence;

import dev.idmap.sim.http.SimRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rebuilds a request's query string with some parameters replaced, for {@code next}/{@code prev} links. */
final class Queries {

    private Queries() {}

    /** {@code ?a=1&b=2} with {@code overrides} replacing (or adding) parameters; a null override removes one. */
    static String with(SimRequest request, Map<String, String> overrides) {
        var params = new LinkedHashMap<String, List<String>>(request.query());
        overrides.forEach((name, value) -> {
            if (value == null) {
                params.remove(name);
            } else {
                params.put(name, List.of(value));
            }
        });
        var query = new StringBuilder();
        params.forEach((name, values) -> values.forEach(value -> query.append(query.isEmpty() ? '?' : '&')
                .append(encode(name))
                .append('=')
                .append(encode(value))));
        return query.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Two entries, either of which may be null (meaning: remove). */
    static Map<String, String> of(String k1, String v1, String k2, String v2) {
        var map = new LinkedHashMap<String, String>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
