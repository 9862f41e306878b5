package dev.idmap.sim.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimScale;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConfluenceDataCenterApiTest {

    /** 6 x 60 + 4 x 5 = 380 pages: more than one capped page. */
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
    void content_pages_default_to_25_and_follow_next_links_to_every_page() {
        // when
        var first = sites.dc("/rest/api/content?type=page").json();
        var ids = new ArrayList<String>();
        JsonNode page = first;
        while (true) {
            page.get("results").forEach(r -> ids.add(r.get("id").asString()));
            if (!page.get("_links").has("next")) {
                break;
            }
            page = sites.dcNext(page).json();
        }
        // then
        assertThat(first.get("limit").asInt()).isEqualTo(25);
        assertThat(first.get("size").asInt()).isEqualTo(25);
        assertThat(first.get("_links").get("next").asString()).startsWith("/rest/api/content?");
        assertThat(ids).hasSize((int) ConfluenceSize.of(SCALE).pages()).doesNotHaveDuplicates();
    }

    @Test
    void a_limit_above_the_system_limit_is_silently_capped() {
        // when
        var page = sites.dc("/rest/api/content?type=page&limit=5000").json();
        // then
        assertThat(page.get("limit").asInt()).isEqualTo(ConfluenceDataCenterApi.CONTENT_MAX);
        assertThat(page.get("results")).hasSize(ConfluenceDataCenterApi.CONTENT_MAX);
        assertThat(page.get("_links").get("next").asString())
                .contains("start=200")
                .contains("limit=200");
    }

    @Test
    void a_personal_space_shows_its_owner_as_creator_when_expanded() {
        // given
        var owner = scenario.people().user(ConfluenceSpaces.ownerOfPersonalSpace(1));
        // when
        var expanded = sites.dc("/rest/api/space?type=personal&expand=creator&limit=500")
                .json()
                .get("results");
        var plain = sites.dc("/rest/api/space?type=personal&limit=1").json().get("results");
        // then
        JsonNode space = null;
        for (var s : expanded) {
            if (s.get("key").asString().equals("~" + owner.username())) {
                space = s;
            }
        }
        assertThat(space).isNotNull();
        assertThat(space.get("creator").get("userKey").asString()).isEqualTo(owner.key());
        assertThat(space.get("creator").get("username").asString()).isEqualTo(owner.username());
        assertThat(plain.get(0).has("creator")).isFalse();
        assertThat(plain.get(0).get("_expandable").has("creator")).isTrue();
    }

    @Test
    void the_last_page_has_no_next_link() {
        // when
        var page = sites.dc("/rest/api/space?start=8&limit=5").json();
        // then
        assertThat(page.get("size").asInt()).isEqualTo(2);
        assertThat(page.get("_links").has("next")).isFalse();
        assertThat(page.get("_links").get("prev").asString()).contains("start=3");
    }

    @Test
    void the_scan_cursor_visits_every_page_once_and_can_step_back() {
        // when
        var ids = new ArrayList<String>();
        JsonNode page = sites.dc("/rest/api/content/scan?type=page&limit=50").json();
        JsonNode second = null;
        while (true) {
            page.get("results").forEach(r -> ids.add(r.get("id").asString()));
            if (!page.has("nextCursor")) {
                break;
            }
            page = sites.dcNext(page).json();
            if (second == null) {
                second = page;
            }
        }
        var back = sites.dc("/rest/api/content/scan?type=page&limit=50&cursor="
                        + second.get("prevCursor").asString())
                .json();
        // then
        assertThat(ids).hasSize((int) ConfluenceSize.of(SCALE).pages()).doesNotHaveDuplicates();
        assertThat(ids).isSorted();
        assertThat(back.get("results").get(0).get("id").asString()).isEqualTo(ids.getFirst());
        assertThat(back.get("size").asInt()).isEqualTo(50);
    }

    @Test
    void scanning_comments_finds_every_comment_of_the_site() {
        // given
        long expected = scenario.caseCounts().entrySet().stream()
                .filter(e -> e.getKey().namespace().equals("confluence:comment"))
                .mapToLong(e -> e.getValue())
                .sum();
        // when
        Set<String> ids = new HashSet<>();
        JsonNode page =
                sites.dc("/rest/api/content/scan?type=comment&limit=100").json();
        while (true) {
            page.get("results").forEach(r -> ids.add(r.get("id").asString()));
            if (!page.has("nextCursor")) {
                break;
            }
            page = sites.dcNext(page).json();
        }
        // then
        assertThat((long) ids.size()).isEqualTo(expected);
    }

    @Test
    void a_malformed_scan_cursor_is_a_400_in_confluence_error_shape() {
        // when
        var answer = sites.dc("/rest/api/content/scan?cursor=nonsense");
        // then
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("statusCode").asInt()).isEqualTo(400);
        assertThat(answer.json().get("reason").asString()).isEqualTo("Bad Request");
    }

    @Test
    void comments_of_a_page_are_roots_by_default_and_replies_with_depth_all() {
        // given: a page with a footer comment and its reply
        var content = scenario.content();
        ConfluenceContent.Content page = null;
        for (long p = 0; page == null; p++) {
            var candidate = content.at(p);
            if (content.comments(candidate).stream().anyMatch(ConfluenceContent.Comment::isReply)) {
                page = candidate;
            }
        }
        String path = "/rest/api/content/" + page.dcId() + "/child/comment";
        // when
        var roots = sites.dc(path).json().get("results");
        var all = sites.dc(path + "?depth=all&expand=ancestors").json().get("results");
        // then
        assertThat(roots.size()).isLessThan(all.size());
        List<String> ancestorIds = new ArrayList<>();
        all.forEach(
                c -> c.get("ancestors").forEach(a -> ancestorIds.add(a.get("id").asString())));
        assertThat(ancestorIds).isNotEmpty();
    }

    @Test
    void blog_posts_are_found_by_title_and_posting_day() {
        // given
        var post = scenario.content().at(scenario.spaces().all().getFirst().pages() + 4);
        String day = post.createdAt()
                .atOffset(ConfluenceDataCenterApi.SERVER_ZONE)
                .toLocalDate()
                .toString();
        // when
        var found = sites.dc("/rest/api/content?type=blogpost&spaceKey=ENG&title=Weekly%20update&postingDay=" + day)
                .json();
        // then
        assertThat(found.get("results")).hasSize(1);
        assertThat(found.get("results").get(0).get("id").asString()).isEqualTo(Long.toString(post.dcId()));
    }

    @Test
    void a_spaces_root_pages_are_its_home_page_only() {
        // when
        var root =
                sites.dc("/rest/api/space/ENG/content/page?depth=root").json().get("results");
        var all = sites.dc("/rest/api/space/ENG/content/page?limit=200").json();
        // then
        assertThat(root).hasSize(1);
        assertThat(root.get(0).get("title").asString()).isEqualTo("Engineering Home");
        assertThat(all.get("size").asInt()).isEqualTo(60);
    }

    @Test
    void users_are_found_by_key_and_by_username() {
        // given
        var user = scenario.people().user(3);
        // when
        var byKey = sites.dc("/rest/api/user?key=" + user.key());
        var byName = sites.dc("/rest/api/user?username=" + user.username());
        var missing = sites.dc("/rest/api/user?username=nobody");
        // then
        assertThat(byKey.json().get("username").asString()).isEqualTo(user.username());
        assertThat(byName.json().get("userKey").asString()).isEqualTo(user.key());
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void a_personal_access_token_is_accepted_as_bearer_but_not_as_a_basic_password() {
        // given
        var admin = sites.accounts.dataCenterAdmin();
        String token = admin.token().orElseThrow();
        // when
        var bearer = sites.dcAs("/rest/api/space", "Bearer " + token);
        var tokenAsPassword = sites.dcAs("/rest/api/space", basic(admin.login(), token));
        var wrongPassword = sites.dcAs("/rest/api/space", basic(admin.login(), "wrong"));
        var anonymous = sites.dcAs("/rest/api/space", null);
        // then
        assertThat(bearer.status()).isEqualTo(200);
        assertThat(tokenAsPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("statusCode").asInt()).isEqualTo(401);
    }

    @Test
    void group_members_need_an_administrator() {
        // given
        var viewer = sites.accounts.dataCenterUser();
        // when
        var asViewer = sites.dcAs("/rest/api/group/engineering/member", basic(viewer.login(), viewer.secret()));
        var asAdmin = sites.dc("/rest/api/group/engineering/member");
        // then
        assertThat(asViewer.status()).isEqualTo(403);
        assertThat(asAdmin.status()).isEqualTo(200);
        assertThat(asAdmin.json().get("results").size()).isPositive();
    }

    static String basic(String login, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
