package dev.idmap.service.console;

import static dev.idmap.testsupport.Api.BASE;
import static dev.idmap.testsupport.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.idmap.service.accesslog.AccessLog;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import dev.idmap.testsupport.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console driven by a real browser: headless Chromium (Debian's {@code chromium}) through {@code playwright-core}
 * ({@code src/test/browser/console.mjs}), against idmap with the real engine on a simulated Jira migration. A person
 * signs in with their API credentials, triggers a job, watches it finish without reloading, browses its unmatched
 * rows, downloads the report and looks up an id. Screenshots of every page are written to
 * {@code target/browser-screenshots/}. The test fails, never skips, when the browser or the npm package is missing.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleInBrowserTest {

    static final Path SCRIPT_DIR = Path.of("src", "test", "browser");
    static final Path SHOTS = Path.of("target", "browser-screenshots");
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** The type whose unmatched and ambiguous rows are browsed: more than a page of them, some ambiguous. */
    static final String BROWSE_TYPE = "jira:comment";

    static SimulatedMigration sim;
    static TestServers.Running server;

    @BeforeAll
    static void start() throws IOException {
        requireBrowser();
        // latency on every simulated request, so that the job runs long enough to be watched
        sim = Simulator.start(
                SimConfig.builder(SimProduct.JIRA).latency(Duration.ofMillis(5)).build());
        var secrets = Files.createTempDirectory("idmap-console-secrets");
        var dc = Files.writeString(
                secrets.resolve("dc.secret"), sim.sourceCredentials().secret());
        var cloud = Files.writeString(
                secrets.resolve("cloud.secret"), sim.destinationCredentials().secret());
        server = TestServers.start(
                "console-browser",
                List.of(
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
                                cloud.toString())),
                Map.of("idmap.api.swagger-ui-public", "true"));
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
    void an_administrator_signs_in_triggers_watches_browses_downloads_and_looks_up(CapturedOutput logs)
            throws Exception {
        // given a migrated issue of the simulated migration
        var issue = sim.groundTruth().stream()
                .filter(row -> row.entityType().equals("jira:issue") && row.migrated())
                .findFirst()
                .orElseThrow();
        FileUtils.deleteDirectory(SHOTS.toFile());
        var downloads = Files.createTempDirectory("idmap-console-downloads");

        // when bob drives the console with his API credentials (Basic user name and API token)
        var report = runScript(Map.of(
                "IDMAP_URL", server.server().url(),
                "IDMAP_USER", TestServers.BOB_USER,
                "IDMAP_SECRET", TestServers.BOB_PASSWORD,
                "SHOTS_DIR", SHOTS.toAbsolutePath().toString(),
                "DOWNLOAD_DIR", downloads.toString(),
                "LOOKUP_SERVER_ID", issue.serverId(),
                "BROWSE_TYPE", BROWSE_TYPE));

        // then the job was watched from running to done on one page
        assertThat(report.get("statusAtLoad").asString()).isIn("PENDING", "IN_PROGRESS");
        assertThat(report.get("finishedWithoutReload").asBoolean()).isTrue();
        assertThat(report.get("cancelHidden").asBoolean()).isTrue();
        assertThat(report.get("percentAtEnd").asInt()).isEqualTo(100);
        var jobId = report.get("jobId").asString();
        var status =
                server.api().get(BASE + "/" + jobId, bearer(TestServers.ADMIN)).json();
        assertThat(status.get("status").asString()).isEqualTo("SUCCESS");

        // and the rows browsed were the unmatched or ambiguous ones of the chosen type, a page of 50 at a time;
        // ambiguous ones with their candidates; and a search of a reason found only rows with that reason
        var expected = status.get("result").get("countsPerType").get(BROWSE_TYPE);
        var notMatched =
                expected.get("UNMATCHED").asInt() + expected.get("AMBIGUOUS").asInt();
        assertThat(notMatched).as("the scenario has more than a page of them").isGreaterThan(JobPage.ROWS_PER_PAGE);
        assertThat(report.get("selectedType").asString()).isEqualTo(BROWSE_TYPE);
        var firstPage = report.get("firstPage");
        assertThat(firstPage.get("count").asInt()).isEqualTo(JobPage.ROWS_PER_PAGE);
        assertThat(strings(firstPage.get("types"))).containsExactly(BROWSE_TYPE);
        assertThat(strings(firstPage.get("statuses"))).isSubsetOf("UNMATCHED", "AMBIGUOUS");
        assertThat(report.get("secondPage").get("count").asInt()).isEqualTo(notMatched - JobPage.ROWS_PER_PAGE);
        assertThat(strings(report.get("ambiguous").get("statuses"))).containsExactly("AMBIGUOUS");
        assertThat(strings(report.get("ambiguous").get("candidates")))
                .hasSize(expected.get("AMBIGUOUS").asInt())
                .allMatch(candidates -> candidates.contains(", "));
        assertThat(strings(report.get("searchHits")))
                .isNotEmpty()
                .allMatch(reason -> reason.contains(report.get("searchedFor").asString()));

        // and the downloaded report is the job's compatible report
        var downloaded = Path.of(report.get("downloadPath").asString());
        assertThat(report.get("downloadName").asString()).isEqualTo("idmap-jira-" + jobId + ".csv");
        assertThat(Files.readAllLines(downloaded).getFirst()).isEqualTo("entityType,serverId,cloudId");
        assertThat(sha256(downloaded))
                .isEqualTo(status.get("result").get("sha256").asString());

        // and looking up the issue's server id, then its key, found the Cloud id the migration gave it
        for (var lookup : List.of(report.get("lookupById"), report.get("lookupByKey"))) {
            assertThat(lookup).hasSize(1);
            assertThat(lookup.get(0).get(0).asString()).isEqualTo("jira:issue");
            assertThat(lookup.get(0).get(1).asString()).isEqualTo(issue.serverId());
            assertThat(lookup.get(0).get(2).asString()).isEqualTo(issue.cloudId());
            assertThat(lookup.get(0).get(3).asString()).isEqualTo("MATCHED");
        }

        // and the jobs page lists bob's finished job; signing out ends the session
        assertThat(report.get("jobsListed").asInt()).isEqualTo(1);
        assertThat(report.get("listedStatus").asString()).isEqualTo("SUCCESS");
        assertThat(report.get("afterSignOut").asString()).isEqualTo("/console/login");

        // and the second job was cancelled from its page, by bob
        var cancelled = report.get("cancelled");
        assertThat(report.get("secondJobId").asString()).isNotEqualTo(jobId);
        assertThat(cancelled.get("label").asString()).isEqualTo("Cancelled");
        assertThat(cancelled.get("status").asString()).isEqualTo("ERROR");
        assertThat(cancelled.get("message").asString()).startsWith("Job was cancelled by bob at ");
        assertThat(strings(report.get("consoleErrors")))
                .as("browser console errors (script errors, blocked content)")
                .isEmpty();

        // and Swagger UI (public by this server's configuration) rendered the document; nothing came from elsewhere
        assertThat(report.get("swaggerTitle").asString()).startsWith("idmap: Id Mapping API");
        assertThat(strings(report.get("origins")))
                .containsExactly(server.server().url());

        // and every page was photographed
        try (var files = Files.list(SHOTS)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .hasSize(13)
                    .allMatch(name -> name.endsWith(".png"));
        }

        // and the access log has a line per request, with the request id and bob's name, and no secret
        assertThat(logs.getAll())
                .containsPattern("method=GET path=/console/jobs/" + jobId
                        + "/progress status=200 durationMs=\\d+ requestId=[0-9a-f-]{36} caller=bob");
        assertThat(logs.getAll()).contains(AccessLog.LOGGER).doesNotContain(TestServers.BOB_PASSWORD);
    }

    private static JsonNode runScript(Map<String, String> environment) throws Exception {
        var out = Files.createTempFile("idmap-console-browser", ".out");
        var err = Files.createTempFile("idmap-console-browser", ".err");
        var process = new ProcessBuilder("node", "console.mjs");
        process.directory(SCRIPT_DIR.toFile());
        process.environment().putAll(environment);
        process.environment().put("CHROMIUM", chromium().toString());
        process.redirectOutput(out.toFile()).redirectError(err.toFile());
        var running = process.start();
        if (!running.waitFor(4, TimeUnit.MINUTES)) {
            running.destroyForcibly();
            fail("the browser script did not finish in 4 minutes; stderr:\n" + Files.readString(err));
        }
        var stdout = Files.readAllLines(out);
        assertThat(running.exitValue())
                .as("browser script exit code; stderr:\n%s\nstdout:\n%s", Files.readString(err), stdout)
                .isZero();
        return JSON.readTree(stdout.getLast());
    }

    /**
     * Debian's chromium and node must be there ({@code .ci/run} installs them); the pinned npm package is installed
     * from the lock file when it is missing.
     */
    static void requireBrowser() throws IOException {
        if (!Files.isExecutable(chromium())) {
            fail("Chromium is missing at " + chromium() + ": install Debian's package (apt-get install -y chromium)"
                    + " or set IDMAP_CHROMIUM; .ci/run installs it");
        }
        if (!Files.isDirectory(SCRIPT_DIR.resolve("node_modules").resolve("playwright-core"))) {
            try {
                var npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                        .directory(SCRIPT_DIR.toFile())
                        .inheritIO()
                        .start();
                if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                    fail("`npm ci` in idmap-service/src/test/browser failed; run it by hand to see why");
                }
            } catch (IOException e) {
                fail("node and npm are needed for the browser test (apt-get install -y nodejs npm): " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while installing playwright-core");
            }
        }
    }

    static Path chromium() {
        var configured = System.getenv("IDMAP_CHROMIUM");
        return Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
