package dev.idmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimSite;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import dev.idmap.sim.http.SiteProxy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code idmap map}, run in-process through the same command line as {@code main}, against a simulated Jira
 * migration: a rerun crawls afresh, resuming is explicit and says so.
 */
class MapCommandTest {

    static SimulatedMigration sim;
    static Path secrets;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws IOException {
        sim = Simulator.start(SimConfig.defaults(SimProduct.JIRA));
        secrets = Files.createTempDirectory("idmap-map-test");
        Files.writeString(secrets.resolve("dc"), sim.sourceCredentials().secret());
        Files.writeString(secrets.resolve("cloud"), sim.destinationCredentials().secret());
    }

    @AfterAll
    static void stop() throws IOException {
        sim.close();
        try (var files = Files.list(secrets)) {
            for (var file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(secrets);
    }

    record Result(int exit, String out, String err) {}

    static Result idmap(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = IdmapCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    static String[] map(URI source, Path output, String... more) {
        var args = new ArrayList<>(List.of(
                "map",
                "--product",
                "JIRA",
                "--source",
                source.toString(),
                "--destination",
                sim.destinationBaseUrl().toString(),
                "--source-auth",
                "basic:" + sim.sourceCredentials().login() + ":file:" + secrets.resolve("dc"),
                "--destination-auth",
                "basic:" + sim.destinationCredentials().login() + ":file:" + secrets.resolve("cloud"),
                "-o",
                output.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    static long requests(SimSite site) {
        return sim.requestCounts(site).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    @Test
    void a_successful_run_writes_the_reports_and_deletes_its_staging_database() {
        // given nothing unfinished in the output directory
        var output = work.resolve("clean");
        // when
        var result = idmap(map(sim.sourceBaseUrl(), output));
        // then
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(output.resolve("id-mapping.csv")).isNotEmptyFile();
        assertThat(output.resolve("id-mapping-detailed.csv")).isNotEmptyFile();
        assertThat(output.resolve(".staging")).doesNotExist();
    }

    @Test
    void a_postgresql_url_stages_in_that_database_and_leaves_nothing_behind() throws Exception {
        // given a schema of the test PostgreSQL
        var url = System.getenv().getOrDefault("IDMAP_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/idmap_test");
        var user = System.getenv().getOrDefault("IDMAP_TEST_PG_USER", "idmap");
        var password = System.getenv().getOrDefault("IDMAP_TEST_PG_PASSWORD", "idmap");
        var schema = "map_" + Long.toHexString(System.nanoTime());
        try (var connection = java.sql.DriverManager.getConnection(url, user, password);
                var statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        }
        var output = work.resolve("on-postgres");
        try {
            // when (the password in the URL only because a test cannot set the environment variable)
            var result = idmap(map(
                    sim.sourceBaseUrl(),
                    output,
                    "--database",
                    url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&password=" + password,
                    "--database-user",
                    user));
            // then
            assertThat(result.exit()).as(result.err()).isZero();
            assertThat(output.resolve("id-mapping.csv")).isNotEmptyFile();
            assertThat(output.resolve(".staging")).doesNotExist();
            try (var connection = java.sql.DriverManager.getConnection(url, user, password);
                    var statement = connection.createStatement();
                    var staged = statement.executeQuery("select (select count(*) from " + schema
                            + ".idmap_stage_run) + (select count(*) from information_schema.tables"
                            + " where table_schema = '" + schema
                            + "' and table_name like 'idmap\\_stage\\_entity\\_%')")) {
                staged.next();
                assertThat(staged.getLong(1))
                        .as("runs and run tables left staged")
                        .isZero();
            }
        } finally {
            try (var connection = java.sql.DriverManager.getConnection(url, user, password);
                    var statement = connection.createStatement()) {
                statement.execute("drop schema " + schema + " cascade");
            }
        }
    }

    @Test
    void a_database_that_is_not_a_jdbc_url_or_is_in_use_is_one_line() {
        var wrongKind = idmap(map(sim.sourceBaseUrl(), work.resolve("wrong"), "--database", "mysql://db/idmap"));
        assertThat(wrongKind.exit()).isEqualTo(2);
        assertThat(wrongKind.err().strip())
                .isEqualTo("idmap map: --database: 'mysql://db/idmap' is not a jdbc:postgresql:// (or jdbc:h2:) URL");

        // another idmap map runs in the same output directory
        var output = work.resolve("busy");
        try (var running = dev.idmap.core.storage.embedded.EmbeddedPostgres.start(output.resolve(".staging"), 2)) {
            var busy = idmap(map(sim.sourceBaseUrl(), output));
            assertThat(busy.exit()).isEqualTo(1);
            assertThat(busy.err().strip().lines()).hasSize(1);
            assertThat(busy.err())
                    .contains("idmap map: the database in "
                            + output.resolve(".staging").toAbsolutePath())
                    .contains("is in use by another idmap process");
        }
    }

    @Test
    void a_failed_run_keeps_its_staging_database_for_the_run_that_resumes_it() throws IOException {
        // given a Cloud API token that the destination refuses
        var output = work.resolve("refused");
        var wrong = Files.writeString(work.resolve("wrong.secret"), "not-the-token");
        var args = map(sim.sourceBaseUrl(), output);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--destination-auth")) {
                args[i + 1] = "basic:" + sim.destinationCredentials().login() + ":file:" + wrong;
            }
        }
        // when
        var result = idmap(args);
        // then
        assertThat(result.exit()).isEqualTo(1);
        assertThat(output.resolve(".staging")).isDirectory();
        assertThat(output.resolve("id-mapping.csv")).doesNotExist();
    }

    @Test
    void a_second_run_with_the_same_sites_and_output_crawls_afresh() {
        // given a finished run
        var output = work.resolve("reports");
        var first = idmap(map(sim.sourceBaseUrl(), output));
        assertThat(first.exit()).as(first.err()).isZero();
        // when the same command runs again
        sim.resetRequestCounts();
        var second = idmap(map(sim.sourceBaseUrl(), output));
        // then it crawled both sites again and says nothing about resuming
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(requests(SimSite.SOURCE)).isGreaterThan(20);
        assertThat(requests(SimSite.DESTINATION)).isGreaterThan(20);
        assertThat(sim.requestCounts(SimSite.SOURCE)).containsKey("GET /rest/api/2/priority");
        assertThat(second.out()).doesNotContain("resuming").contains("matched");
        assertThat(second.out()).isEqualTo(first.out());
    }

    @Test
    void an_interrupted_run_is_resumed_only_when_asked_and_the_resumed_run_says_so() {
        try (var proxy = SiteProxy.refusing(
                sim.sourceBaseUrl(),
                path -> path.endsWith("/rest/api/2/search"),
                400,
                "{\"errorMessages\":[\"The query is refused (test proxy).\"]}")) {
            // given a run that failed in the middle: the source refused its issue search
            var source = proxy.baseUrl();
            var output = work.resolve("interrupted");
            var failed = idmap(map(source, output));
            assertThat(failed.exit()).isEqualTo(1);
            assertThat(failed.err().lines().toList())
                    .singleElement()
                    .asString()
                    .startsWith("idmap map: ")
                    .contains("GET /rest/api/2/search answered HTTP 400 (The query is refused (test proxy).)");
            proxy.intercepting(false);
            // when the same command runs again without --resume, it is a new run, and a note names the other
            sim.resetRequestCounts();
            var fresh = idmap(map(source, output));
            var freshRequests = requests(SimSite.SOURCE);
            assertThat(fresh.exit()).as(fresh.err()).isZero();
            assertThat(fresh.err()).contains("did not finish; this is a new run (--resume continues that one instead)");
            assertThat(fresh.out()).doesNotContain("resuming");
            // when the interrupted run is resumed explicitly
            sim.resetRequestCounts();
            var resumed = idmap(map(source, output, "--resume"));
            // then it says so, skips the finished parts and writes the same reports as the fresh run
            assertThat(resumed.exit()).as(resumed.err()).isZero();
            assertThat(resumed.out()).startsWith("resuming run map-").contains("finished parts are not crawled again");
            assertThat(requests(SimSite.SOURCE))
                    .as("requests to the source site of the resumed run, against %d of a fresh one", freshRequests)
                    .isLessThan(freshRequests);
            assertThat(resumed.out().substring(resumed.out().indexOf('\n') + 1)).isEqualTo(fresh.out());
        }
    }

    @Test
    void a_resumed_run_names_the_skipped_details_in_one_warning_as_a_fresh_run_does() {
        try (var source = SiteProxy.refusing(
                        sim.sourceBaseUrl(),
                        path -> path.endsWith("/rest/api/2/search"),
                        400,
                        "{\"errorMessages\":[\"The query is refused (test proxy).\"]}");
                var destination = SiteProxy.refusing(
                        sim.destinationBaseUrl(),
                        path -> path.matches(".*/rest/agile/1\\.0/board/\\d+/configuration"),
                        403,
                        "{\"errorMessages\":[\"The account may not administer this board (test proxy).\"]}")) {
            // given a Cloud site whose board configurations the account may not read, and a run that failed when
            // the source refused its issue search
            var output = work.resolve("warned");
            var failed = idmap(toDestination(map(source.baseUrl(), output), destination.baseUrl()));
            assertThat(failed.exit()).isEqualTo(1);
            source.intercepting(false);
            // when a fresh run, then the interrupted one resumed, map the same sites
            var fresh = idmap(toDestination(map(source.baseUrl(), output), destination.baseUrl()));
            var resumed = idmap(toDestination(map(source.baseUrl(), output, "--resume"), destination.baseUrl()));
            // then both name every board in one warning, the same
            assertThat(fresh.exit()).as(fresh.err()).isZero();
            assertThat(resumed.exit()).as(resumed.err()).isZero();
            var warnings =
                    fresh.out().lines().filter(l -> l.startsWith("warning: ")).toList();
            assertThat(warnings)
                    .singleElement()
                    .asString()
                    .startsWith("warning: jira/classic/software:rapidView: details are not available on the"
                            + " destination site for ")
                    .contains(" items (board ")
                    .contains("answered HTTP 403 (The account may not administer this board (test proxy).)")
                    .endsWith("; these boards are matched without their filter");
            assertThat(fresh.out()).contains("1 warning: the rest was mapped");
            assertThat(resumed.out().substring(resumed.out().indexOf('\n') + 1)).isEqualTo(fresh.out());
        }
    }

    /** The {@code map} arguments with another destination URL (a proxy in front of the simulated Cloud site). */
    private static String[] toDestination(String[] args, URI destination) {
        var changed = args.clone();
        for (int i = 0; i < changed.length - 1; i++) {
            if (changed[i].equals("--destination")) {
                changed[i + 1] = destination.toString();
            }
        }
        return changed;
    }

    @Test
    void resume_without_an_unfinished_run_is_a_usage_error_naming_the_sites() {
        // when
        var result = idmap(map(sim.sourceBaseUrl(), work.resolve("empty"), "--resume"));
        // then
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().lines().toList())
                .containsExactly(
                        "idmap map: --resume: no unfinished run of JIRA " + sim.sourceBaseUrl() + " -> "
                                + sim.destinationBaseUrl() + " in " + work.resolve("empty")
                                + "; run without --resume to start one",
                        "Try 'idmap map --help' for more information.");
    }

    @Test
    void an_output_that_is_a_file_is_a_usage_error_in_one_line() throws IOException {
        var file = Files.writeString(work.resolve("not-a-directory"), "x");
        var result = idmap(map(sim.sourceBaseUrl(), file));
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().lines().toList())
                .containsExactly(
                        "idmap map: -o " + file + " is a file, not a directory",
                        "Try 'idmap map --help' for more information.");
    }

    @Test
    void a_missing_secret_file_is_named() {
        var missing = work.resolve("no-such-secret");
        var args = map(sim.sourceBaseUrl(), work.resolve("out"));
        args[8] = "basic:" + sim.sourceCredentials().login() + ":file:" + missing;
        var result = idmap(args);
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().lines().toList())
                .containsExactly(
                        "idmap map: --source-auth: cannot read the secret file " + missing
                                + " (no such file or directory: " + missing + ")",
                        "Try 'idmap map --help' for more information.");
    }

    @Test
    void a_secret_in_clear_on_the_command_line_is_refused() {
        var args = map(sim.sourceBaseUrl(), work.resolve("out"));
        args[8] = "basic:admin:hunter2";
        var result = idmap(args);
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err())
                .startsWith("idmap map: --source-auth: a secret in clear on the command line is visible to every user"
                        + " of this machine (ps, shell history): give it as env:NAME or file:PATH")
                .doesNotContain("hunter2");
    }

    @Test
    void an_unknown_option_shows_the_error_and_a_hint_not_the_whole_usage() {
        var result = idmap("map", "--prodcut", "JIRA");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().lines().toList())
                .hasSizeLessThanOrEqualTo(3)
                .last()
                .isEqualTo("Try 'idmap map --help' for more information.");
        assertThat(result.err()).doesNotContain("Usage:");
    }

    @Test
    void an_unreachable_source_fails_at_once_in_one_line() throws IOException {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var result = idmap(map(URI.create("http://127.0.0.1:" + port + "/jira"), work.resolve("out")));
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err().lines().toList())
                .singleElement()
                .asString()
                .startsWith("idmap map: Jira source (Data Center) site http://127.0.0.1:" + port + "/jira: GET")
                .contains("connection refused by 127.0.0.1:" + port);
    }

    @Test
    void a_project_key_the_source_does_not_have_is_an_error_naming_it() {
        var result = idmap(map(sim.sourceBaseUrl(), work.resolve("out"), "--projects", "NOPE"));
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().lines().toList())
                .singleElement()
                .asString()
                .startsWith("idmap map: --projects: the source site has no project or space with key NOPE (it has ");
    }
}
