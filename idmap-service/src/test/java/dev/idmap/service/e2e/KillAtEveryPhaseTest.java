package dev.idmap.service.e2e;

import static dev.idmap.service.e2e.RestartMidJobTest.awaitFinal;
import static dev.idmap.service.e2e.RestartMidJobTest.awaitReady;
import static dev.idmap.service.e2e.RestartMidJobTest.download;
import static dev.idmap.service.e2e.RestartMidJobTest.freePort;
import static dev.idmap.service.e2e.RestartMidJobTest.status;
import static dev.idmap.testsupport.Api.BASE;
import static dev.idmap.testsupport.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.idmap.core.storage.StagedTables;
import dev.idmap.core.storage.embedded.EmbeddedPostgres;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimScale;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import dev.idmap.testsupport.Api;
import dev.idmap.testsupport.KillSwitchServer;
import dev.idmap.testsupport.KillSwitchServer.KillPoint;
import dev.idmap.testsupport.ServerProcesses;
import dev.idmap.testsupport.TestServers;
import dev.idmap.testsupport.ThrowawayPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One job survives {@code kill -9} at every phase, on the embedded default (the PostgreSQL server idmap runs itself,
 * whose postmaster each kill leaves behind for the next start to stop) and on a PostgreSQL of its own: the server
 * process is killed right after it answered 202, then (each time started again on the same database) during the
 * crawl, during matching, before the reports are written and after SUCCESS before its staged data is discarded.
 * Started once more, it has the job SUCCESS with the report of an uninterrupted run, byte for byte, and no staged
 * data left. The last life also cancels a job while another runs (embedded), or restarts PostgreSQL under a running
 * job, and ends with SIGTERM, which must stop the server (and the embedded database) gracefully.
 */
class KillAtEveryPhaseTest {

    static SimulatedMigration sim;

    @TempDir
    Path temp;

    Process process;
    Path config;
    ThrowawayPostgres postgres;
    final List<String> lives = new ArrayList<>();

    @BeforeAll
    static void simulate() {
        // a small pair: the kill points are reached in order by the kill switch, not by timing
        sim = Simulator.start(SimConfig.builder(SimProduct.JIRA)
                .scale(SimScale.parse("small,projects=4"))
                .build());
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @AfterEach
    void stop() {
        if (config != null) {
            ServerProcesses.stopAndDelete(process, config.getParent());
        }
        if (postgres != null) {
            postgres.close();
        }
        System.out.println("KillAtEveryPhaseTest: " + lives);
    }

    @Test
    void on_the_embedded_default_a_job_survives_kill_9_at_every_phase_and_a_cancel_breaks_nothing() throws Exception {
        config = TestServers.writeConfig("kill-embedded", SeedWorkflowContract.sitesFor(sim, temp));
        var port = freePort();
        var api = new Api("http://127.0.0.1:" + port);

        var jobId = survivesEveryKill(config, port, List.of(), api);

        // the last life: the job is there and SUCCESS; a reference job runs beside a job that is cancelled
        process = start(config, port, List.of(), null, "last");
        awaitReady(api);
        var resumed = awaitFinal(api, TestServers.ALICE, jobId);
        var reference = api.trigger(TestServers.BOB).json().get("jobId").asString();
        var doomed = api.trigger(TestServers.FLOOD).json().get("jobId").asString();
        awaitCrawling(api, TestServers.FLOOD, doomed);
        var cancel = api.post(BASE + "/" + doomed + "/cancel", bearer(TestServers.ADMIN), "");
        var uninterrupted = awaitFinal(api, TestServers.BOB, reference);

        assertThat(cancel.status()).isEqualTo(200);
        assertThat(awaitFinal(api, TestServers.FLOOD, doomed)
                        .get("errorMessage")
                        .asString())
                .startsWith("Job was cancelled by admin");
        assertSameReport(api, jobId, resumed, reference, uninterrupted);
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        stopGracefully();
        // every life after a kill found the postmaster the killed one had left, and stopped it; SIGTERM stopped the
        // last
        for (var life : List.of("crawl", "match", "report", "cleanup", "last")) {
            assertThat(Files.readString(temp.resolve(life + ".log")))
                    .as(life)
                    .contains("first stopped the server a killed idmap had left running");
        }
        var database = config.getParent().resolve("data/postgres");
        assertThat(database.resolve("data/postmaster.pid")).doesNotExist();
        try (var postgres = EmbeddedPostgres.start(database, 2)) {
            assertNothingStaged(
                    postgres.jdbcUrl(), postgres.user(), postgres.password(), List.of(jobId, reference, doomed));
        }
    }

    @Test
    void on_postgresql_a_job_survives_kill_9_at_every_phase_and_a_database_restart() throws Exception {
        postgres = ThrowawayPostgres.start();
        var database = List.of(
                "--idmap.database.url=" + postgres.jdbcUrl(),
                "--idmap.database.username=" + postgres.user(),
                "--idmap.database.password=");
        config = TestServers.writeConfig("kill-pg", SeedWorkflowContract.sitesFor(sim, temp));
        var port = freePort();
        var api = new Api("http://127.0.0.1:" + port);

        var jobId = survivesEveryKill(config, port, database, api);

        // the last life: the job is SUCCESS; PostgreSQL is restarted while the reference job crawls
        process = start(config, port, database, null, "last");
        awaitReady(api);
        var resumed = awaitFinal(api, TestServers.ALICE, jobId);
        var reference = api.trigger(TestServers.BOB).json().get("jobId").asString();
        awaitCrawling(api, TestServers.BOB, reference);
        postgres.stopServer();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/actuator/health/readiness", null).status() == 503);
        var duringOutage = api.get(BASE + "/" + reference, bearer(TestServers.BOB));
        // the outage lasts until the job has met it: a crawl between two writes may not touch the database for a
        // while on a loaded machine, and an outage it never saw would prove nothing
        var lastLog = temp.resolve("last.log");
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Files.readString(lastLog)
                        .contains("job " + reference + " paused: the database is unreachable"));
        postgres.startServer();
        var uninterrupted = awaitFinal(api, TestServers.BOB, reference);

        assertThat(duringOutage.status()).isEqualTo(503);
        assertThat(duringOutage.json().get("id").asString()).isEqualTo(duringOutage.header("X-Request-Id"));
        assertSameReport(api, jobId, resumed, reference, uninterrupted);
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        stopGracefully();
        // the job paused and continued; nothing of it reached the scheduler (its own polling may log the outage)
        assertThat(Files.readString(lastLog))
                .contains("job " + reference + " paused: the database is unreachable")
                .contains("job " + reference + " continues: the database is reachable again")
                .doesNotContain("job " + reference + " failed")
                .doesNotContain("ended with ERROR");
        assertNothingStaged(postgres.jdbcUrl(), postgres.user(), "", List.of(jobId, reference));
    }

    /** Triggers a job, kills the server right after the 202, then once at every kill point; returns the job id. */
    private String survivesEveryKill(Path config, int port, List<String> database, Api api) throws Exception {
        process = start(config, port, database, null, "accepted");
        awaitReady(api);
        var triggered = api.trigger(TestServers.ALICE);
        process.destroyForcibly().waitFor(); // kill -9 right after the 202
        lives.add("killed right after 202");
        assertThat(triggered.status()).isEqualTo(202);
        var jobId = triggered.json().get("jobId").asString();

        for (var point : KillPoint.values()) {
            var begin = System.nanoTime();
            process = start(config, port, database, point, point.name().toLowerCase());
            assertThat(process.waitFor(3, TimeUnit.MINUTES))
                    .as("the server killed itself at " + point)
                    .isTrue();
            var log = Files.readString(temp.resolve(point.name().toLowerCase() + ".log"));
            assertThat(process.exitValue()).as(log).isEqualTo(137);
            assertThat(log).contains("KillSwitchServer: kill -9 at " + point);
            // how long the restarted server took to resume the job up to this point (a figure, not an assertion)
            lives.add("killed at " + point + " after " + (System.nanoTime() - begin) / 1_000_000 + " ms");
        }
        return jobId;
    }

    private static void assertSameReport(
            Api api,
            String jobId,
            tools.jackson.databind.JsonNode resumed,
            String reference,
            tools.jackson.databind.JsonNode uninterrupted)
            throws Exception {
        assertThat(resumed.get("status").asString()).as(resumed.toString()).isEqualTo("SUCCESS");
        assertThat(uninterrupted.get("status").asString())
                .as(uninterrupted.toString())
                .isEqualTo("SUCCESS");
        assertThat(resumed.get("result").get("sha256").asString())
                .isEqualTo(uninterrupted.get("result").get("sha256").asString());
        assertThat(download(api, TestServers.ALICE, jobId)).isEqualTo(download(api, TestServers.BOB, reference));
    }

    private static void awaitCrawling(Api api, String token, String jobId) {
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> status(api, token, jobId),
                        json -> json != null
                                && json.has("progress")
                                && json.get("progress").get("partsDone").asInt() >= 2);
    }

    /** SIGTERM: the server must exit by itself, well before it would have to be killed. */
    private void stopGracefully() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("exited after SIGTERM")
                .isTrue();
        lives.add("stopped by SIGTERM, exit " + process.exitValue());
    }

    private static void assertNothingStaged(String url, String user, String password, List<String> runIds)
            throws SQLException {
        try (var connection = DriverManager.getConnection(url, user, password);
                var statement = connection.prepareStatement("select (select count(*) from idmap_stage_part"
                        + " where run_id = ?) + (case when to_regclass(?) is null then 0 else 1 end)")) {
            for (var runId : runIds) {
                statement.setString(1, runId);
                // the run's own entity table, dropped with the run
                statement.setString(2, StagedTables.of(runId, true).entity());
                try (var result = statement.executeQuery()) {
                    result.next();
                    assertThat(result.getLong(1)).as("rows staged for " + runId).isZero();
                }
            }
        }
    }

    private Process start(Path config, int port, List<String> database, KillPoint killAt, String life)
            throws IOException {
        var java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<>(List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                KillSwitchServer.class.getName(),
                "--config",
                config.toString(),
                "--idmap.server.port=" + port,
                "--db-scheduler.polling-interval=200ms"));
        command.addAll(database);
        if (killAt != null) {
            command.add("--kill-at=" + killAt);
        }
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve(life + ".log").toFile())
                .start();
    }
}
