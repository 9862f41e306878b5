package dev.idmap.cli.redirects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.cli.Environment;
import dev.idmap.cli.IdmapCommand;
import dev.idmap.cli.testing.SimulatedService;
import dev.idmap.sim.Expectation;
import dev.idmap.sim.SimProduct;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The redirect map ({@code idmap redirects}) and the service's {@code GET /redirect/{site}/…} against the simulator's
 * ground truth: every old link of every page and blog post, as the simulated Data Center site itself publishes them
 * ({@code _links.webui}) or as Confluence writes them ({@code /display/KEY/Title}), leads to the Cloud id the
 * simulator migrated it to; every page the ground truth calls ambiguous or unmatched gets no redirect. The one
 * designed gap: a dated blog post link whose title repeats in its space, since the reports do not carry the posting
 * day; it is refused with that reason, never guessed.
 */
class OldLinksAgainstGroundTruthTest {

    static final Pattern CLOUD_CONTENT_ID =
            Pattern.compile("/(?:pages|blog/[0-9]{4}/[0-9]{2}/[0-9]{2})/([0-9]+)/|pageId=([0-9]+)");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static SimulatedService service;

    @TempDir
    Path dir;

    @BeforeAll
    static void mapped() {
        service = SimulatedService.shared();
        service.detailedReport(SimProduct.CONFLUENCE);
        service.detailedReport(SimProduct.JIRA);
    }

    record Content(String id, String type, String spaceKey, String title, String webui) {}

    @Test
    void every_old_content_link_redirects_to_the_cloud_id_of_the_ground_truth() throws Exception {
        // given the old links as the Data Center site publishes them, and the ground truth
        var truth = truth(SimProduct.CONFLUENCE);
        var contents = dataCenterContent();
        var titles = new HashMap<String, Integer>();
        contents.forEach(c -> titles.merge(c.type() + "|" + c.spaceKey() + "|" + c.title(), 1, Integer::sum));
        int redirected = 0;
        int refused = 0;
        int repeatedTitles = 0;
        for (var content : contents) {
            var expected = truth.get(content.type() + "|" + content.id());
            for (var oldLink : List.of(content.webui(), "/pages/viewpage.action?pageId=" + content.id())) {
                // when a browser follows the old link to idmap
                var response = get("/redirect/confluence-dc" + oldLink);

                // then
                var repeatedTitle = oldLink.startsWith("/display/")
                        && titles.get(content.type() + "|" + content.spaceKey() + "|" + content.title()) > 1;
                if (repeatedTitle && expected.expectation() == Expectation.MATCH) {
                    assertThat(response.statusCode()).as(oldLink).isEqualTo(404);
                    assertThat(JSON.readTree(response.body())
                                    .path("errorMessage")
                                    .asString())
                            .as(oldLink)
                            .endsWith("; not guessing");
                    repeatedTitles++;
                } else if (expected != null && expected.expectation() == Expectation.MATCH) {
                    assertThat(response.statusCode()).as(oldLink).isEqualTo(301);
                    assertThat(cloudId(response.headers().firstValue("Location").orElseThrow()))
                            .as(oldLink)
                            .isEqualTo(expected.cloudId());
                    assertThat(response.headers().firstValue("Location").orElseThrow())
                            .startsWith(SimulatedService.destinationUrl(SimProduct.CONFLUENCE) + "/wiki/");
                    redirected++;
                } else {
                    assertThat(response.statusCode()).as(oldLink).isEqualTo(404);
                    var body = JSON.readTree(response.body());
                    assertThat(body.path("status").asInt()).isEqualTo(404);
                    assertThat(body.path("errorMessage").asString()).startsWith("No Cloud link for " + oldLink + ": ");
                    refused++;
                }
            }
        }
        assertThat(redirected).isGreaterThan(300);
        assertThat(refused).isGreaterThan(10);
        assertThat(repeatedTitles).isLessThan(redirected / 10);
    }

    @Test
    void the_redirect_map_agrees_with_the_ground_truth_and_with_the_service() throws Exception {
        // given
        var truth = truth(SimProduct.CONFLUENCE);
        var map = dir.resolve("redirects.csv");

        // when
        var run = redirects(SimProduct.CONFLUENCE, "csv", map);

        // then every viewpage rule leads to the ground truth's Cloud id, one rule per migrated page or blog post
        assertThat(run).isZero();
        var rules = csv(Files.readString(map));
        var viewpage = rules.stream()
                .filter(r -> r.get(1).startsWith("/pages/viewpage.action?pageId="))
                .toList();
        long migratedContent = truth.values().stream()
                .filter(t -> t.expectation() == Expectation.MATCH
                        && (t.entityType().equals("confluence:page")
                                || t.entityType().equals("confluence:blogpost")))
                .count();
        assertThat(viewpage).hasSize((int) migratedContent);
        for (var rule : viewpage) {
            var serverId = rule.get(1).substring(rule.get(1).indexOf('=') + 1);
            var expected = truth.containsKey("confluence:page|" + serverId)
                    ? truth.get("confluence:page|" + serverId)
                    : truth.get("confluence:blogpost|" + serverId);
            assertThat(cloudId(rule.get(2))).as(rule.get(1)).isEqualTo(expected.cloudId());
            // and the service answers the same link with the same target
            assertThat(get("/redirect/confluence-dc" + rule.get(1)).headers().firstValue("Location"))
                    .contains(rule.get(2));
        }
        // display rules: the page of that space and title on the Data Center site
        var byTitle = new HashMap<String, String>();
        for (var content : dataCenterContent()) {
            byTitle.put(
                    "/display/" + content.spaceKey() + "/" + URLEncoder.encode(content.title(), StandardCharsets.UTF_8),
                    content.id());
        }
        var display = rules.stream()
                .filter(r -> r.get(0).equals("exact") && r.get(1).matches("/display/[^/]+/.+"))
                .toList();
        assertThat(display).isNotEmpty();
        for (var rule : display) {
            var serverId = byTitle.get(rule.get(1));
            assertThat(serverId).as(rule.get(1)).isNotNull();
            assertThat(cloudId(rule.get(2)))
                    .isEqualTo(truth.get("confluence:page|" + serverId).cloudId());
        }
        assertThat(rules)
                .anySatisfy(r -> assertThat(r)
                        .containsExactly(
                                "prefix",
                                "/download/attachments/"
                                        + viewpage.get(0).get(1).replaceAll(".*=", "") + "/",
                                SimulatedService.destinationUrl(SimProduct.CONFLUENCE) + "/wiki/download/attachments/"
                                        + cloudId(viewpage.get(0).get(2)) + "/",
                                viewpage.get(0).get(3).replace("confluence link: ", "") + " attachments"));
    }

    @Test
    void jira_filters_and_boards_redirect_to_the_ground_truth_and_issue_links_keep_their_keys() throws Exception {
        // given
        var truth = truth(SimProduct.JIRA);
        var map = dir.resolve("jira.csv");

        // when
        var run = redirects(SimProduct.JIRA, "csv", map);

        // then
        assertThat(run).isZero();
        var rules = csv(Files.readString(map));
        var checked = 0;
        for (var rule : rules) {
            var from = rule.get(1);
            var id = Pattern.compile("(?:filter|requestId|rapidView|selectPageId)=([0-9]+)")
                    .matcher(from);
            if (!id.find()) {
                continue;
            }
            var type = from.contains("rapidView")
                    ? "jira/classic/software:rapidView"
                    : from.contains("selectPageId") ? "jira:portalPage" : "jira:filter";
            var expected = truth.get(type + "|" + id.group(1));
            assertThat(expected.expectation()).isEqualTo(Expectation.MATCH);
            assertThat(rule.get(2)).endsWith("=" + expected.cloudId());
            assertThat(get("/redirect/jira-dc" + from).headers().firstValue("Location"))
                    .contains(rule.get(2));
            checked++;
        }
        assertThat(checked).isGreaterThan(3);
        assertThat(rules)
                .anySatisfy(r -> assertThat(r)
                        .containsExactly(
                                "prefix",
                                "/browse/",
                                SimulatedService.destinationUrl(SimProduct.JIRA) + "/browse/",
                                "jira:issue and jira/classic:project (keys are kept)"));
        var browse = get("/redirect/jira-dc/browse/BOR-1?focusedCommentId=10000&page=x");
        assertThat(browse.statusCode()).isEqualTo(404); // a comment id idmap did not map is no guess
        assertThat(get("/redirect/jira-dc/browse/BOR-1").headers().firstValue("Location"))
                .contains(SimulatedService.destinationUrl(SimProduct.JIRA) + "/browse/BOR-1");
    }

    @Test
    void sites_that_do_not_opt_in_get_no_redirects_and_the_map_formats_are_nginx_and_apache() throws Exception {
        var response = get("/redirect/confluence-cloud/pages/viewpage.action?pageId=1");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("errorMessage").asString())
                .isEqualTo("No redirects are served for a site named confluence-cloud (it needs redirects: true).");

        var nginx = dir.resolve("redirects.nginx");
        var apache = dir.resolve("redirects.apache");
        for (var format : List.of("nginx", "apache")) {
            assertThat(redirects(SimProduct.CONFLUENCE, format, format.equals("nginx") ? nginx : apache))
                    .isZero();
        }
        var first = csv(new String(Files.readAllBytes(dir.resolve("redirects.nginx")), StandardCharsets.UTF_8)
                        .lines()
                        .filter(l -> l.startsWith("    \"/pages/viewpage.action?pageId="))
                        .findFirst()
                        .orElseThrow()
                        .strip()
                        .replace("\" \"", "\",\"")
                        .replace("\";", "\""))
                .get(0);
        assertThat(first.get(1)).startsWith(SimulatedService.destinationUrl(SimProduct.CONFLUENCE) + "/wiki/spaces/");
        assertThat(Files.readString(nginx)).contains("map $request_uri $idmap_redirect {\n    default \"\";\n");
        var pageId = first.get(0).replaceAll(".*=", "");
        assertThat(Files.readString(apache))
                .contains("RewriteCond %{QUERY_STRING} ^pageId=" + pageId + "$\nRewriteRule ^/pages/viewpage\\.action$ "
                        + first.get(1).replace("%", "\\%") + " [R=301,L,NE,QSD]\n")
                .contains("RewriteRule ^/download/attachments/" + pageId + "/(.*)$ ");
    }

    // --- vocabulary

    record Truth(String entityType, String cloudId, Expectation expectation) {}

    static Map<String, Truth> truth(SimProduct product) {
        var truth = new HashMap<String, Truth>();
        for (var row : service.simulation(product).groundTruth()) {
            truth.put(
                    row.entityType() + "|" + row.serverId(),
                    new Truth(row.entityType(), row.cloudId(), row.expectation()));
        }
        return truth;
    }

    /** Every page and blog post of the simulated Data Center site, read through its REST API as a client would. */
    static List<Content> dataCenterContent() throws Exception {
        var simulation = service.simulation(SimProduct.CONFLUENCE);
        var credentials = simulation.sourceCredentials();
        var authorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (credentials.login() + ":" + credentials.secret()).getBytes(StandardCharsets.UTF_8));
        var contents = new ArrayList<Content>();
        for (var type : List.of("page", "blogpost")) {
            for (int start = 0; ; start += 100) {
                var uri = URI.create(simulation.sourceBaseUrl() + "/rest/api/content?type=" + type
                        + "&expand=space&limit=100&start=" + start);
                var body = HTTP.send(
                                HttpRequest.newBuilder(uri)
                                        .header("Authorization", authorization)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                JsonNode page = JSON.readTree(body);
                page.path("results")
                        .forEach(c -> contents.add(new Content(
                                c.path("id").asString(),
                                "confluence:" + type,
                                c.path("space").path("key").asString(),
                                c.path("title").asString(),
                                c.path("_links").path("webui").asString())));
                if (page.path("results").size() < 100) {
                    break;
                }
            }
        }
        assertThat(contents).hasSizeGreaterThan(200);
        return contents;
    }

    static String cloudId(String location) {
        var matcher = CLOUD_CONTENT_ID.matcher(location);
        assertThat(matcher.find()).as(location).isTrue();
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(service.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static List<List<String>> csv(String text) throws IOException {
        var format = text.startsWith("kind,")
                ? CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                : CSVFormat.RFC4180;
        try (var parser = CSVParser.parse(text, format)) {
            return parser.getRecords().stream().map(CSVRecord::toList).toList();
        }
    }

    /** {@code idmap redirects} from the product's detailed report of the shared service, as a user would run it. */
    static int redirects(SimProduct product, String format, Path output) {
        return idmap(
                "redirects",
                "--mapping",
                service.detailedReport(product).toString(),
                "--source-url",
                SimulatedService.sourceUrl(product),
                "--destination-url",
                SimulatedService.destinationUrl(product),
                "--format",
                format,
                "-o",
                output.toString());
    }

    static int idmap(String... args) {
        var commandLine = IdmapCommand.commandLine(new Environment(
                new ByteArrayInputStream(new byte[0]),
                name -> null,
                Path.of("/nonexistent"),
                false,
                Clock.systemUTC()));
        var err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        int code = commandLine.execute(args);
        assertThat(err.toString()).doesNotContain("Exception");
        return code;
    }
}
