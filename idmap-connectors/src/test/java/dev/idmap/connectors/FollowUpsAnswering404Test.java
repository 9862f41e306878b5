package dev.idmap.connectors;

import static dev.idmap.connectors.SimulatedSites.destination;
import static dev.idmap.connectors.SimulatedSites.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.crawl.NotAvailable;
import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.crawl.SkippedDetails;
import dev.idmap.core.engine.MappingOutcome;
import dev.idmap.core.engine.MappingRequest;
import dev.idmap.core.engine.ProgressListener;
import dev.idmap.core.engine.StagedMappingEngine;
import dev.idmap.core.match.MatchStatus;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.core.report.DetailedReport;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimFeature;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import dev.idmap.sim.http.SiteProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A follow-up request for one item (one issue's comments, one field's contexts, one page's comments) that answers 404
 * costs that item's detail only: the type is mapped with what there is, nothing is matched wrongly, and the items
 * that lost the detail are named in one warning per kind of request, with their count and the first few.
 */
class FollowUpsAnswering404Test {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Comparator<String> ITEM_ORDER = SkippedDetails.ITEM_ORDER;

    @TempDir
    Path output;

    @Test
    void issues_whose_comment_and_worklog_listings_answer_404_lose_only_those_and_are_named_once_per_kind()
            throws IOException {
        var gone = new IssuesGoneBeforeTheirLists();
        try (var sim = Simulator.start(SimConfig.defaults(SimProduct.JIRA));
                var proxy = new SiteProxy(sim.sourceBaseUrl(), gone)) {
            // when
            var outcome = map(
                    sim,
                    Product.JIRA,
                    new SiteConnection(proxy.baseUrl(), source(sim).auth()),
                    destination(sim));
            // then
            assertThat(gone.comments).hasSizeGreaterThan(SkippedDetails.EXAMPLES);
            assertThat(gone.worklogs).hasSizeGreaterThan(SkippedDetails.EXAMPLES);
            var warnings = outcome.summary().notAvailable();
            assertThat(warnings).noneMatch(NotAvailable::wholeType);
            assertOneWarning(
                    warnings,
                    Side.SOURCE,
                    EntityType.COMMENT,
                    "issue ",
                    gone.comments,
                    "GET /rest/api/2/issue/\\d+/comment.*",
                    "; the comments of these issues are not in the reports");
            assertOneWarning(
                    warnings,
                    Side.SOURCE,
                    EntityType.WORKLOG,
                    "issue ",
                    gone.worklogs,
                    "GET /rest/api/2/issue/\\d+/worklog.*",
                    "; the worklogs of these issues are not in the reports");
            assertThat(warnings).hasSize(2);
            assertMapped(outcome, sim, EntityType.COMMENT, EntityType.WORKLOG);
        }
    }

    @Test
    void cloud_fields_whose_contexts_or_options_answer_404_lose_only_those_and_are_named_once_per_kind()
            throws IOException {
        var refusing = new CloudFieldsWithoutSomeContexts();
        try (var sim = Simulator.start(SimConfig.defaults(SimProduct.JIRA));
                var proxy = new SiteProxy(sim.destinationBaseUrl(), refusing)) {
            // when
            var outcome = map(
                    sim,
                    Product.JIRA,
                    source(sim),
                    new SiteConnection(proxy.baseUrl(), destination(sim).auth()));
            // then the contexts (and so the options) of every third field, and the options of every third other
            // field's contexts, are missing: one warning per kind of request
            var warnings = outcome.summary().notAvailable();
            assertThat(warnings).noneMatch(NotAvailable::wholeType);
            assertOneWarning(
                    warnings,
                    Side.DESTINATION,
                    EntityType.CUSTOM_FIELD_CONTEXT,
                    "field ",
                    refusing.contextsOf,
                    "GET /rest/api/3/field/customfield_\\d+/context.*",
                    "; the contexts of these fields are not in the reports");
            assertThat(warnings)
                    .filteredOn(m -> m.type() == EntityType.CUSTOM_FIELD_OPTION)
                    .hasSize(2)
                    .anySatisfy(m -> {
                        assertThat(m.request()).matches("GET /rest/api/3/field/customfield_\\d+/context\\?.*");
                        assertThat(m.message()).endsWith("; the options of these fields are not in the reports");
                    })
                    .anySatisfy(m -> {
                        assertThat(m.items()).isEqualTo(refusing.optionsOf.size());
                        assertThat(m.examples()).containsExactlyElementsOf(firstFew("context ", refusing.optionsOf));
                        assertThat(m.request()).matches("GET /rest/api/3/field/customfield_\\d+/context/\\d+/option.*");
                        assertThat(m.message()).endsWith("; the options of these contexts are not in the reports");
                    });
            assertThat(warnings).hasSize(3);
            // a field told apart from its namesakes by the use of its options is AMBIGUOUS without them, not wrong
            assertMapped(
                    outcome,
                    sim,
                    EntityType.CUSTOM_FIELD,
                    EntityType.CUSTOM_FIELD_CONTEXT,
                    EntityType.CUSTOM_FIELD_OPTION);
        }
    }

    @Test
    void data_center_fields_whose_options_answer_404_lose_only_those_and_are_named_once() throws IOException {
        var options = Pattern.compile(".*/rest/api/2/customFields/(\\d+)/options");
        var refused = ConcurrentHashMap.<String>newKeySet();
        try (var sim = Simulator.start(SimConfig.defaults(SimProduct.JIRA));
                var proxy = new SiteProxy(sim.sourceBaseUrl(), path -> {
                    var matcher = options.matcher(path);
                    if (matcher.matches() && Long.parseLong(matcher.group(1)) % 2 == 0) {
                        refused.add("customfield_" + matcher.group(1));
                        return Optional.of(new SiteProxy.Answer(404, "{\"errorMessages\":[\"Not found\"]}"));
                    }
                    return Optional.empty();
                })) {
            // when
            var outcome = map(
                    sim,
                    Product.JIRA,
                    new SiteConnection(proxy.baseUrl(), source(sim).auth()),
                    destination(sim));
            // then
            assertThat(refused).hasSizeGreaterThan(1);
            var warnings = outcome.summary().notAvailable();
            assertOneWarning(
                    warnings,
                    Side.SOURCE,
                    EntityType.CUSTOM_FIELD_OPTION,
                    "field ",
                    refused,
                    "GET /rest/api/2/customFields/\\d+/options.*",
                    "; the options of these fields are not in the reports");
            assertThat(warnings).hasSize(1);
            assertMapped(outcome, sim, EntityType.CUSTOM_FIELD_OPTION);
        }
    }

    @Test
    void data_center_pages_whose_comment_listings_answer_404_lose_only_those_and_are_named_once() throws IOException {
        // given an older Data Center site, which lists comments per page or blog post
        var comments = Pattern.compile(".*/rest/api/content/(\\d+)/child/comment");
        var refused = ConcurrentHashMap.<String>newKeySet();
        var config = SimConfig.builder(SimProduct.CONFLUENCE)
                .without(SimFeature.CONFLUENCE_DC_CONTENT_SCAN)
                .build();
        try (var sim = Simulator.start(config);
                var proxy = new SiteProxy(sim.sourceBaseUrl(), path -> {
                    var matcher = comments.matcher(path);
                    if (matcher.matches() && Long.parseLong(matcher.group(1)) % 3 == 0) {
                        refused.add(matcher.group(1));
                        return Optional.of(new SiteProxy.Answer(
                                404,
                                "{\"statusCode\":404,\"message\":\"No content found with id: " + matcher.group(1)
                                        + "\"}"));
                    }
                    return Optional.empty();
                })) {
            // when
            var outcome = map(
                    sim,
                    Product.CONFLUENCE,
                    new SiteConnection(proxy.baseUrl(), source(sim).auth()),
                    destination(sim));
            // then
            assertThat(refused).hasSizeGreaterThan(SkippedDetails.EXAMPLES);
            var warnings = outcome.summary().notAvailable();
            assertThat(warnings).singleElement().satisfies(m -> {
                assertThat(m.side()).isEqualTo(Side.SOURCE);
                assertThat(m.type()).isEqualTo(EntityType.CONFLUENCE_COMMENT);
                assertThat(m.items()).isEqualTo(refused.size());
                assertThat(m.examples())
                        .hasSize(SkippedDetails.EXAMPLES)
                        .allSatisfy(e -> assertThat(e).matches("page or blog post \\d+ in \\S+"));
                assertThat(m.examples().stream().map(e -> e.split(" ")[4]).toList())
                        .containsExactlyElementsOf(refused.stream()
                                .sorted(ITEM_ORDER)
                                .limit(SkippedDetails.EXAMPLES)
                                .toList());
                assertThat(m.request())
                        .startsWith("GET /rest/api/content/"
                                + m.examples().getFirst().split(" ")[4] + "/child/comment");
                assertThat(m.answer()).startsWith("HTTP 404 (No content found with id: ");
                assertThat(m.message())
                        .contains(" for " + refused.size() + " items (")
                        .endsWith("; the comments of these pages and blog posts are not in the reports");
            });
            assertMapped(outcome, sim, EntityType.CONFLUENCE_COMMENT);
        }
    }

    /**
     * The one warning of {@code type}: every item of {@code items} counted, the first few named, one of their requests
     * with its answer.
     */
    private static void assertOneWarning(
            List<NotAvailable> warnings,
            Side side,
            EntityType type,
            String itemPrefix,
            Set<String> items,
            String request,
            String consequence) {
        assertThat(warnings).filteredOn(m -> m.type() == type).singleElement().satisfies(m -> {
            assertThat(m.side()).isEqualTo(side);
            assertThat(m.items()).isEqualTo(items.size());
            assertThat(m.examples()).containsExactlyElementsOf(firstFew(itemPrefix, items));
            assertThat(m.request()).matches(request);
            assertThat(m.answer()).startsWith("HTTP 404");
            assertThat(m.message()).endsWith(consequence);
        });
    }

    private static List<String> firstFew(String prefix, Set<String> items) {
        return items.stream()
                .map(i -> prefix + i)
                .sorted(ITEM_ORDER)
                .limit(SkippedDetails.EXAMPLES)
                .toList();
    }

    /**
     * Every type but {@code lessened} agrees with the ground truth; those that are reported are mapped too (some rows
     * MATCHED), none wrongly.
     */
    private static void assertMapped(MappingOutcome outcome, SimulatedMigration sim, EntityType... lessened)
            throws IOException {
        var namespaces = java.util.Arrays.stream(lessened)
                .map(EntityType::namespace)
                .collect(java.util.stream.Collectors.toSet());
        assertThat(GroundTruthAgreement.disagreements(outcome.detailedReport(), sim.groundTruth(), namespaces))
                .isEmpty();
        assertThat(GroundTruthAgreement.wrongMatches(outcome.detailedReport(), sim.groundTruth()))
                .isEmpty();
        var rows = DetailedReport.readAll(outcome.detailedReport());
        for (var namespace : namespaces) {
            if (sim.groundTruth().stream().noneMatch(t -> t.entityType().equals(namespace))) {
                continue; // not reported (Cloud field contexts: Data Center has none to map)
            }
            assertThat(rows)
                    .as("%s is mapped with what there is", namespace)
                    .anyMatch(r -> r.entityType().equals(namespace) && r.status() == MatchStatus.MATCHED);
        }
    }

    private MappingOutcome map(
            SimulatedMigration sim, Product product, SiteConnection sourceSite, SiteConnection destinationSite)
            throws IOException {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:follow-ups-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        var engine = new StagedMappingEngine(dataSource, new AtlassianCrawlers(), InstantSource.system());
        var directory = Files.createDirectories(output.resolve(product.name()));
        var request = new MappingRequest("run-1", product, sourceSite, destinationSite, Set.of(), Set.of());
        return engine.run(request, directory, ProgressListener.NONE);
    }

    /**
     * Issues deleted between the search and the requests for their comments or worklogs: the search shows the lists
     * of every tenth issue as incomplete (one more than it carries), so the crawler asks for them, and the issue
     * answers 404. Remembers the keys of those issues.
     */
    private static final class IssuesGoneBeforeTheirLists implements SiteProxy.Interceptor {
        private static final Pattern LIST = Pattern.compile(".*/rest/api/2/issue/(\\d+)/(comment|worklog)");
        private final Set<String> comments = ConcurrentHashMap.newKeySet();
        private final Set<String> worklogs = ConcurrentHashMap.newKeySet();

        @Override
        public Optional<SiteProxy.Answer> instead(String path) {
            if (LIST.matcher(path).matches()) {
                return Optional.of(new SiteProxy.Answer(
                        404,
                        "{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"]}"));
            }
            return Optional.empty();
        }

        @Override
        public SiteProxy.Answer after(String path, SiteProxy.Answer answer) {
            if (!path.endsWith("/rest/api/2/search") || answer.status() != 200) {
                return answer;
            }
            var page = (ObjectNode) JSON.readTree(answer.body());
            for (var issue : page.path("issues")) {
                if (Long.parseLong(issue.path("id").asString()) % 10 != 0) {
                    continue;
                }
                var key = issue.path("key").asString();
                incomplete(issue.path("fields").path("comment"), "comments", key, comments);
                incomplete(issue.path("fields").path("worklog"), "worklogs", key, worklogs);
            }
            return new SiteProxy.Answer(200, JSON.writeValueAsString(page));
        }

        private static void incomplete(
                tools.jackson.databind.JsonNode list, String items, String key, Set<String> marked) {
            if (list instanceof ObjectNode object && object.path(items).isArray()) {
                object.put("total", object.path(items).size() + 1);
                marked.add(key);
            }
        }
    }

    /**
     * A Cloud site where the context listing of every third custom field (by number) answers 404, and the option
     * listing of each context of every field one above that. Remembers what it refused.
     */
    private static final class CloudFieldsWithoutSomeContexts implements SiteProxy.Interceptor {
        private static final Pattern CONTEXTS = Pattern.compile(".*/rest/api/3/field/(customfield_(\\d+))/context");
        private static final Pattern OPTIONS =
                Pattern.compile(".*/rest/api/3/field/(customfield_(\\d+))/context/(\\d+)/option");
        private final Set<String> contextsOf = ConcurrentHashMap.newKeySet();
        private final Set<String> optionsOf = ConcurrentHashMap.newKeySet();

        @Override
        public Optional<SiteProxy.Answer> instead(String path) {
            var contexts = CONTEXTS.matcher(path);
            if (contexts.matches() && Long.parseLong(contexts.group(2)) % 3 == 0) {
                contextsOf.add(contexts.group(1));
                return Optional.of(notFound());
            }
            var options = OPTIONS.matcher(path);
            if (options.matches() && Long.parseLong(options.group(2)) % 3 == 1) {
                optionsOf.add(options.group(3) + " of field " + options.group(1));
                return Optional.of(notFound());
            }
            return Optional.empty();
        }

        private static SiteProxy.Answer notFound() {
            return new SiteProxy.Answer(404, "{\"errorMessages\":[\"The custom field was not found.\"]}");
        }
    }
}
