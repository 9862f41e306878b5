package dev.idmap.service.e2e;

import static dev.idmap.testsupport.Api.BASE;
import static dev.idmap.testsupport.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimSite;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import dev.idmap.testsupport.Api;
import dev.idmap.testsupport.TestServers;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a caller polling a job sees, against a real server with the real engine crawling a slow simulated migration:
 * one overall percentage that never goes back, the phase's own beside it, the source entities processed once done,
 * and failures that name the sites as the caller configured them, never their internal {@code connect-url}.
 */
class JobProgressTest {

    static final String TOKEN = TestServers.ALICE;
    /** Known to callers; reached through a connect-url on a loopback port nobody listens on. */
    static final String BEHIND_PROXY = "https://jira-behind-proxy.company.com";

    static SimulatedMigration sim;
    static TestServers.Running server;
    static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(
                SimConfig.builder(SimProduct.JIRA).latency(Duration.ofMillis(4)).build());
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var secrets = Files.createTempDirectory("idmap-progress-secrets");
        var sites = new ArrayList<>(SeedWorkflowContract.sitesFor(sim, secrets));
        sites.add(TestServers.site("jira-behind-proxy", BEHIND_PROXY, "http://127.0.0.1:" + closedPort + "/jira"));
        server = TestServers.start("progress", sites, Map.of());
    }

    @AfterAll
    static void stop() {
        server.server().close();
        sim.close();
    }

    @Test
    void the_overall_percentage_never_goes_back_and_reaches_100_with_the_source_entities_counted() {
        // given
        var api = server.api();
        var jobId = trigger(api, TestServers.SOURCE);

        // when the caller polls until the job ends
        var seen = new ArrayList<JsonNode>();
        var deadline = Instant.now().plus(Duration.ofMinutes(3));
        JsonNode status;
        do {
            status = api.get(BASE + "/" + jobId, bearer(TOKEN)).json();
            seen.add(status.get("progress"));
            sleep(40);
        } while (status.get("status").asString().matches("PENDING|IN_PROGRESS")
                && Instant.now().isBefore(deadline));

        // then
        assertThat(status.get("status").asString()).as(status.toString()).isEqualTo("SUCCESS");
        var percents = seen.stream().map(p -> p.get("percent").asInt()).toList();
        var phases =
                seen.stream().map(p -> p.get("phase").asString()).distinct().toList();
        assertThat(phases).as("the poll saw several phases").contains("CRAWL").hasSizeGreaterThan(2);
        assertThat(percents).as("overall percentages seen, in polling order").isSortedAccordingTo(Integer::compare);
        assertThat(percents.getLast()).isEqualTo(100);
        assertThat(seen)
                .as("the phase's own percentage is there beside the overall one")
                .allSatisfy(progress -> {
                    assertThat(progress.get("phasePercent").isInt()).isTrue();
                    assertThat(progress.get("phasePercent").asInt()).isBetween(0, 100);
                });
        assertThat(seen.stream()
                        .anyMatch(p ->
                                p.get("phasePercent").asInt() > p.get("percent").asInt()))
                .as("during the crawl the phase is further along than the whole job")
                .isTrue();
        var progress = status.get("progress");
        assertThat(progress.get("phasePercent").asInt()).isEqualTo(100);
        assertThat(progress.get("entitiesProcessed").asLong())
                .as("source entities processed: one row each in the detailed report")
                .isPositive()
                .isEqualTo(status.get("result").get("rows").asLong());
    }

    @Test
    void a_new_job_for_the_same_sites_crawls_them_again() {
        // given a finished job for these sites
        var api = server.api();
        var first = SeedWorkflowContract.awaitFinished(api, trigger(api, TestServers.SOURCE), TOKEN);
        assertThat(first.get("status").asString()).isEqualTo("SUCCESS");
        sim.resetRequestCounts();

        // when the same trigger comes again
        var second = SeedWorkflowContract.awaitFinished(api, trigger(api, TestServers.SOURCE), TOKEN);

        // then it is a new crawl of both sites, not the first job's data again
        assertThat(second.get("status").asString()).isEqualTo("SUCCESS");
        assertThat(second.get("jobId").asString())
                .isNotEqualTo(first.get("jobId").asString());
        assertThat(sim.requestCounts(SimSite.SOURCE)).containsKey("GET /rest/api/2/search");
        assertThat(sim.requestCounts(SimSite.DESTINATION)).containsKey("GET /rest/api/3/search/jql");
        assertThat(second.get("result").get("rows").asLong())
                .isEqualTo(first.get("result").get("rows").asLong());
    }

    @Test
    void a_failed_job_names_the_site_by_its_configured_url_never_by_its_connect_url() {
        // given a source reached through a connect-url that refuses connections
        var api = server.api();
        var jobId = trigger(api, BEHIND_PROXY);

        // when
        var status = SeedWorkflowContract.awaitFinished(api, jobId, TOKEN);

        // then
        assertThat(status.get("status").asString()).isEqualTo("ERROR");
        var message = status.get("errorMessage").asString();
        assertThat(message)
                .startsWith("Report generation failed: Jira source (Data Center) site " + BEHIND_PROXY + ": GET "
                        + BEHIND_PROXY + "/rest/api/2/myself failed: connection refused by its connect-url")
                .doesNotContain("127.0.0.1")
                .doesNotContain(Integer.toString(closedPort));
    }

    private static String trigger(Api api, String source) {
        var body = "{\"product\":\"JIRA\",\"destinationURL\":\"" + TestServers.DESTINATION + "\",\"sourceURL\":\""
                + source + "\"}";
        var answer = api.post(BASE + "/trigger", bearer(TOKEN), body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.json().get("jobId").asString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
