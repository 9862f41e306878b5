package dev.idmap.service.e2e;

import static dev.idmap.testsupport.Api.BASE;
import static dev.idmap.testsupport.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimFeature;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import dev.idmap.testsupport.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The documented workflow on embedded defaults: the PostgreSQL server idmap runs itself, local report files, links signed by idmap. The same
 * server also maps a simulated Confluence migration whose Cloud site lacks the v1 group listing: the job succeeds and
 * its status names what was not available.
 */
class SeedWorkflowOnEmbeddedDefaultsTest extends SeedWorkflowContract {

    static final String CONFLUENCE_DC = "https://confluence.company.com";
    static final String CONFLUENCE_CLOUD = "https://company-wiki.atlassian.net";
    static SimulatedMigration confluence;

    @BeforeAll
    static void start() throws Exception {
        var secrets = Files.createTempDirectory("idmap-sim-secrets");
        var sites = new ArrayList<>(simulatedSites(secrets));
        confluence = Simulator.start(SimConfig.builder(SimProduct.CONFLUENCE)
                .without(SimFeature.CONFLUENCE_CLOUD_V1_GROUPS)
                .build());
        var dc = Files.writeString(
                secrets.resolve("confluence-dc.secret"),
                confluence.sourceCredentials().secret());
        var cloud = Files.writeString(
                secrets.resolve("confluence-cloud.secret"),
                confluence.destinationCredentials().secret());
        sites.add(TestServers.site(
                "CONFLUENCE",
                "confluence-dc",
                CONFLUENCE_DC,
                confluence.sourceBaseUrl().toString(),
                confluence.sourceCredentials().login(),
                dc.toString()));
        sites.add(TestServers.site(
                "CONFLUENCE",
                "confluence-cloud",
                CONFLUENCE_CLOUD,
                confluence.destinationBaseUrl().toString(),
                confluence.destinationCredentials().login(),
                cloud.toString()));
        server = TestServers.start("embedded-e2e", sites, Map.of());
    }

    @AfterAll
    static void stopConfluence() {
        if (server != null) {
            server.server().close();
            server = null;
        }
        if (confluence != null) {
            confluence.close();
        }
    }

    @Test
    void a_confluence_migration_is_mapped_through_the_same_api_and_its_status_names_what_the_cloud_site_lacks()
            throws Exception {
        // given
        var api = server.api();
        var body = "{\"product\":\"CONFLUENCE\",\"destinationURL\":\"" + CONFLUENCE_CLOUD + "\",\"sourceURL\":\""
                + CONFLUENCE_DC + "\"}";

        // when
        var jobId = api.post(BASE + "/trigger", bearer(TOKEN), body)
                .json()
                .get("jobId")
                .asString();
        var status = awaitFinished(api, jobId, TOKEN);

        // then
        assertThat(status.get("status").asString()).as(status.toString()).isEqualTo("SUCCESS");
        var warnings = status.get("warnings");
        assertThat(warnings.size()).as(status.toString()).isEqualTo(1);
        assertThat(warnings.get(0).get("side").asString()).isEqualTo("DESTINATION");
        assertThat(warnings.get(0).get("entityType").asString()).isEqualTo("identity:group");
        assertThat(warnings.get(0).get("request").asString()).startsWith("GET /wiki/rest/api/group");
        assertThat(warnings.get(0).get("answer").asString()).startsWith("HTTP 404");
        assertThat(status.get("result").has("notAvailable"))
                .as("the warnings are said once, at the top")
                .isFalse();
        var url = api.get(BASE + "/" + jobId + "/download", bearer(TOKEN))
                .json()
                .get("downloadUrl")
                .asString();
        String report;
        try (var http = HttpClient.newHttpClient()) {
            report = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        }
        var lines = Arrays.asList(report.split("\n"));
        assertThat(lines.getFirst()).isEqualTo("entityType,serverId,cloudId");
        assertThat(lines).anyMatch(line -> line.startsWith("confluence:page,"));
        var truth = new java.util.HashMap<String, String>();
        confluence.groundTruth().forEach(row -> truth.put(row.entityType() + "," + row.serverId(), row.cloudId()));
        var wrong = lines.subList(1, lines.size()).stream()
                .filter(row -> {
                    var cells = row.split(",", 3);
                    return !cells[2].equals(truth.get(cells[0] + "," + cells[1]));
                })
                .toList();
        assertThat(wrong)
                .as("report rows that contradict the simulator's ground truth")
                .isEmpty();
    }
}
