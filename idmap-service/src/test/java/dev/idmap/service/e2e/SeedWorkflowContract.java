package dev.idmap.service.e2e;

import static dev.idmap.testsupport.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.idmap.core.match.MatchRules;
import dev.idmap.core.match.MatchStatus;
import dev.idmap.core.report.DetailedReport;
import dev.idmap.core.report.DetailedRow;
import dev.idmap.core.storage.StagingStore;
import dev.idmap.sim.GroundTruthRow;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimSite;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import dev.idmap.testsupport.Api;
import dev.idmap.testsupport.Curl;
import dev.idmap.testsupport.TestServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Atlassian's documented workflow, driven by the real {@code curl} exactly as the documentation shows it (only the
 * host differs), against a running idmap server with the REAL engine ({@code StagedMappingEngine} and the Jira
 * connectors) crawling a simulated Data Center and Cloud site pair.
 */
abstract class SeedWorkflowContract {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TOKEN = TestServers.ALICE;

    static SimulatedMigration sim;
    static TestServers.Running server;

    @TempDir
    Path downloads;

    /** Starts the simulator and returns the site definitions that point idmap at it. */
    static List<Map<String, Object>> simulatedSites(Path secrets) throws IOException {
        sim = Simulator.start(SimConfig.defaults(SimProduct.JIRA));
        return sitesFor(sim, secrets);
    }

    /** Site definitions that point idmap at a simulated migration; secrets are written to files. */
    static List<Map<String, Object>> sitesFor(SimulatedMigration sim, Path secrets) throws IOException {
        var dc = Files.writeString(
                secrets.resolve("jira-dc.secret"), sim.sourceCredentials().secret());
        var cloud = Files.writeString(
                secrets.resolve("jira-cloud.secret"),
                sim.destinationCredentials().secret());
        return List.of(
                TestServers.site(
                        "jira-dc",
                        TestServers.SOURCE,
                        sim.sourceBaseUrl().toString(),
                        sim.sourceCredentials().login(),
                        dc.toString()),
                TestServers.site(
                        "jira-cloud",
                        TestServers.DESTINATION,
                        sim.destinationBaseUrl().toString(),
                        sim.destinationCredentials().login(),
                        cloud.toString()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.server().close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void the_documented_curl_workflow_produces_a_report_that_agrees_with_the_migration(CapturedOutput logs)
            throws Exception {
        var base = server.server().url() + "/migrations/reports/v1/id-mappings";

        // # Trigger Id Mapping job
        var trigger = Curl.run(
                downloads,
                "-X",
                "POST",
                base + "/trigger",
                "-H",
                "Authorization: Bearer " + TOKEN,
                "-H",
                "Content-Type: application/json",
                "-d",
                "{\"product\":\"JIRA\",\"destinationURL\":\"https://company.atlassian.net\",\"sourceURL\":\"https://jira.company.com\"}");
        var triggered = JSON.readTree(trigger.stdout());
        assertThat(triggered.get("status").asString()).isEqualTo("PENDING");
        var jobId = triggered.get("jobId").asString();

        // # Check job status (repeat until SUCCESS)
        var status = await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> JSON.readTree(Curl.run(
                                        downloads,
                                        "-X",
                                        "GET",
                                        base + "/" + jobId,
                                        "-H",
                                        "Authorization: Bearer " + TOKEN)
                                .stdout()),
                        json -> !json.get("status").asString().matches("PENDING|IN_PROGRESS"));
        assertThat(status.get("status").asString()).as(status.toString()).isEqualTo("SUCCESS");

        // # Get download URL
        var download = JSON.readTree(Curl.run(
                        downloads,
                        "-X",
                        "GET",
                        base + "/" + jobId + "/download",
                        "-H",
                        "Authorization: Bearer " + TOKEN)
                .stdout());
        assertThat(download.get("jobId").asString()).isEqualTo(jobId);
        assertThat(download.get("expiresIn").asLong()).isEqualTo(3600);

        // # Download the actual mapping file
        var fetched =
                Curl.run(downloads, "-f", "-O", download.get("downloadUrl").asString());
        assertThat(fetched.exitCode()).as(fetched.stderr()).isZero();
        var file = downloads.resolve("idmap-jira-" + jobId + ".csv");
        assertThat(file).exists();

        var lines = Files.readAllLines(file);
        assertThat(lines.getFirst()).isEqualTo("entityType,serverId,cloudId");
        assertThat(lines).hasSizeGreaterThan(10);
        assertThat(status.get("result").get("sha256").asString()).isEqualTo(sha256(file));
        assertAgreesWithGroundTruth(lines.subList(1, lines.size()));

        // and the sites' credentials are in no response, log line or report
        var detailed = JSON.readTree(Curl.run(
                        downloads,
                        "-X",
                        "GET",
                        base + "/" + jobId + "/download?format=detailed",
                        "-H",
                        "Authorization: Bearer " + TOKEN)
                .stdout());
        var detailedReport = Curl.run(
                        downloads, "-f", detailed.get("downloadUrl").asString())
                .stdout();
        var everything = String.join(
                "\n",
                logs.getAll(),
                trigger.stdout(),
                status.toString(),
                download.toString(),
                Files.readString(file),
                detailedReport);
        assertThat(logs.getAll()).contains(jobId);

        // and the finished job's staged entities and checkpoints were discarded
        var dataSource = server.bean(javax.sql.DataSource.class);
        var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(dataSource);
        var staging = new StagingStore(dataSource, MatchRules.standard(), java.time.InstantSource.system());
        await().atMost(Duration.ofSeconds(10)).until(() -> staging.stagedEntities(jobId) == 0L);
        assertThat(jdbc.sql("select count(*) from idmap_stage_part where run_id = ?")
                        .param(jobId)
                        .query(Long.class)
                        .single())
                .isZero();

        // and the requests sent to each site are in the metrics
        var metrics = server.api()
                .get("/actuator/prometheus", "Bearer " + TestServers.ADMIN)
                .body();
        assertThat(metrics)
                .containsPattern("idmap_outbound_requests_total\\{endpoint=\"[^\"]+\",site=\"jira-dc\"\\} [1-9]");
        assertThat(metrics)
                .containsPattern("idmap_outbound_requests_total\\{endpoint=\"[^\"]+\",site=\"jira-cloud\"\\} [1-9]");
        for (var credentials : List.of(sim.sourceCredentials(), sim.destinationCredentials())) {
            assertThat(everything)
                    .doesNotContain(credentials.secret())
                    .doesNotContain(credentials.basicAuthorization().substring("Basic ".length()));
        }
    }

    @Test
    void every_matched_row_of_the_detailed_report_is_looked_up_through_the_api_with_exactly_its_cloud_id()
            throws Exception {
        // given a finished job and its detailed report
        var api = server.api();
        var jobId = api.trigger(TestServers.BOB, Api.triggerBody(TestServers.SOURCE, TestServers.DESTINATION))
                .json()
                .get("jobId")
                .asString();
        var status = awaitFinished(api, jobId, TestServers.BOB);
        assertThat(status.get("status").asString()).as(status.toString()).isEqualTo("SUCCESS");
        var link = api.get(Api.BASE + "/" + jobId + "/download?format=detailed", bearer(TestServers.BOB))
                .json()
                .get("downloadUrl")
                .asString();
        var report = downloads.resolve("detailed.csv");
        assertThat(Curl.run(downloads, "-f", "-o", report.toString(), link).exitCode())
                .isZero();
        var rows = DetailedReport.readAll(report);
        var byType = rows.stream().collect(Collectors.groupingBy(DetailedRow::entityType));
        assertThat(byType.get("identity:user"))
                .as("users in the report")
                .anyMatch(r -> r.status() == MatchStatus.MATCHED);
        assertThat(byType.get("identity:group"))
                .as("groups in the report")
                .anyMatch(r -> r.status() == MatchStatus.MATCHED);

        // when every row is looked up by its server id (and users also by username), in batches of 1000
        var wrong = new ArrayList<String>();
        long looked = 0;
        for (var entry : byType.entrySet()) {
            var type = entry.getKey();
            for (int from = 0; from < entry.getValue().size(); from += 1000) {
                var batch =
                        entry.getValue().subList(from, Math.min(entry.getValue().size(), from + 1000));
                var answer = lookup(api, jobId, type, batch.stream().map(DetailedRow::serverId));
                looked += batch.size();
                batch.forEach(row -> wrong.addAll(disagreement(row, row.serverId(), answer)));
                if (type.equals("identity:user")) {
                    var named =
                            batch.stream().filter(r -> r.serverKey() != null).toList();
                    var byUsername = lookup(api, jobId, type, named.stream().map(DetailedRow::serverKey));
                    named.forEach(row -> wrong.addAll(disagreement(row, row.serverKey(), byUsername)));
                }
            }
        }

        // then each matched row gives exactly its Cloud id; the others say their status and reason
        assertThat(looked).isEqualTo(rows.size());
        assertThat(wrong)
                .as("rows the lookup API answers differently from the report")
                .isEmpty();
    }

    /** Polls the job's status until it is final, as a caller's script would. */
    static JsonNode awaitFinished(Api api, String jobId, String token) {
        return await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> api.get(Api.BASE + "/" + jobId, bearer(token)).json(),
                        json -> !json.get("status").asString().matches("PENDING|IN_PROGRESS"));
    }

    private static JsonNode lookup(Api api, String jobId, String type, java.util.stream.Stream<String> ids) {
        var body = JSON.createObjectNode().put("entityType", type);
        var array = body.putArray("serverIds");
        ids.forEach(array::add);
        var response = api.post(Api.BASE + "/" + jobId + "/mappings", bearer(TestServers.BOB), body.toString());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** What the lookup answered for {@code id} that differs from the report's row, if anything. */
    private static List<String> disagreement(DetailedRow row, String id, JsonNode answer) {
        var mapped = new ArrayList<String>();
        answer.get("mappings").forEach(m -> {
            if (m.get("serverId").asString().equals(row.serverId())) {
                mapped.add(m.get("cloudId").asString());
            }
        });
        var unresolved = new ArrayList<String>();
        answer.get("unresolved").forEach(u -> {
            if (u.get("id").asString().equals(id)) {
                unresolved.add(u.get("status").asString() + ": "
                        + (u.hasNonNull("reason") ? u.get("reason").asString() : null));
            }
        });
        var expected = row.status() == MatchStatus.MATCHED
                ? List.of(mapped.toString(), "[]")
                : List.of(
                        "[]", List.of(row.status().name() + ": " + row.reason()).toString());
        var actual = List.of(mapped.toString(), unresolved.toString());
        if (row.status() == MatchStatus.MATCHED && !mapped.equals(List.of(row.cloudId()))) {
            return List.of(row.entityType() + " " + id + ": report " + row.cloudId() + ", lookup " + actual);
        }
        return expected.equals(actual) ? List.of() : List.of(row.entityType() + " " + id + ": " + actual);
    }

    /** Every mapping idmap reports is one the simulated migration actually made. */
    static void assertAgreesWithGroundTruth(List<String> rows) {
        var truth = new HashMap<String, String>();
        for (GroundTruthRow row : sim.groundTruth()) {
            truth.put(row.entityType() + "," + row.serverId(), row.cloudId());
        }
        var wrong = rows.stream()
                .filter(row -> {
                    var cells = row.split(",", 3);
                    return !cells[2].equals(truth.get(cells[0] + "," + cells[1]));
                })
                .collect(Collectors.toList());
        var types = rows.stream().map(row -> row.split(",")[0]).collect(Collectors.toSet());
        assertThat(types).contains("jira:issue");
        assertThat(wrong)
                .as("report rows that contradict the simulator's ground truth")
                .isEmpty();
    }

    @Test
    void a_trigger_for_an_unconfigured_site_makes_no_outbound_request() throws Exception {
        try (var listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            // given
            listener.setSoTimeout(700);
            sim.resetRequestCounts();
            var unconfigured = "https://127.0.0.1:" + listener.getLocalPort();

            // when
            var response = server.api()
                    .trigger(TOKEN, dev.idmap.testsupport.Api.triggerBody(unconfigured, TestServers.DESTINATION));

            // then
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("is not a configured site");
            var contacted = false;
            try (var ignored = listener.accept()) {
                contacted = true;
            } catch (SocketTimeoutException expected) {
                // nobody came
            }
            assertThat(contacted).as("idmap connected to the unconfigured site").isFalse();
            assertThat(sim.requestCounts(SimSite.SOURCE)).isEmpty();
            assertThat(sim.requestCounts(SimSite.DESTINATION)).isEmpty();
        }
    }

    static String sha256(Path file) throws Exception {
        var digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        return java.util.HexFormat.of().formatHex(digest);
    }
}
