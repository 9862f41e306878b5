package dev.idmap.sim.jira;

import dev.idmap.sim.http.ErrorBodies;
import dev.idmap.sim.http.Json;
import dev.idmap.sim.http.SimResponse;

/** Jira's {@code ErrorCollection}: {@code {"errorMessages":[...],"errors":{}}}, on Data Center and Cloud alike. */
final class JiraErrors {

    static final ErrorBodies BODIES = (status, message) -> {
        var body = Json.object();
        body.set("errorMessages", Json.array().add(message));
        body.set("errors", Json.object());
        return SimResponse.json(status, body);
    };

    private JiraErrors() {}
}
