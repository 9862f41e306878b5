package dev.idmap.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.cli.Environment;
import dev.idmap.cli.IdmapCommand;
import dev.idmap.cli.testing.SimulatedService;
import dev.idmap.service.security.SecretHash;
import dev.idmap.sim.SimProduct;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client commands, in-process, against a real running service on simulated sites: each command's output and
 * each documented exit code.
 */
class ClientCommandsTest {

    static SimulatedService service;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @BeforeAll
    static void started() {
        service = SimulatedService.shared();
    }

    record Run(int exitCode, String out, String err) {}

    static Run idmap(String stdin, Map<String, String> variables, Path configDir, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = IdmapCommand.commandLine(new Environment(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                variables::get,
                configDir,
                false,
                Clock.systemUTC()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return new Run(commandLine.execute(args), out.toString(), err.toString());
    }

    /** A client command on the test service, as the test caller. */
    static Run client(String... args) {
        return clientWithStdin("", args);
    }

    static Run clientWithStdin(String stdin, String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--server", service.url(), "--token-file", service.tokenFile().toString()));
        return idmap(stdin, Map.of(), Path.of("/nonexistent"), all.toArray(String[]::new));
    }

    static String[] target(SimProduct product) {
        return new String[] {
            "--product", product.name(),
            "--source", SimulatedService.sourceUrl(product),
            "--destination", SimulatedService.destinationUrl(product)
        };
    }

    static String[] concat(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void run_with_stdout_piped_prints_one_plain_line_per_change_then_downloads_verifies_and_summarises()
            throws IOException {
        // given
        var report = dir.resolve("confluence.csv");

        // when
        var run = client(concat(
                concat(new String[] {"run"}, target(SimProduct.CONFLUENCE)),
                "-o",
                report.toString(),
                "--interval",
                "100ms"));

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        var lines = run.out().lines().toList();
        var jobId = lines.get(0).split(" ")[1];
        assertThat(lines.get(0)).isEqualTo("job " + jobId + " PENDING");
        var progress = lines.subList(1, lines.size() - 2);
        assertThat(progress)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line)
                        .matches(jobId + " (PENDING|IN_PROGRESS|SUCCESS)( [A-Z_]+ [0-9]{1,3}%)?( [0-9]+ entities)?"));
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i)).as("a line per change").isNotEqualTo(progress.get(i - 1));
        }
        assertThat(progress.getLast()).startsWith(jobId + " SUCCESS DONE 100%");
        var status = service.client().status(jobId);
        var result = status.body().path("result");
        assertThat(lines.get(lines.size() - 2))
                .isEqualTo(result.path("rows").asLong() + " source entities: "
                        + result.path("matched").asLong()
                        + " matched, " + result.path("unmatched").asLong() + " unmatched, "
                        + result.path("ambiguous").asLong() + " ambiguous");
        assertThat(lines.getLast()).isEqualTo("report: " + report + " (SHA-256 " + status.sha256(false) + " verified)");
        assertThat(Downloads.sha256(report)).isEqualTo(status.sha256(false));
        assertThat(Files.readString(report)).startsWith("entityType,serverId,cloudId\n");
    }

    @Test
    void run_has_a_distinct_exit_code_for_each_way_it_ends() throws IOException {
        var wrongToken = Files.writeString(dir.resolve("wrong"), "not-the-token\n");
        var refused = idmap(
                "",
                Map.of(),
                Path.of("/nonexistent"),
                concat(
                        concat(new String[] {"run"}, target(SimProduct.JIRA)),
                        "--server",
                        service.url(),
                        "--token-file",
                        wrongToken.toString()));
        assertThat(refused.exitCode()).isEqualTo(4);
        assertThat(refused.err()).startsWith("idmap run: the service answered 401: ");

        var unreachable = idmap(
                "",
                Map.of(),
                Path.of("/nonexistent"),
                concat(
                        concat(new String[] {"run"}, target(SimProduct.JIRA)),
                        "--server",
                        "http://127.0.0.1:9",
                        "--token-file",
                        wrongToken.toString()));
        assertThat(unreachable.exitCode()).isEqualTo(4);
        assertThat(unreachable.err())
                .isEqualTo("idmap run: cannot reach idmap at http://127.0.0.1:9 (ConnectException)\n");

        var noServer = idmap("", Map.of(), dir, concat(new String[] {"run"}, target(SimProduct.JIRA)));
        assertThat(noServer.exitCode()).isEqualTo(2);
        assertThat(noServer.err())
                .startsWith("no service to talk to: give --server URL, set IDMAP_URL, or write" + " server=URL in "
                        + dir.resolve("config.properties") + "\n");

        var failed = client(
                "run",
                "--product",
                "JIRA",
                "--source",
                SimulatedService.BROKEN_SOURCE,
                "--destination",
                SimulatedService.destinationUrl(SimProduct.JIRA),
                "--interval",
                "100ms");
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.err()).startsWith("idmap run: job ").contains(" ended in ERROR: ");

        var badRequest = client(
                "run",
                "--product",
                "JIRA",
                "--source",
                "https://not.configured.example",
                "--destination",
                SimulatedService.destinationUrl(SimProduct.JIRA));
        assertThat(badRequest.exitCode()).isEqualTo(2);
        assertThat(badRequest.err()).startsWith("idmap run: the service answered 400: ");
    }

    @Test
    void run_gives_up_after_its_timeout_and_cancel_ends_the_job() {
        // when
        var timedOut = client(concat(concat(new String[] {"run"}, target(SimProduct.JIRA)), "--timeout", "1ms"));

        // then
        assertThat(timedOut.exitCode()).isEqualTo(5);
        assertThat(timedOut.err()).contains("gave up waiting for job ");
        var jobId = timedOut.out().lines().findFirst().orElseThrow().split(" ")[1];

        // when
        var cancelled = client("cancel", jobId, "--json");

        // then
        if (cancelled.exitCode() == 0) {
            assertThat(JSON.readTree(cancelled.out()).path("status").asString()).isEqualTo("ERROR");
            var again = client("cancel", jobId);
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).startsWith("idmap cancel: the service answered 409: ");
        } else { // the small simulated job finished before the cancel arrived
            assertThat(cancelled.err()).startsWith("idmap cancel: the service answered 409: ");
        }
        var watched = client("status", jobId, "--watch", "--interval", "100ms");
        assertThat(watched.exitCode()).isIn(0, 3);
    }

    @Test
    void status_download_jobs_and_lookup_on_a_finished_job() throws IOException {
        // given
        var jobId = service.finishedJob(SimProduct.JIRA);

        // status
        var status = client("status", jobId);
        assertThat(status.out()).isEqualTo(jobId + " SUCCESS DONE 100%\n");
        var statusJson = JSON.readTree(client("status", jobId, "--json").out());
        assertThat(statusJson.path("jobId").asString()).isEqualTo(jobId);
        assertThat(client("status", jobId, "--watch").exitCode()).isZero();

        // download, checked against the status's SHA-256
        var detailed = dir.resolve("detailed.csv");
        var download = client("download", jobId, "--format", "detailed", "-o", detailed.toString());
        assertThat(download.exitCode()).as(download.err()).isZero();
        assertThat(download.out())
                .isEqualTo(detailed + " (SHA-256 "
                        + statusJson
                                .path("result")
                                .path("detailedReport")
                                .path("sha256")
                                .asString() + " verified)\n");
        assertThat(Files.readString(detailed)).isEqualTo(Files.readString(service.detailedReport(SimProduct.JIRA)));

        // jobs: the caller's, not another caller's
        var jobs = client("jobs");
        assertThat(jobs.out()).startsWith("JOB ").contains(jobId + "  SUCCESS      JIRA  ");
        assertThat(JSON.readTree(client("jobs", "--json").out()).path("jobs").findValuesAsString("jobId"))
                .contains(jobId);
        var otherToken = Files.writeString(dir.resolve("other"), SimulatedService.OTHER_TOKEN);
        var others = idmap(
                "",
                Map.of(),
                Path.of("/nonexistent"),
                "jobs",
                "--server",
                service.url(),
                "--token-file",
                otherToken.toString(),
                "--json");
        assertThat(JSON.readTree(others.out()).path("jobs").findValuesAsString("jobId"))
                .doesNotContain(jobId);

        // lookup by id and by issue key, from arguments, stdin and a file, and the other way
        var truth = service.simulation(SimProduct.JIRA).groundTruth().stream()
                .filter(r -> r.entityType().equals("jira:issue")
                        && r.expectation().name().equals("MATCH"))
                .findFirst()
                .orElseThrow();
        var byId = client("lookup", jobId, "-t", "jira:issue", truth.serverId(), "999999");
        assertThat(byId.exitCode()).isEqualTo(1);
        assertThat(byId.out()).isEqualTo(truth.serverId() + "\t" + truth.cloudId() + "\n999999\tNOT FOUND\n");
        var fromStdin = clientWithStdin(truth.serverId() + "\n", "lookup", jobId, "-t", "jira:issue");
        assertThat(fromStdin.exitCode()).isZero();
        assertThat(fromStdin.out()).isEqualTo(truth.serverId() + "\t" + truth.cloudId() + "\n");
        var ids = Files.writeString(dir.resolve("ids.txt"), truth.cloudId() + "\n");
        var reverse = client("lookup", jobId, "-t", "jira:issue", "--cloud", "--file", ids.toString());
        assertThat(reverse.out()).isEqualTo(truth.cloudId() + "\t" + truth.serverId() + "\n");
        var byKey = client("lookup", jobId, "-t", "jira:issue", "BOR-1", "--json");
        var mapping = JSON.readTree(byKey.out()).path("mappings").get(0);
        assertThat(mapping.path("serverKey").asString()).isEqualTo("BOR-1");
        assertThat(client("lookup", jobId, "-t", "jira:issue", "BOR-1").out())
                .isEqualTo("BOR-1\t" + mapping.path("cloudId").asString() + "\n");
    }

    @Test
    void download_refuses_a_report_whose_sha256_is_not_the_status_one() throws IOException {
        // given a finished job whose stored report was altered after the status recorded its SHA-256
        var jobId = service.finishedJob(SimProduct.CONFLUENCE);
        try (var files = Files.walk(service.directory().resolve("data"))) {
            var stored = files.filter(p -> p.toString().contains(jobId)
                            && p.toString().endsWith(".csv")
                            && !p.toString().contains("detailed"))
                    .findFirst()
                    .orElseThrow();
            Files.writeString(stored, "tampered\n", java.nio.file.StandardOpenOption.APPEND);
        }
        var file = dir.resolve("report.csv");

        // when
        var run = client("download", jobId, "-o", file.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("idmap download: the downloaded report's SHA-256 is ")
                .endsWith("; nothing was written to " + file + "\n");
        assertThat(file).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void the_server_and_token_come_from_the_environment_or_the_config_file() throws IOException {
        var fromEnvironment = idmap(
                "", Map.of("IDMAP_URL", service.url(), "IDMAP_TOKEN", SimulatedService.TOKEN), dir, "jobs", "--json");
        assertThat(fromEnvironment.exitCode()).as(fromEnvironment.err()).isZero();

        Files.writeString(
                dir.resolve("config.properties"),
                "server=" + service.url() + "\ntoken-file=" + service.tokenFile() + "\n");
        var fromConfig = idmap("", Map.of(), dir, "jobs", "--json");
        assertThat(fromConfig.exitCode()).as(fromConfig.err()).isZero();
        assertThat(fromConfig.out()).doesNotContain(SimulatedService.TOKEN);
    }

    @Test
    void hash_secret_prints_the_configuration_form_and_never_the_secret() {
        var sha = idmap("s3cret-token\n", Map.of(), dir, "hash-secret");
        assertThat(sha.out()).isEqualTo(SecretHash.sha256("s3cret-token") + "\n");
        var bcrypt = idmap("pa55word", Map.of(), dir, "hash-secret", "--bcrypt");
        assertThat(bcrypt.out()).startsWith("{bcrypt}").doesNotContain("pa55word");
        assertThat(SecretHash.matches("pa55word", bcrypt.out().strip())).isTrue();
        assertThat(idmap("", Map.of(), dir, "hash-secret").exitCode()).isEqualTo(2);
    }

    @Test
    void completion_and_version() {
        var completion = idmap("", Map.of(), dir, "completion");
        assertThat(completion.out()).contains("complete -F").contains("rewrite").contains("--token-file");
        var version = idmap("", Map.of(), dir, "--version");
        assertThat(version.out()).matches("idmap [0-9]+\\.[0-9]+\\.[0-9]+(-SNAPSHOT)?\nbuilt [0-9T:\\-]+Z\n");
    }
}
