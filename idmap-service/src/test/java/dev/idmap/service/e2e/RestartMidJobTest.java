package dev.idmap.service.e2e;

import static dev.idmap.testsupport.Api.BASE;
import static dev.idmap.testsupport.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimSite;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import dev.idmap.testsupport.Api;
import dev.idmap.testsupport.ServerProcesses;
import dev.idmap.testsupport.TestServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Kills the server process (SIGKILL) while the real engine is crawling, starts it again on the same embedded
 * database, and checks that the job continues from its checkpoints to the same report, byte for byte, as an
 * uninterrupted run.
 */
class RestartMidJobTest {

    @TempDir
    Path temp;

    SimulatedMigration sim;
    Process process;
    Path config;

    @AfterEach
    void stop() {
        if (config != null) {
            ServerProcesses.stopAndDelete(process, config.getParent());
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void a_job_killed_mid_crawl_completes_after_restart_with_a_byte_identical_report() throws Exception {
        // given: a server process crawling a slow simulated site
        sim = Simulator.start(
                SimConfig.builder(SimProduct.JIRA).latency(Duration.ofMillis(3)).build());
        config = TestServers.writeConfig("restart", SeedWorkflowContract.sitesFor(sim, temp));
        var port = freePort();
        process = startServer(config, port, temp.resolve("first.log"));
        var api = new Api("http://127.0.0.1:" + port);
        awaitReady(api);
        mark("server ready");
        var jobId = api.trigger(TestServers.ALICE).json().get("jobId").asString();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    // three quarters of the parts checkpointed
                    var progress = status(api, TestServers.ALICE, jobId).get("progress");
                    lastProgress = String.valueOf(progress);
                    return progress != null
                            && progress.get("partsTotal").asInt() > 0
                            && progress.get("partsDone").asInt()
                                    >= progress.get("partsTotal").asInt() / 2;
                });

        // when: killed without warning, then started again
        process.destroyForcibly().waitFor();
        mark("killed at " + lastProgress);
        assertThat(status(api, TestServers.ALICE, jobId)).isNull();
        mark("killed");
        sim.resetRequestCounts();
        process = startServer(config, port, temp.resolve("second.log"));
        awaitReady(api);
        mark("restarted");
        var resumed = awaitFinal(api, TestServers.ALICE, jobId);
        mark("resumed job final");
        long resumedRequests = requests();

        // then: the same job finished, with the report of an uninterrupted run
        assertThat(resumed.get("status").asString()).as(resumed.toString()).isEqualTo("SUCCESS");
        sim.resetRequestCounts();
        var reference = api.trigger(TestServers.BOB).json().get("jobId").asString();
        var uninterrupted = awaitFinal(api, TestServers.BOB, reference);
        long fullRequests = requests();
        mark("reference job final");
        assertThat(uninterrupted.get("status").asString()).isEqualTo("SUCCESS");
        assertThat(resumed.get("result").get("sha256").asString())
                .isEqualTo(uninterrupted.get("result").get("sha256").asString());
        assertThat(download(api, TestServers.ALICE, jobId)).isEqualTo(download(api, TestServers.BOB, reference));
        mark("requests: resumed " + resumedRequests + ", full " + fullRequests);
        assertThat(resumedRequests)
                .as("requests of the resumed run vs a full run")
                .isPositive()
                .isLessThan(fullRequests);
    }

    private final long started = System.nanoTime();
    private volatile String lastProgress;

    void mark(String what) {
        System.out.printf("RestartMidJobTest: %s after %d s%n", what, (System.nanoTime() - started) / 1_000_000_000L);
    }

    long requests() {
        return sim.requestCounts(SimSite.SOURCE).values().stream()
                        .mapToLong(Long::longValue)
                        .sum()
                + sim.requestCounts(SimSite.DESTINATION).values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
    }

    static Process startServer(Path config, int port, Path log) throws IOException {
        var java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(List.of(
                        java,
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.idmap.service.IdmapServer",
                        "--config",
                        config.toString(),
                        "--idmap.server.port=" + port,
                        // one crawl worker: parts finish in plan order, so the kill point is reproducible
                        "--idmap.jobs.crawl-workers=1",
                        "--db-scheduler.polling-interval=200ms"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    static void awaitReady(Api api) {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> api.get("/actuator/health/readiness", null).status() == 200);
    }

    static JsonNode status(Api api, String token, String jobId) {
        try {
            return api.get(BASE + "/" + jobId, bearer(token)).json();
        } catch (RuntimeException e) {
            return null; // the server is down
        }
    }

    static JsonNode awaitFinal(Api api, String token, String jobId) {
        return await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> status(api, token, jobId),
                        json -> json != null && !json.get("status").asString().matches("PENDING|IN_PROGRESS"));
    }

    static byte[] download(Api api, String token, String jobId) throws Exception {
        var url = api.get(BASE + "/" + jobId + "/download", bearer(token))
                .json()
                .get("downloadUrl")
                .asString();
        try (var http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray())
                    .body();
        }
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
