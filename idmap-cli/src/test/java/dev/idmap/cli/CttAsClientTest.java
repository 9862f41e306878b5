package dev.idmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.cli.testing.SimulatedService;
import dev.idmap.sim.SimProduct;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The JCMA endpoint at its root path, called the way Atlassian's Cloud Transition Tools call it: the server is only
 * {@code scheme://host:port}, the path is JCMA's {@code /rest/migration/latest/report/id-mappings}, the first call
 * asks {@code invalidateCache=true}, later polls {@code false} until {@code 200 text/csv}; CTT then splits each line
 * on commas and parses both ids as {@code Long}.
 */
class CttAsClientTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void ctt_pointed_at_idmap_loads_every_mapping_of_the_one_data_center_site_of_the_cloud_site() throws Exception {
        // given
        var service = SimulatedService.shared();
        var cloud = SimulatedService.destinationUrl(SimProduct.CONFLUENCE);

        // when CTT loads: first with invalidateCache=true, then polls
        var first = get(service, cloud, true);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.body()).isEmpty();
        var loaded = Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> get(service, cloud, false), r -> r.statusCode() != 202);

        // then every line parses as CTT parses it, and the rows are the job's compatible report
        assertThat(loaded.statusCode()).isEqualTo(200);
        assertThat(loaded.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        var lines = loaded.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("entityType,serverId,cloudId");
        var mapped = new HashMap<String, Long>();
        for (var line : lines.subList(1, lines.size())) {
            var cells = line.split(",");
            assertThat(cells).hasSize(3);
            mapped.put(cells[0] + "|" + Long.parseLong(cells[1]), Long.parseLong(cells[2]));
        }
        assertThat(mapped).hasSizeGreaterThan(500);
        for (var truth : service.simulation(SimProduct.CONFLUENCE).groundTruth()) {
            var cloudId = mapped.get(truth.entityType() + "|" + truth.serverId());
            if (cloudId != null) {
                assertThat(cloudId.toString()).isEqualTo(truth.cloudId());
            }
        }
    }

    @Test
    void a_cloud_site_with_several_data_center_sites_is_a_400_naming_them() throws Exception {
        var response = get(SimulatedService.shared(), SimulatedService.destinationUrl(SimProduct.JIRA), false);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(response.body())
                .isEqualTo("Several configured Data Center sites could be the source of "
                        + SimulatedService.destinationUrl(SimProduct.JIRA) + ": jira-dc ("
                        + SimulatedService.sourceUrl(SimProduct.JIRA) + "), jira-broken ("
                        + SimulatedService.BROKEN_SOURCE
                        + "). Call /jcma/{site}/rest/migration/latest/report/id-mappings with one of these names"
                        + " instead.");
        var unknown = get(SimulatedService.shared(), "https://unknown.atlassian.net", false);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body())
                .isEqualTo("No migrationScopeId found for the cloudSiteUrl https://unknown.atlassian.net");
    }

    private static HttpResponse<String> get(SimulatedService service, String cloudSiteUrl, boolean invalidateCache)
            throws Exception {
        var uri = URI.create(service.url() + "/rest/migration/latest/report/id-mappings?cloudSiteUrl="
                + URLEncoder.encode(cloudSiteUrl, StandardCharsets.UTF_8) + "&invalidateCache=" + invalidateCache);
        return HTTP.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + SimulatedService.TOKEN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
