package dev.idmap.sim.jira;

import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import dev.idmap.sim.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/** A running simulated Jira migration and an HTTP client speaking to it as the administrators, for tests. */
final class JiraSites implements AutoCloseable {

    record Response(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    final SimulatedMigration sim;
    private final HttpClient http = HttpClient.newHttpClient();

    JiraSites(SimConfig config) {
        this.sim = Simulator.start(config);
    }

    static JiraSites small() {
        return new JiraSites(SimConfig.defaults(SimProduct.JIRA));
    }

    Response dc(String pathAndQuery) {
        return get(sim.sourceBaseUrl() + pathAndQuery, sim.sourceCredentials().basicAuthorization());
    }

    Response cloud(String pathAndQuery) {
        return get(
                sim.destinationBaseUrl() + pathAndQuery,
                sim.destinationCredentials().basicAuthorization());
    }

    Response get(String url, String authorization) {
        var request = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    Response post(String url, String authorization, String json) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : Json.MAPPER.readTree(response.body());
            return new Response(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sim.close();
    }
}
