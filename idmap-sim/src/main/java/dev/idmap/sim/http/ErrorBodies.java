package dev.idmap.sim.http;

/**
 * How one product writes its error responses, e.g. Jira's {@code {"errorMessages":[...],"errors":{}}} or Confluence's
 * {@code {"statusCode":404,"message":...}}. Every refusal of a site (auth, 404, 429, faults, handler errors) goes
 * through it.
 */
@FunctionalInterface
public interface ErrorBodies {

    SimResponse render(int status, String message);
}
