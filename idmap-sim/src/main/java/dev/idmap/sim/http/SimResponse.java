package dev.idmap.sim.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a simulated endpoint answers: status, extra headers and a body (JSON unless said otherwise). */
public record SimResponse(int status, Map<String, String> headers, byte[] body, String contentType) {

    public static final String JSON = "application/json;charset=UTF-8";

    public SimResponse {
        headers = Map.copyOf(headers);
    }

    public static SimResponse json(Object body) {
        return json(200, body);
    }

    public static SimResponse json(int status, Object body) {
        return new SimResponse(status, Map.of(), Json.bytes(body), JSON);
    }

    public static SimResponse empty(int status) {
        return new SimResponse(status, Map.of(), new byte[0], JSON);
    }

    public SimResponse withHeader(String name, String value) {
        var copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SimResponse(status, copy, body, contentType);
    }
}
