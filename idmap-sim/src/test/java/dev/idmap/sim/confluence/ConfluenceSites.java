package dev.idmap.sim.confluence;

import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/** Test vocabulary: the default Confluence migration running on loopback, and calls against either site. */
final class ConfluenceSites implements AutoCloseable {

    record Answer(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            return Json.MAPPER.readTree(body);
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    final SimulatedMigration migration;
    final ConfluenceSimulator.Accounts accounts;
    private final HttpClient http = HttpClient.newHttpClient();
    private Consumer<Answer> observer = answer -> {};

    private ConfluenceSites(SimConfig config) {
        this.migration = new ConfluenceSimulator().start(config);
        this.accounts = ConfluenceSimulator.Accounts.of(config.seed());
    }

    static ConfluenceSites theDefaultMigration() {
        return new ConfluenceSites(SimConfig.defaults(SimProduct.CONFLUENCE));
    }

    static ConfluenceSites aMigration(SimConfig config) {
        return new ConfluenceSites(config);
    }

    /** Every answer of either site is handed to {@code check} as well, e.g. for contract validation. */
    void observe(Consumer<Answer> check) {
        this.observer = check;
    }

    /** GET on the Data Center site as its administrator (Basic), {@code path} below the context path. */
    Answer dc(String path) {
        return dcAs(path, migration.sourceCredentials().basicAuthorization());
    }

    Answer dcAs(String path, String authorization) {
        return get(URI.create(migration.sourceBaseUrl() + path), authorization);
    }

    /** GET on the Cloud site as its administrator (Basic email:token), {@code path} from the root (/wiki/...). */
    Answer cloud(String path) {
        return cloudAs(path, migration.destinationCredentials().basicAuthorization());
    }

    Answer cloudAs(String path, String authorization) {
        return get(URI.create(migration.destinationBaseUrl() + path), authorization);
    }

    /** Follows a DC {@code _links.next} (relative to {@code _links.base}). */
    Answer dcNext(JsonNode page) {
        return get(
                URI.create(page.get("_links").get("base").asString()
                        + page.get("_links").get("next").asString()),
                migration.sourceCredentials().basicAuthorization());
    }

    /** Follows a Cloud {@code _links.next} (relative to the host). */
    Answer cloudNext(JsonNode page) {
        return cloud(page.get("_links").get("next").asString());
    }

    private Answer get(URI uri, String authorization) {
        var request = HttpRequest.newBuilder(uri);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            var answer = new Answer(response.statusCode(), response.body(), response);
            observer.accept(answer);
            return answer;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        migration.close();
    }
}
