package dev.idmap.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Raw HTTP against a test server, as any client would send it. */
public final class Api {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String BASE = "/migrations/reports/v1/id-mappings";

    private final String url;

    public Api(String url) {
        this.url = url;
    }

    public String url() {
        return url;
    }

    public record Response(int status, java.net.http.HttpHeaders headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes());
    }

    public Response get(String path, String authorization) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), authorization);
    }

    public Response post(String path, String authorization, String json) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                authorization);
    }

    public Response trigger(String token, String json) {
        return post(BASE + "/trigger", bearer(token), json);
    }

    public Response trigger(String token) {
        return trigger(token, triggerBody(TestServers.SOURCE, TestServers.DESTINATION));
    }

    public static String triggerBody(String source, String destination) {
        return "{\"product\":\"JIRA\",\"destinationURL\":\"" + destination + "\",\"sourceURL\":\"" + source + "\"}";
    }

    public Response send(HttpRequest.Builder request, String authorization) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            var response =
                    HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : url + path);
    }
}
