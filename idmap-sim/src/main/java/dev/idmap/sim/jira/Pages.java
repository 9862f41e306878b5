package dev.idmap.sim.jira;

import dev.idmap.sim.http.Json;
import dev.idmap.sim.http.OffsetPage;
import dev.idmap.sim.http.SimRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Jira's page envelopes: {@code PageBean} (self, nextPage, maxResults, startAt, total, isLast, values) and agile's. */
final class Pages {

    private Pages() {}

    static ObjectNode pageBean(SimRequest r, OffsetPage page, long total, List<? extends JsonNode> values) {
        var json = Json.object().put("self", r.link(r.path() + query(r, Map.of())));
        if (!page.isLast(total)) {
            json.put(
                    "nextPage",
                    r.link(r.path()
                            + query(
                                    r,
                                    Map.of(
                                            "startAt",
                                            Long.toString(page.start() + page.size()),
                                            "maxResults",
                                            Integer.toString(page.size())))));
        }
        json.put("maxResults", page.size())
                .put("startAt", page.start())
                .put("total", total)
                .put("isLast", page.isLast(total));
        ArrayNode array = Json.array();
        values.forEach(array::add);
        json.set("values", array);
        return json;
    }

    static ObjectNode agilePage(OffsetPage page, long total, List<? extends JsonNode> values) {
        var json = Json.object()
                .put("maxResults", page.size())
                .put("startAt", page.start())
                .put("total", total)
                .put("isLast", page.isLast(total));
        ArrayNode array = Json.array();
        values.forEach(array::add);
        json.set("values", array);
        return json;
    }

    static ArrayNode array(List<? extends JsonNode> values) {
        ArrayNode array = Json.array();
        values.forEach(array::add);
        return array;
    }

    /** The request's query with some parameters replaced, e.g. for a {@code nextPage} link. */
    static String query(SimRequest r, Map<String, String> replaced) {
        var parts = new java.util.ArrayList<String>();
        r.query().forEach((name, values) -> {
            if (!replaced.containsKey(name)) {
                values.forEach(v -> parts.add(encode(name) + "=" + encode(v)));
            }
        });
        replaced.forEach((name, value) -> parts.add(encode(name) + "=" + encode(value)));
        return parts.isEmpty() ? "" : "?" + parts.stream().collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
