package dev.idmap.cli.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.cli.Environment;
import dev.idmap.cli.IdmapCommand;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code idmap rewrite} on a corpus of links, JQL, JSON, CSV and a script, with decoys that must stay untouched, against
 * expected outputs kept as files ({@code src/test/resources/rewrite/expected}).
 */
class RewriteCommandTest {

    static final Path CORPUS = resource("rewrite");
    static final Path INPUT = CORPUS.resolve("input");
    static final Path EXPECTED = CORPUS.resolve("expected");
    static final List<String> SITES = List.of(
            "--mapping", CORPUS.resolve("mapping/jira-detailed.csv").toString(),
            "--mapping", CORPUS.resolve("mapping/confluence-detailed.csv").toString(),
            "--source-url", "jira=https://jira.example.com",
            "--source-url", "confluence=https://wiki.example.com/confluence",
            "--destination-url", "https://acme.atlassian.net");

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    static Run rewrite(String stdin, List<String> arguments) {
        var out = new StringWriter();
        var err = new StringWriter();
        var environment = new Environment(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                name -> null,
                Path.of("/nonexistent"),
                false,
                Clock.systemUTC());
        var commandLine = IdmapCommand.commandLine(environment);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        var args = new ArrayList<String>();
        args.add("rewrite");
        args.addAll(arguments);
        int exitCode = commandLine.execute(args.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    static List<String> with(List<String> first, String... more) {
        var all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void the_corpus_comes_out_as_the_expected_files() throws IOException {
        // given the corpus and both products' detailed reports
        var out = dir.resolve("out");
        var report = dir.resolve("changes.json");

        // when
        var run = rewrite("", with(SITES, "-o", out.toString(), "--report", report.toString(), INPUT.toString()));

        // then every file is exactly the expected one
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (var expected : files(EXPECTED)) {
            var written =
                    out.resolve("input").resolve(EXPECTED.relativize(expected).toString());
            assertThat(Files.readString(written))
                    .as("%s", EXPECTED.relativize(expected))
                    .isEqualTo(Files.readString(expected));
        }
        assertThat(files(out.resolve("input"))).hasSameSizeAs(files(INPUT));
        assertThat(run.err())
                .isEqualTo("idmap rewrite: 5 files, 68 replaced, 16 skipped (every decision in " + report + ")\n");
    }

    @Test
    void decoys_stay_byte_for_byte_as_they_were() throws IOException {
        // given links.txt, whose decoys are the lines starting with "- "
        var out = dir.resolve("out");

        // when
        rewrite("", with(SITES, "-o", out.toString(), INPUT.resolve("links.txt").toString()));

        // then
        var before = Files.readAllLines(INPUT.resolve("links.txt"));
        var after = Files.readAllLines(out.resolve("links.txt"));
        assertThat(after).hasSameSizeAs(before);
        int decoys = 0;
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).startsWith("- ")) {
                decoys++;
                assertThat(after.get(i)).isEqualTo(before.get(i));
            } else if (before.get(i).contains("://")) {
                assertThat(after.get(i)).as("line %d is rewritten", i + 1).isNotEqualTo(before.get(i));
            }
        }
        assertThat(decoys).isEqualTo(12);
    }

    @Test
    void the_report_lists_every_replacement_and_every_skipped_candidate_with_its_reason() throws IOException {
        // given
        var report = dir.resolve("changes.json");

        // when
        rewrite("", with(SITES, "--dry-run", "--report", report.toString(), INPUT.toString()));

        // then
        var json = JsonMapper.builder().build().readTree(Files.readString(report));
        assertThat(json.path("files").asInt()).isEqualTo(5);
        assertThat(json.path("replaced").asInt()).isEqualTo(68);
        assertThat(json.path("skipped").asInt()).isEqualTo(16);
        var changes = new ArrayList<JsonNode>();
        json.path("changes").forEach(changes::add);
        assertThat(changes).hasSize(84);
        assertThat(find(changes, "filters.jql", 3, "\"carol\""))
                .containsEntry("outcome", "SKIPPED")
                .containsEntry("reason", "user 'carol' is not in the mapping by user key or user name");
        assertThat(find(changes, "filters.jql", 6, "5"))
                .containsEntry(
                        "reason", "a value of a custom field clause: an option id or a plain number, JQL cannot tell");
        assertThat(find(changes, "links.txt", 4, "https://jira.example.com/issues/?filter=10001"))
                .containsEntry(
                        "reason",
                        "jira:filter 10001 is AMBIGUOUS in the mapping: 2 Cloud filters fit 'Open bugs' equally"
                                + " ('Open bugs'); not guessing");
        assertThat(find(changes, "issues.csv", 4, "10003"))
                .containsEntry("context", "CSV")
                .containsEntry("reason", "jira:issue 10003 is not in the mapping");
        assertThat(find(changes, "automation.json", 3, "10000"))
                .containsEntry("outcome", "REPLACED")
                .containsEntry("new", "10040")
                .containsEntry("what", "jira/classic:project")
                .containsEntry("column", "72");
    }

    @Test
    void dry_run_prints_a_unified_diff_and_changes_nothing() throws IOException {
        // given a copy of the corpus
        var copy = copyOfInput();
        var before = snapshot(copy);

        // when
        var run = rewrite("", with(SITES, "--dry-run", copy.toString()));

        // then
        assertThat(run.exitCode()).isZero();
        assertThat(snapshot(copy)).isEqualTo(before);
        assertThat(run.out())
                .contains("--- a/" + copy.resolve("filters.jql"))
                .contains("+++ b/" + copy.resolve("filters.jql"))
                .contains("\n-project = 10000 AND status in (1, \"3\") AND priority != 3 ORDER BY cf[10102] DESC\n"
                        + "-project in (ABC, 10001) AND issuetype = 10001 AND resolution = 10000\n")
                .contains(
                        "\n+project = 10040 AND status in (10005, \"10006\") AND priority != 10003 ORDER BY cf[10016] DESC\n");
    }

    @Test
    void in_place_rewrites_the_files_themselves() throws IOException {
        // given
        var copy = copyOfInput();

        // when
        var run = rewrite("", with(SITES, "--in-place", copy.toString()));

        // then
        assertThat(run.exitCode()).isZero();
        for (var expected : files(EXPECTED)) {
            assertThat(Files.readString(
                            copy.resolve(EXPECTED.relativize(expected).toString())))
                    .isEqualTo(Files.readString(expected));
        }
    }

    @Test
    void without_files_it_reads_stdin_and_writes_stdout() {
        // when
        var run = rewrite("assignee = JIRAUSER10001 AND project = 10000\n", with(SITES, "--format", "jql"));

        // then
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("assignee = 5b10ac8d82e05b22cc7d4ef5 AND project = 10040\n");
        assertThat(run.err()).isEqualTo("idmap rewrite: 1 file, 2 replaced, 0 skipped\n");
    }

    @Test
    void products_migrated_to_different_cloud_sites_get_each_their_own() {
        // when
        var run = rewrite(
                "https://jira.example.com/browse/ABC-1 https://wiki.example.com/confluence/display/ENG\n",
                List.of(
                        "--mapping", CORPUS.resolve("mapping/jira-detailed.csv").toString(),
                        "--mapping",
                                CORPUS.resolve("mapping/confluence-detailed.csv")
                                        .toString(),
                        "--source-url", "jira=https://jira.example.com",
                        "--source-url", "confluence=https://wiki.example.com/confluence",
                        "--destination-url", "jira=https://acme.atlassian.net",
                        "--destination-url", "confluence=https://acme-wiki.atlassian.net"));

        // then
        assertThat(run.out())
                .isEqualTo(
                        "https://acme.atlassian.net/browse/ABC-1 https://acme-wiki.atlassian.net/wiki/spaces/ENG/overview\n");
        var missing = rewrite(
                "",
                List.of(
                        "--mapping",
                                CORPUS.resolve("mapping/confluence-detailed.csv")
                                        .toString(),
                        "--source-url", "https://wiki.example.com/confluence",
                        "--destination-url", "jira=https://acme.atlassian.net"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err())
                .startsWith("--destination-url: no Cloud site for CONFLUENCE; add --destination-url confluence=URL\n");
    }

    @Test
    void the_compatible_report_maps_ids_but_title_links_need_the_detailed_one() throws IOException {
        // given only the compatible report of Confluence
        var compatible = Files.writeString(
                dir.resolve("id-mapping.csv"),
                "entityType,serverId,cloudId\nconfluence:space,98305,1933313\nconfluence:page,65536,3221225472\n");
        var input = "https://wiki.example.com/pages/viewpage.action?pageId=65536\n"
                + "https://wiki.example.com/display/ENG/Engineering+Home\n";

        // when
        var run = rewrite(
                input,
                List.of(
                        "--mapping",
                        compatible.toString(),
                        "--source-url",
                        "https://wiki.example.com",
                        "--destination-url",
                        "https://acme.atlassian.net",
                        "--report",
                        dir.resolve("changes.json").toString()));

        // then
        assertThat(run.out())
                .isEqualTo("https://acme.atlassian.net/wiki/pages/viewpage.action?pageId=3221225472\n"
                        + "https://wiki.example.com/display/ENG/Engineering+Home\n");
        assertThat(Files.readString(dir.resolve("changes.json")))
                .contains("confluence:page 'Engineering Home' in ENG: keys and titles are only in the detailed report;"
                        + " give it with --mapping");
    }

    @Test
    void a_json_file_that_is_not_json_fails_alone_and_the_others_are_written() throws IOException {
        // given
        var input = Files.createDirectories(dir.resolve("in"));
        Files.writeString(input.resolve("broken.json"), "{\"projectId\": 10000,");
        Files.writeString(input.resolve("ok.txt"), "https://jira.example.com/browse/ABC-1\n");

        // when
        var run = rewrite("", with(SITES, "-o", dir.resolve("out").toString(), input.toString()));

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("idmap rewrite: " + input.resolve("broken.json") + ": not valid JSON: ");
        assertThat(run.err()).contains("(use --format text to treat ");
        assertThat(Files.readString(dir.resolve("out/in/ok.txt")))
                .isEqualTo("https://acme.atlassian.net/browse/ABC-1\n");
        assertThat(dir.resolve("out/in/broken.json")).doesNotExist();
    }

    @Test
    void bad_usage_names_what_to_fix_in_one_line() throws IOException {
        var notAReport = Files.writeString(dir.resolve("notes.csv"), "a,b\n1,2\n");
        assertThat(rewrite("", with(SITES, INPUT.toString())))
                .satisfies(run -> assertThat(run.exitCode()).isEqualTo(2))
                .satisfies(run -> assertThat(run.err())
                        .startsWith("with files, say where the result goes: -o OUT_DIR, --in-place or --dry-run"));
        assertThat(rewrite(
                        "",
                        List.of(
                                "--mapping", notAReport.toString(),
                                "--source-url", "https://jira.example.com",
                                "--destination-url", "https://acme.atlassian.net")))
                .satisfies(run -> assertThat(run.exitCode()).isEqualTo(2))
                .satisfies(run -> assertThat(run.err())
                        .startsWith("--mapping: " + notAReport + " is not an idmap report: its header is 'a,b'"));
        assertThat(rewrite(
                        "",
                        List.of(
                                "--mapping",
                                CORPUS.resolve("mapping/jira-detailed.csv").toString(),
                                "--mapping",
                                CORPUS.resolve("mapping/confluence-detailed.csv")
                                        .toString(),
                                "--source-url",
                                "https://jira.example.com",
                                "--destination-url",
                                "https://acme.atlassian.net")))
                .satisfies(run -> assertThat(run.exitCode()).isEqualTo(2))
                .satisfies(run -> assertThat(run.err())
                        .startsWith("--source-url https://jira.example.com: the mappings cover Jira and Confluence;"
                                + " say which this is, e.g. --source-url jira=https://jira.example.com\n"));
    }

    private static Map<String, String> find(List<JsonNode> changes, String file, int line, String old) {
        var found = changes.stream()
                .filter(c -> c.path("file").asString().endsWith("/" + file)
                        && c.path("line").asInt() == line
                        && c.path("old").asString().equals(old))
                .toList();
        assertThat(found).as("%s line %d %s", file, line, old).hasSize(1);
        var fields = new java.util.LinkedHashMap<String, String>();
        found.get(0)
                .properties()
                .forEach(e -> fields.put(e.getKey(), e.getValue().asString()));
        return fields;
    }

    private Path copyOfInput() throws IOException {
        var copy = Files.createDirectories(dir.resolve("copy"));
        for (var file : files(INPUT)) {
            Files.copy(file, copy.resolve(file.getFileName().toString()));
        }
        return copy;
    }

    private static Map<String, String> snapshot(Path directory) throws IOException {
        var contents = new java.util.TreeMap<String, String>();
        for (var file : files(directory)) {
            contents.put(directory.relativize(file).toString(), Files.readString(file));
        }
        return contents;
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(
                    RewriteCommandTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
