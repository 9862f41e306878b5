package dev.idmap.sim.confluence;

import static dev.idmap.sim.confluence.ConfluenceDataCenterApiTest.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimScale;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConfluenceCloudApiTest {

    static final SimScale SCALE = SimScale.SMALL.with("pagesPerSpace", 60);

    static ConfluenceSites sites;
    static ConfluenceScenario scenario;

    @BeforeAll
    static void start() {
        sites = ConfluenceSites.aMigration(
                SimConfig.builder(SimProduct.CONFLUENCE).scale(SCALE).build());
        scenario = ConfluenceScenario.generate(42, ConfluenceSize.of(SCALE));
    }

    @AfterAll
    static void stop() {
        sites.close();
    }

    @Test
    void pages_default_to_25_and_a_limit_above_250_is_silently_capped() {
        // when
        var byDefault = sites.cloud("/wiki/api/v2/pages").json();
        var capped = sites.cloud("/wiki/api/v2/pages?limit=1000").json();
        // then
        assertThat(byDefault.get("results")).hasSize(25);
        assertThat(capped.get("results")).hasSize(250);
        assertThat(capped.get("_links").get("next").asString())
                .startsWith("/wiki/api/v2/pages?")
                .contains("limit=250");
    }

    @Test
    void the_next_link_is_in_the_body_and_in_the_link_header_and_walks_every_page_once() {
        // given
        long migratedPages = scenario.caseCounts().entrySet().stream()
                .filter(e -> e.getKey().namespace().equals("confluence:page"))
                .filter(e -> e.getKey().expectation() != dev.idmap.sim.Expectation.UNMATCHED)
                .mapToLong(e -> e.getValue())
                .sum();
        // when
        var ids = new ArrayList<String>();
        var answer = sites.cloud("/wiki/api/v2/pages?limit=40");
        while (true) {
            JsonNode page = answer.json();
            page.get("results").forEach(r -> ids.add(r.get("id").asString()));
            if (!page.get("_links").has("next")) {
                assertThat(answer.header("Link")).doesNotContain("rel=\"next\"");
                break;
            }
            assertThat(answer.header("Link"))
                    .startsWith("<" + page.get("_links").get("next").asString() + ">; rel=\"next\"");
            answer = sites.cloudNext(page);
        }
        // then
        assertThat(ids).doesNotHaveDuplicates();
        assertThat((long) ids.size())
                .isEqualTo(migratedPages + scenario.content().cloudOnlyPages().size());
        assertThat(ids.stream().map(Long::parseLong).toList()).isSorted();
    }

    @Test
    void a_cursor_is_only_valid_for_the_query_it_came_from() {
        // given
        var page = sites.cloud("/wiki/api/v2/pages?limit=5").json();
        String cursor = page.get("_links").get("next").asString().replaceAll(".*cursor=", "");
        // when
        var reused = sites.cloud("/wiki/api/v2/blogposts?limit=5&cursor=" + cursor);
        // then
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().get("errors").get(0).get("code").asString()).isEqualTo("INVALID_REQUEST_PARAMETER");
    }

    @Test
    void site_wide_attachments_and_comments_walk_to_the_migrated_totals() {
        // given
        long attachments = migratedCount("confluence:attachment");
        long comments = migratedCount("confluence:comment");
        // when
        long seenAttachments = walk("/wiki/api/v2/attachments?limit=250");
        long seenComments =
                walk("/wiki/api/v2/footer-comments?limit=97") + walk("/wiki/api/v2/inline-comments?limit=13");
        // then
        assertThat(seenAttachments).isEqualTo(attachments);
        assertThat(seenComments).isEqualTo(comments);
    }

    @Test
    void a_page_lists_its_root_comments_and_a_comment_its_replies() {
        // given: a migrated page with a footer comment and its reply
        var content = scenario.content();
        ConfluenceContent.Comment reply = null;
        for (long p = 0; reply == null; p++) {
            var page = content.at(p);
            if (page.migrated() && page.isPage()) {
                reply = content.comments(page).stream()
                        .filter(c -> c.isReply() && c.location() == ConfluenceContent.Location.FOOTER)
                        .findFirst()
                        .orElse(null);
            }
        }
        long pageId = reply.container().cloudId();
        // when
        var roots = sites.cloud("/wiki/api/v2/pages/" + pageId + "/footer-comments")
                .json()
                .get("results");
        var children = sites.cloud("/wiki/api/v2/footer-comments/" + reply.cloudParentId() + "/children")
                .json()
                .get("results");
        // then
        List<String> rootIds = new ArrayList<>();
        roots.forEach(r -> rootIds.add(r.get("id").asString()));
        assertThat(rootIds)
                .contains(Long.toString(reply.cloudParentId()))
                .doesNotContain(Long.toString(reply.cloudId()));
        assertThat(children).hasSize(1);
        assertThat(children.get(0).get("parentCommentId").asString()).isEqualTo(Long.toString(reply.cloudParentId()));
    }

    @Test
    void a_home_page_lists_its_migrated_children_and_those_created_on_cloud() {
        // given
        var space = scenario.spaces().all().getFirst();
        long home = scenario.content().at(space.firstPosition()).cloudId();
        // when
        var children =
                sites.cloud("/wiki/api/v2/pages/" + home + "/children").json().get("results");
        // then
        List<String> titles = new ArrayList<>();
        children.forEach(c -> titles.add(c.get("title").asString()));
        assertThat(titles).hasSize(5).endsWith("Post-migration checklist");
        for (int k = 1; k <= 4; k++) {
            assertThat(titles.get(k - 1))
                    .isEqualTo(scenario.content().at(space.firstPosition() + k).title());
        }
    }

    @Test
    void personal_spaces_carry_the_owners_account_id_as_key() {
        // given
        var owner = scenario.people().user(ConfluenceSpaces.ownerOfPersonalSpace(1));
        String accountId = owner.account().orElseThrow().accountId();
        // when
        var spaces = sites.cloud("/wiki/api/v2/spaces?type=personal&limit=250")
                .json()
                .get("results");
        // then
        List<String> keys = new ArrayList<>();
        spaces.forEach(s -> keys.add(s.get("key").asString()));
        assertThat(keys).contains("~" + accountId.replace(":", "").replace("-", ""));
        assertThat(keys).hasSize(3);
        spaces.forEach(s -> {
            if (s.get("key").asString().equals("~" + accountId.replace(":", "").replace("-", ""))) {
                assertThat(s.get("authorId").asString())
                        .as("the owner created it")
                        .isEqualTo(accountId);
            }
        });
    }

    @Test
    void bulk_migration_maps_server_users_to_accounts_and_skips_those_left_behind() {
        // given: slot 7 and 8 share an email, slot 11 was not migrated
        var people = scenario.people();
        // when
        var answer = sites.cloud("/wiki/rest/api/user/bulk/migration?key="
                        + people.user(7).key() + "&key=" + people.user(8).key() + "&key="
                        + people.user(11).key())
                .json();
        // then
        assertThat(answer.get("size").asInt()).isEqualTo(2);
        assertThat(answer.get("results").get(0).get("accountId").asString())
                .isEqualTo(answer.get("results").get(1).get("accountId").asString());
    }

    @Test
    void bulk_migration_needs_exactly_one_kind_of_identifier_and_an_administrator() {
        // given
        var viewer = sites.accounts.cloudUser();
        // when
        var both = sites.cloud("/wiki/rest/api/user/bulk/migration?key=a&username=b");
        var none = sites.cloud("/wiki/rest/api/user/bulk/migration");
        var asViewer =
                sites.cloudAs("/wiki/rest/api/user/bulk/migration?key=a", basic(viewer.login(), viewer.secret()));
        // then
        assertThat(both.status()).isEqualTo(400);
        assertThat(none.status()).isEqualTo(400);
        assertThat(both.json().get("statusCode").asInt()).isEqualTo(400);
        assertThat(asViewer.status()).isEqualTo(403);
    }

    @Test
    void hidden_emails_are_empty_in_user_search() {
        // given
        String hidden = scenario.people().user(5).account().orElseThrow().accountId();
        // when
        var results = sites.cloud("/wiki/rest/api/search/user?cql=type%3Duser&limit=200")
                .json()
                .get("results");
        // then
        boolean found = false;
        for (JsonNode result : results) {
            if (result.get("user").get("accountId").asString().equals(hidden)) {
                assertThat(result.get("user").get("email").asString()).isEmpty();
                found = true;
            }
        }
        assertThat(found).isTrue();
    }

    @Test
    void groups_merged_by_name_keep_their_cloud_members() {
        // when
        var groups = sites.cloud("/wiki/rest/api/group").json().get("results");
        var marketing =
                sites.cloud("/wiki/rest/api/group/member?name=marketing").json().get("results");
        var missingName = sites.cloud("/wiki/rest/api/group/member");
        // then
        List<String> names = new ArrayList<>();
        groups.forEach(g -> names.add(g.get("name").asString()));
        assertThat(names).contains("engineering", "marketing", "site-admins").doesNotContain("finance");
        assertThat(marketing.size()).isPositive();
        assertThat(missingName.status()).isEqualTo(400);
    }

    @Test
    void cloud_accepts_email_and_api_token_and_refuses_anything_else() {
        // given
        var admin = sites.accounts.cloudAdmin();
        // when
        var ok = sites.cloudAs("/wiki/api/v2/spaces", basic(admin.login(), admin.secret()));
        var wrong = sites.cloudAs("/wiki/api/v2/spaces", basic(admin.login(), "nope"));
        var bearer = sites.cloudAs("/wiki/api/v2/spaces", "Bearer " + admin.secret());
        // then
        assertThat(ok.status()).isEqualTo(200);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(bearer.status()).isEqualTo(401);
    }

    @Test
    void each_site_says_which_deployment_it_is_where_its_product_does_and_only_there() {
        // when
        var cloud = sites.cloud("/wiki/rest/api/settings/systemInfo");
        var dc = sites.dc("/rest/api/server-information");
        // then, as the specs have it: Cloud names its tenant (cloudId), Data Center its build
        assertThat(cloud.status()).isEqualTo(200);
        assertThat(cloud.json().get("cloudId").asString()).isNotBlank();
        assertThat(dc.status()).isEqualTo(200);
        assertThat(dc.json().get("version").asString()).isEqualTo("10.0.3");
        assertThat(dc.json().has("cloudId")).isFalse();
        assertThat(sites.dc("/rest/api/settings/systemInfo").status())
                .as("Data Center has no systemInfo")
                .isEqualTo(404);
        assertThat(sites.cloud("/wiki/rest/api/server-information").status())
                .as("Cloud has no server-information")
                .isEqualTo(404);
        assertThat(sites.cloud("/rest/api/server-information").status()).isEqualTo(404);
    }

    private long walk(String path) {
        long count = 0;
        JsonNode page = sites.cloud(path).json();
        while (true) {
            count += page.get("results").size();
            if (!page.get("_links").has("next")) {
                return count;
            }
            page = sites.cloudNext(page).json();
        }
    }

    private static long migratedCount(String namespace) {
        return scenario.caseCounts().entrySet().stream()
                .filter(e -> e.getKey().namespace().equals(namespace))
                .filter(e -> e.getKey().expectation() != dev.idmap.sim.Expectation.UNMATCHED)
                .mapToLong(e -> e.getValue())
                .sum();
    }
}
