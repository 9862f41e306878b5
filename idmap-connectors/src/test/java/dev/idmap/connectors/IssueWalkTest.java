package dev.idmap.connectors;

import static dev.idmap.connectors.SimulatedSites.destination;
import static dev.idmap.connectors.SimulatedSites.source;
import static dev.idmap.core.model.EntityType.ATTACHMENT;
import static dev.idmap.core.model.EntityType.COMMENT;
import static dev.idmap.core.model.EntityType.ISSUE;
import static dev.idmap.core.model.EntityType.ISSUE_LINK;
import static dev.idmap.core.model.EntityType.ISSUE_STATUS;
import static dev.idmap.core.model.EntityType.ISSUE_TYPE;
import static dev.idmap.core.model.EntityType.PRIORITY;
import static dev.idmap.core.model.EntityType.PROJECT;
import static dev.idmap.core.model.EntityType.RESOLUTION;
import static dev.idmap.core.model.EntityType.WORKLOG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.crawl.CrawlScope;
import dev.idmap.core.crawl.SiteCrawler;
import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.match.MatchRules;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimScale;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issues and their content come from one search walk per project, whose {@code fields} are exactly what the run
 * needs: Data Center pages of 1000 whatever the fields; Cloud pages of 5000 for id/key only, 100 otherwise.
 */
class IssueWalkTest {

    private static final int PROJECTS = 4;
    private static final int ISSUES_PER_PROJECT = 250;
    private static final String DC_SEARCH = "GET /rest/api/2/search";
    private static final String CLOUD_SEARCH = "GET /rest/api/3/search/jql";
    private static final List<EntityType> ISSUES_AND_CONTENT = List.of(ISSUE, COMMENT, WORKLOG, ATTACHMENT, ISSUE_LINK);

    static SimulatedMigration sim;
    final AtlassianCrawlers crawlers = new AtlassianCrawlers();

    @BeforeAll
    static void start() {
        sim = Simulator.start(SimConfig.builder(SimProduct.JIRA)
                .scale(SimScale.SMALL.with("projects", PROJECTS).with("issuesPerProject", ISSUES_PER_PROJECT))
                .build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void a_run_reads_issues_and_all_their_content_in_one_walk_per_project(Side side) {
        // given
        var crawler = open(side);
        var projects = projectKeys(crawler);
        // when
        var scopes = crawler.plan(runOf(PROJECT, ISSUE, COMMENT, WORKLOG, ATTACHMENT, ISSUE_LINK), Set.of());
        var jointly = crawl(crawler, scopes);
        // then one scope per project delivers the five types
        assertThat(scopes.stream().filter(s -> s.delivers(ISSUE)).map(CrawlScope::name))
                .containsExactlyElementsOf(projects.stream()
                        .map(key -> "jira:issue+jira:comment+jira:worklog+jira:fileAttachment+jira:issueLink@" + key)
                        .toList());
        // and one walk per project was searched: pages of 1000 on DC, of 100 on Cloud (fields beyond id/key)
        if (side == Side.SOURCE) {
            assertThat(crawler.requestCounts()).containsEntry(DC_SEARCH, pages(projects, jointly.get(ISSUE), 1000));
        } else {
            assertThat(crawler.requestCounts()).containsEntry(CLOUD_SEARCH, pages(projects, jointly.get(ISSUE), 100));
        }
        // and it delivered exactly what a walk per type delivers
        var separately = open(side);
        for (var type : ISSUES_AND_CONTENT) {
            assertThat(ids(jointly.get(type)))
                    .as(type.namespace())
                    .isNotEmpty()
                    .isEqualTo(ids(
                            crawl(separately, separately.plan(type, Set.of())).get(type)));
        }
    }

    @Test
    void issues_alone_are_read_by_id_and_key_5000_a_page_on_cloud() {
        // given
        var crawler = open(Side.DESTINATION);
        var projects = projectKeys(crawler);
        // when
        var issues =
                crawl(crawler, crawler.plan(runOf(PROJECT, ISSUE), Set.of())).get(ISSUE);
        // then
        assertThat(issues).hasSizeGreaterThan(100);
        assertThat(crawler.requestCounts()).containsEntry(CLOUD_SEARCH, pages(projects, issues, 5000));
        assertThat(issues).allSatisfy(issue -> assertThat(issue.attributes()).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void each_issue_records_the_status_type_priority_and_resolution_it_uses_when_read_with_its_content(Side side) {
        // given
        var crawler = open(side);
        // when
        var run = crawl(
                crawler,
                crawler.plan(runOf(PROJECT, PRIORITY, RESOLUTION, ISSUE_TYPE, ISSUE_STATUS, ISSUE, COMMENT), Set.of()));
        // then every issue names configuration the same site lists
        var issues = run.get(ISSUE);
        assertThat(issues).isNotEmpty();
        assertThat(values(issues, "statusId")).hasSize(issues.size()).allMatch(ids(run.get(ISSUE_STATUS))::contains);
        assertThat(values(issues, "issueTypeId")).hasSize(issues.size()).allMatch(ids(run.get(ISSUE_TYPE))::contains);
        assertThat(values(issues, "priorityId")).hasSize(issues.size()).allMatch(ids(run.get(PRIORITY))::contains);
        // and only resolved issues have a resolution
        var resolutions = values(issues, "resolutionId");
        assertThat(resolutions)
                .isNotEmpty()
                .hasSizeLessThan(issues.size())
                .allMatch(ids(run.get(RESOLUTION))::contains);
    }

    @Test
    void issues_alone_record_what_they_use_when_the_run_needs_that_configuration() {
        // given
        var crawler = open(Side.DESTINATION);
        var projects = projectKeys(crawler);
        // when
        var issues = crawl(crawler, crawler.plan(runOf(PROJECT, ISSUE_STATUS, ISSUE), Set.of()))
                .get(ISSUE);
        // then the walk reads fields, 100 a page
        assertThat(crawler.requestCounts()).containsEntry(CLOUD_SEARCH, pages(projects, issues, 100));
        assertThat(values(issues, "statusId")).hasSize(issues.size());
    }

    @Test
    void a_run_for_comments_alone_still_reads_their_issues_in_the_same_walk() {
        // given the dependency closure of comments
        var rules = MatchRules.standard();
        var needed = rules.dependencyOrder(rules.withDependencies(Product.JIRA, Set.of(COMMENT)));
        var crawler = open(Side.DESTINATION);
        // when
        var scopes = crawler.plan(needed, Set.of());
        // then
        assertThat(needed).contains(ISSUE);
        assertThat(scopes.stream().filter(s -> s.delivers(COMMENT)).map(CrawlScope::types))
                .hasSize(projectKeys(crawler).size())
                .allSatisfy(types -> assertThat(types).containsExactly(ISSUE, COMMENT));
    }

    private SiteCrawler open(Side side) {
        return crawlers.open(Product.JIRA, side, side == Side.SOURCE ? source(sim) : destination(sim));
    }

    /** The types of a run in dependency order, as the engine hands them to the crawler. */
    private static List<EntityType> runOf(EntityType... types) {
        var rules = MatchRules.standard();
        return rules.dependencyOrder(Set.of(types));
    }

    private static List<String> projectKeys(SiteCrawler crawler) {
        return crawler.plan(ISSUE, Set.of()).stream()
                .map(CrawlScope::containerKey)
                .toList();
    }

    /** Search pages of one walk per project: a project without issues still takes one. */
    private static long pages(List<String> projectKeys, List<SiteEntity> issues, int pageSize) {
        var perProject = issues.stream()
                .collect(Collectors.groupingBy(
                        i -> i.name().substring(0, i.name().indexOf('-')), Collectors.counting()));
        return projectKeys.stream()
                .mapToLong(key -> Math.max(1, (perProject.getOrDefault(key, 0L) + pageSize - 1) / pageSize))
                .sum();
    }

    private static Map<EntityType, List<SiteEntity>> crawl(SiteCrawler crawler, List<CrawlScope> scopes) {
        var entities = new EnumMap<EntityType, List<SiteEntity>>(EntityType.class);
        for (var scope : scopes) {
            crawler.crawl(
                    scope,
                    e -> entities.computeIfAbsent(e.type(), t -> new ArrayList<>())
                            .add(e));
        }
        return entities;
    }

    private static Set<String> ids(List<SiteEntity> entities) {
        return entities.stream().map(SiteEntity::id).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> values(List<SiteEntity> entities, String attribute) {
        return entities.stream()
                .map(e -> e.attribute(attribute))
                .filter(v -> v != null)
                .toList();
    }
}
