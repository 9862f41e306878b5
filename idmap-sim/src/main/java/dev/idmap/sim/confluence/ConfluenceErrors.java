package dev.idmap.sim.confluence;

import dev.idmap.sim.http.ErrorBodies;
import dev.idmap.sim.http.Json;
import dev.idmap.sim.http.SimResponse;

/**
 * Confluence's two error shapes: Data Center and Cloud v1
 * {@code {"statusCode":404,"data":{...},"message":"…","reason":"Not Found"}}, Cloud v2
 * {@code {"errors":[{"status":404,"code":"NOT_FOUND","title":"…","detail":null}]}}.
 */
final class ConfluenceErrors {

    private ConfluenceErrors() {}

    static final ErrorBodies REST_API = (status, message) -> {
        var body = Json.object();
        body.put("statusCode", status);
        var data = body.putObject("data");
        data.put("authorized", status != 401 && status != 403);
        data.put("valid", status != 400);
        data.put("allowedInReadOnlyMode", true);
        data.putArray("errors");
        data.put("successful", false);
        body.put("message", message);
        body.put("reason", reason(status));
        return SimResponse.json(status, body);
    };

    static final ErrorBodies V2 = (status, message) -> {
        var body = Json.object();
        var error = body.putArray("errors").addObject();
        error.put("status", status);
        error.put("code", code(status));
        error.put("title", message);
        error.putNull("detail");
        return SimResponse.json(status, body);
    };

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 429 -> "Too Many Requests";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "INVALID_REQUEST_PARAMETER";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 429 -> "TOO_MANY_REQUESTS";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> "INTERNAL_SERVER_ERROR";
        };
    }
}
