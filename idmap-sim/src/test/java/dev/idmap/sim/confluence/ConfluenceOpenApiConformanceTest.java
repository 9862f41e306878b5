package dev.idmap.sim.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.sim.SimSite;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint of both Confluence sites, with its parameter variants, paging links and refusals, checked against
 * Atlassian's OpenAPI document for its API. Narrow workarounds for spec defects, each stated:
 *
 * <ul>
 *   <li>DC {@code getAttachments} documents its success as 201 (the product answers 200 with that body).
 *   <li>DC {@code ValidationResult.errors} (inside every error body) is typed as an object; Confluence sends an array
 *       ({@code "errors":[]}, as recorded in {@code atlassian-rest.md} §4.5).
 *   <li>Cloud v2 and v1 document 400/401/403/404 without a body schema: only the status is checked there; the body
 *       shapes are pinned against the error shapes {@code atlassian-rest.md} §4.5 records.
 * </ul>
 */
class ConfluenceOpenApiConformanceTest {

    static final OpenApiContract DC = OpenApiContract.load(
            "confluence-dc-10.0.3.json",
            "/confluence",
            List.of(new OpenApiContract.StatusAlias(
                    "/rest/api/content/{id}/child/attachment", 200, 201, "the spec documents success as 201")),
            List.of(new OpenApiContract.PropertyOverride(
                    "ValidationResult",
                    "errors",
                    "{\"type\":\"array\"}",
                    "the spec types data.errors as an object; Confluence sends an array (atlassian-rest.md 4.5)")));
    static final OpenApiContract CLOUD_V2 =
            OpenApiContract.load("confluence-cloud-v2.json", "/wiki/api/v2", List.of(), List.of());
    static final OpenApiContract CLOUD_V1 =
            OpenApiContract.load("confluence-cloud-v1-2021.json", "", List.of(), List.of());

    static ConfluenceSites sites;
    static final List<String> violations = new ArrayList<>();
    static final List<String> checked = new ArrayList<>();

    @BeforeAll
    static void start() {
        sites = ConfluenceSites.theDefaultMigration();
        sites.observe(answer -> {
            URI uri = answer.raw().uri();
            String path = uri.getRawPath();
            OpenApiContract contract =
                    path.startsWith("/confluence") ? DC : path.startsWith("/wiki/api/v2") ? CLOUD_V2 : CLOUD_V1;
            checked.add(answer.status() + " " + path);
            contract.violations(path, answer.status(), answer.body())
                    .forEach(v -> violations.add(answer.status() + " GET " + uri + ": " + v));
        });
    }

    @org.junit.jupiter.api.BeforeEach
    void forgetEarlierAnswers() {
        violations.clear();
        checked.clear();
    }

    @AfterAll
    static void stop() {
        sites.close();
    }

    @Test
    void every_data_center_answer_matches_the_data_center_spec() {
        // given
        var scenario = ConfluenceScenario.generate(42, ConfluenceSize.SMALL);
        var content = scenario.content();
        long pageWithEverything = firstPosition(content, true);
        long blogWithComments = firstPosition(content, false);
        String all = "expand=space,history,version,ancestors,container,body.storage,homepage,creator,status";
        // when
        walkDc("/rest/api/space?limit=3&" + all);
        walkDc("/rest/api/space?type=personal&status=current");
        walkDc("/rest/api/space?type=personal&expand=creator");
        sites.dc("/rest/api/space/ENG?expand=homepage");
        walkDc("/rest/api/space/ENG/content/page?depth=all&limit=7&" + all);
        sites.dc("/rest/api/space/ENG/content/page?depth=root");
        walkDc("/rest/api/space/MKT/content/blogpost?" + all);
        walkDc("/rest/api/content?type=page&limit=100&" + all);
        walkDc("/rest/api/content?type=blogpost&limit=100&" + all);
        sites.dc("/rest/api/content?type=page&spaceKey=ENG&title=Engineering%20Home");
        walkDc("/rest/api/content/scan?type=page&limit=100&" + all);
        walkDc("/rest/api/content/scan?type=blogpost&spaceKey=MKT");
        walkDc("/rest/api/content/scan?type=comment&limit=100&" + all);
        for (long position : new long[] {pageWithEverything, blogWithComments}) {
            long id = content.at(position).dcId();
            sites.dc("/rest/api/content/" + id + "?" + all);
            walkDc("/rest/api/content/" + id + "/child/attachment?limit=1&" + all);
            walkDc("/rest/api/content/" + id + "/child/comment?depth=all&limit=1&" + all);
            sites.dc("/rest/api/content/" + id + "/child/comment?location=inline&location=footer");
        }
        walkDc("/rest/api/user/list?limit=15&expand=status");
        sites.dc("/rest/api/user?key=" + scenario.people().user(0).key());
        sites.dc("/rest/api/user?username=" + scenario.people().user(1).username());
        walkDc("/rest/api/group?limit=3");
        walkDc("/rest/api/group/engineering/member?limit=10");
        sites.dc("/rest/api/server-information");
        // refusals
        sites.dc("/rest/api/content/1");
        sites.dc("/rest/api/content/1/child/attachment");
        sites.dc("/rest/api/content/1/child/comment");
        sites.dc("/rest/api/content/scan?cursor=broken");
        sites.dc("/rest/api/user?username=nobody");
        sites.dc("/rest/api/space/NOPE");
        sites.dc("/rest/api/space/NOPE/content/page");
        var viewer = sites.accounts.dataCenterUser();
        sites.dcAs(
                "/rest/api/group/engineering/member",
                ConfluenceDataCenterApiTest.basic(viewer.login(), viewer.secret()));
        // then
        assertThat(violations).isEmpty();
        assertThat(sites.migration.requestCounts(SimSite.SOURCE).keySet())
                .containsAll(Set.of(
                        "GET /rest/api/space",
                        "GET /rest/api/space/{spaceKey}",
                        "GET /rest/api/content",
                        "GET /rest/api/content/scan",
                        "GET /rest/api/content/{id}",
                        "GET /rest/api/content/{id}/child/attachment",
                        "GET /rest/api/content/{id}/child/comment",
                        "GET /rest/api/user/list",
                        "GET /rest/api/user",
                        "GET /rest/api/group",
                        "GET /rest/api/group/{groupName}/member",
                        "GET /rest/api/server-information"));
        assertThat(checked).anyMatch(c -> c.startsWith("404 ")).anyMatch(c -> c.startsWith("403 "));
    }

    @Test
    void data_center_error_bodies_are_rest_errors() {
        // when
        var missing = sites.dc("/rest/api/content/1");
        var unauthenticated = sites.dcAs("/rest/api/space", null);
        // then
        assertThat(DC.violationsOfSchema("RestError", missing.body())).isEmpty();
        assertThat(DC.violationsOfSchema("RestError", unauthenticated.body())).isEmpty();
        assertThat(missing.json().get("statusCode").asInt()).isEqualTo(404);
        assertThat(unauthenticated.json().get("statusCode").asInt()).isEqualTo(401);
    }

    @Test
    void every_cloud_answer_matches_the_cloud_specs() {
        // given
        var scenario = ConfluenceScenario.generate(42, ConfluenceSize.SMALL);
        var content = scenario.content();
        var page = content.at(firstPosition(content, true));
        var blog = content.at(firstPosition(content, false));
        var inline = content.comments(page).stream()
                .filter(c -> c.location() == ConfluenceContent.Location.INLINE && !c.isReply())
                .findFirst()
                .orElseThrow();
        var footer = content.comments(page).stream()
                .filter(c -> c.location() == ConfluenceContent.Location.FOOTER && !c.isReply())
                .findFirst()
                .orElseThrow();
        // when
        walkCloud("/wiki/api/v2/spaces?limit=3");
        walkCloud("/wiki/api/v2/spaces?type=personal&status=current&keys=ENG,MKT");
        long spaceId = page.space().cloudId().orElseThrow();
        sites.cloud("/wiki/api/v2/spaces/" + spaceId);
        walkCloud("/wiki/api/v2/spaces/" + spaceId + "/pages?limit=250");
        walkCloud("/wiki/api/v2/spaces/" + spaceId + "/pages?depth=root");
        walkCloud("/wiki/api/v2/spaces/" + spaceId + "/blogposts?limit=3");
        walkCloud("/wiki/api/v2/pages?limit=250");
        walkCloud("/wiki/api/v2/pages?space-id=" + spaceId + "&title=Post-migration%20checklist");
        walkCloud("/wiki/api/v2/pages?id=" + page.cloudId());
        sites.cloud("/wiki/api/v2/pages/" + page.cloudId());
        walkCloud(
                "/wiki/api/v2/pages/" + content.at(page.space().firstPosition()).cloudId() + "/children?limit=2");
        walkCloud("/wiki/api/v2/blogposts?limit=250");
        walkCloud("/wiki/api/v2/blogposts?space-id=" + spaceId);
        sites.cloud("/wiki/api/v2/blogposts/" + blog.cloudId());
        walkCloud("/wiki/api/v2/attachments?limit=250");
        walkCloud("/wiki/api/v2/pages/" + page.cloudId() + "/attachments?limit=1");
        walkCloud("/wiki/api/v2/blogposts/" + blog.cloudId() + "/attachments");
        walkCloud("/wiki/api/v2/footer-comments?limit=250");
        walkCloud("/wiki/api/v2/inline-comments?limit=250");
        walkCloud("/wiki/api/v2/pages/" + page.cloudId() + "/footer-comments");
        walkCloud("/wiki/api/v2/pages/" + page.cloudId() + "/inline-comments");
        walkCloud("/wiki/api/v2/blogposts/" + blog.cloudId() + "/footer-comments");
        walkCloud("/wiki/api/v2/blogposts/" + blog.cloudId() + "/inline-comments");
        walkCloud("/wiki/api/v2/footer-comments/" + footer.cloudId() + "/children");
        walkCloud("/wiki/api/v2/inline-comments/" + inline.cloudId() + "/children");
        var people = scenario.people();
        walkCloud("/wiki/rest/api/user/bulk/migration?limit=1&username="
                + people.user(0).username() + "&username=" + people.user(1).username());
        walkCloud("/wiki/rest/api/user/bulk/migration?key=" + people.user(2).key());
        walkCloud("/wiki/rest/api/group?limit=4");
        walkCloud("/wiki/rest/api/group/member?name=engineering&limit=5");
        walkCloud("/wiki/rest/api/search/user?cql=type%3Duser&limit=10");
        sites.cloud("/wiki/rest/api/settings/systemInfo");
        // refusals
        sites.cloud("/wiki/api/v2/pages?limit=0");
        sites.cloud("/wiki/api/v2/pages/1");
        sites.cloud("/wiki/api/v2/spaces/1");
        sites.cloud("/wiki/api/v2/spaces?cursor=garbage");
        sites.cloud("/wiki/api/v2/footer-comments/1/children");
        sites.cloud("/wiki/rest/api/user/bulk/migration");
        sites.cloud("/wiki/rest/api/search/user?cql=title%3Dx");
        sites.cloudAs("/wiki/api/v2/spaces", null);
        // then
        assertThat(violations).isEmpty();
        assertThat(sites.migration.requestCounts(SimSite.DESTINATION)).hasSize(25);
        assertThat(checked).anyMatch(c -> c.startsWith("400 /wiki/api/v2")).anyMatch(c -> c.startsWith("404 /wiki"));
    }

    @Test
    void throttled_and_faulted_data_center_answers_are_rest_errors_too() {
        // given: one request per endpoint, then 429; and a site where every request fails
        var limited = dev.idmap.sim.SimConfig.builder(dev.idmap.sim.SimProduct.CONFLUENCE)
                .rateLimit(new dev.idmap.sim.http.RateLimit(1, 0.01))
                .build();
        var faulty = dev.idmap.sim.SimConfig.builder(dev.idmap.sim.SimProduct.CONFLUENCE)
                .faultRate(1.0)
                .build();
        var bodies = new ArrayList<String>();
        try (var throttled = ConfluenceSites.aMigration(limited);
                var failing = ConfluenceSites.aMigration(faulty)) {
            // when
            throttled.dc("/rest/api/space");
            var tooMany = throttled.dc("/rest/api/space");
            assertThat(tooMany.status()).isEqualTo(429);
            bodies.add(tooMany.body());
            for (int i = 0; i < 30 && bodies.size() < 4; i++) {
                try {
                    var answer = failing.dc("/rest/api/space");
                    assertThat(answer.status()).isIn(500, 502, 503);
                    bodies.add(answer.body());
                } catch (java.io.UncheckedIOException dropped) {
                    // a dropped connection has no body to check
                }
            }
        }
        // then
        assertThat(bodies).hasSizeGreaterThan(1);
        for (String body : bodies) {
            assertThat(DC.violationsOfSchema("RestError", body)).as(body).isEmpty();
        }
    }

    @Test
    void cloud_v2_error_bodies_have_the_errors_array() {
        // when
        var answer = sites.cloud("/wiki/api/v2/pages/1");
        // then
        JsonNode error = answer.json().get("errors").get(0);
        assertThat(error.get("status").asInt()).isEqualTo(404);
        assertThat(error.get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(error.has("title")).isTrue();
        assertThat(error.has("detail")).isTrue();
    }

    /** A page (or blog post) carrying attachments, a footer comment with a reply and (pages) an inline comment. */
    static long firstPosition(ConfluenceContent content, boolean page) {
        for (long p = 0; p < content.count(); p++) {
            var item = content.at(p);
            var comments = content.comments(item);
            if (item.migrated()
                    && item.isPage() == page
                    && !content.attachments(item).isEmpty()
                    && comments.stream().anyMatch(ConfluenceContent.Comment::isReply)
                    && (!page || comments.stream().anyMatch(c -> c.location() == ConfluenceContent.Location.INLINE))) {
                return p;
            }
        }
        throw new IllegalStateException("no such content");
    }

    private static void walkDc(String path) {
        JsonNode page = sites.dc(path).json();
        for (int pages = 0; page.path("_links").has("next") && pages < 50; pages++) {
            page = sites.dcNext(page).json();
        }
    }

    private static void walkCloud(String path) {
        JsonNode page = sites.cloud(path).json();
        for (int pages = 0; page.path("_links").has("next") && pages < 50; pages++) {
            String next = page.get("_links").get("next").asString();
            page = sites.cloud(next.startsWith("/wiki") ? next : "/wiki" + next).json();
        }
    }
}
