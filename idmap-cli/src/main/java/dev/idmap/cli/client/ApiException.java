package dev.idmap.cli.client;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.ObjectMapper;

/** An error answered by the API, in the documented envelope {@code {status, errorMessage, errors?, id}}. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final List<String> errors;
    private final String requestId;

    ApiException(int status, String message) {
        this(status, message, List.of(), "");
    }

    ApiException(int status, String message, List<String> errors, String requestId) {
        super(message);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.requestId = requestId;
    }

    static ApiException from(int status, String body, ObjectMapper json) {
        try {
            var node = json.readTree(body);
            var errors = new ArrayList<String>();
            node.path("errors").forEach(e -> errors.add(e.asString()));
            var message = node.path("errorMessage").asString("HTTP " + status);
            var detail = errors.isEmpty() ? message : message + ": " + String.join("; ", errors);
            return new ApiException(status, detail, errors, node.path("id").asString(""));
        } catch (RuntimeException notJson) {
            return new ApiException(status, "HTTP " + status);
        }
    }

    public int status() {
        return status;
    }

    public List<String> errors() {
        return errors;
    }

    public String requestId() {
        return requestId;
    }
}
