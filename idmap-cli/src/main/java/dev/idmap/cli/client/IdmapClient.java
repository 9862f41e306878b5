package dev.idmap.cli.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Java client for the Id Mapping API, speaking exactly the documented wire format. It works against idmap and,
 * apart from the extensions marked as such, against Atlassian's own service.
 */
public final class IdmapClient {

    private static final String BASE_PATH = "/migrations/reports/v1/id-mappings";

    private final URI baseUrl;
    private final String authorization;
    private final HttpClient http;
    private final ObjectMapper json = JsonMapper.builder().build();

    /**
     * @param baseUrl the service root, e.g. {@code http://127.0.0.1:8080}
     * @param authorization the {@code Authorization} header value ({@code Bearer …} or {@code Basic …})
     */
    public IdmapClient(URI baseUrl, String authorization) {
        this(
                baseUrl,
                authorization,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    public IdmapClient(URI baseUrl, String authorization, HttpClient http) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
        this.http = http;
    }

    /** {@code POST …/trigger}; answers the job as the service accepted it. */
    public JobStatus trigger(String product, String sourceUrl, String destinationUrl) {
        var body = json.writeValueAsString(
                Map.of("product", product, "sourceURL", sourceUrl, "destinationURL", destinationUrl));
        var request = authorized(BASE_PATH + "/trigger")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return JobStatus.from(expect(request, 202));
    }

    /** {@code GET …/{jobId}}. */
    public JobStatus status(String jobId) {
        return JobStatus.from(
                expect(authorized(BASE_PATH + "/" + encode(jobId)).GET().build(), 200));
    }

    /** {@code GET …/{jobId}/download}, optionally the detailed report (an idmap extension). */
    public DownloadLink download(String jobId, boolean detailed) {
        var path = BASE_PATH + "/" + encode(jobId) + "/download" + (detailed ? "?format=detailed" : "");
        var node = expect(authorized(path).GET().build(), 200);
        return new DownloadLink(
                node.path("jobId").asString(),
                URI.create(node.path("downloadUrl").asString()),
                node.path("expiresIn").asLong());
    }

    /** {@code GET …?status=&page=&size=}: the caller's jobs, newest first (an idmap extension). */
    public JsonNode list(String status, int page, int size) {
        var query = "?page=" + page + "&size=" + size + (status == null ? "" : "&status=" + encode(status));
        return expect(authorized(BASE_PATH + query).GET().build(), 200);
    }

    /** {@code POST …/{jobId}/cancel} (an idmap extension). */
    public JobStatus cancel(String jobId) {
        return JobStatus.from(expect(
                authorized(BASE_PATH + "/" + encode(jobId) + "/cancel")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                200));
    }

    /**
     * {@code POST …/{jobId}/mappings}: server ids (or keys), or Cloud ids with {@code byCloudId}, of one entity type
     * (an idmap extension); at most 1000 per call.
     */
    public JsonNode lookup(String jobId, String entityType, List<String> ids, boolean byCloudId) {
        var body = json.writeValueAsString(Map.of("entityType", entityType, byCloudId ? "cloudIds" : "serverIds", ids));
        return expect(
                authorized(BASE_PATH + "/" + encode(jobId) + "/mappings")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                200);
    }

    /**
     * {@code POST …/{jobId}/mappings} with up to 1000 server ids (or keys) of one entity type; answers the body:
     * {@code mappings}, {@code unresolved} and {@code notFound}.
     */
    public JsonNode lookUpServerIds(String jobId, String entityType, List<String> serverIds) {
        return lookup(jobId, entityType, serverIds, false);
    }

    /** Fetches a download link the way {@code curl -O} does: no credentials. */
    public Path fetch(DownloadLink link, Path file) {
        try {
            var response = http.send(
                    HttpRequest.newBuilder(link.downloadUrl()).GET().build(), HttpResponse.BodyHandlers.ofFile(file));
            if (response.statusCode() != 200) {
                var text = Files.readString(file);
                Files.deleteIfExists(file);
                throw new ApiException(
                        response.statusCode(),
                        "download link answered " + response.statusCode() + ": "
                                + text.substring(0, Math.min(200, text.length())));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch " + link.downloadUrl().getPath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private HttpRequest.Builder authorized(String pathAndQuery) {
        return HttpRequest.newBuilder(baseUrl.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    private JsonNode expect(HttpRequest request, int expectedStatus) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach idmap at " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (response.statusCode() != expectedStatus) {
            throw ApiException.from(response.statusCode(), response.body(), json);
        }
        return json.readTree(response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
