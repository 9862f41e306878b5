package dev.idmap.connectors.confluence;

import static dev.idmap.connectors.confluence.ConfluenceSites.crawlEverything;
import static dev.idmap.connectors.confluence.ConfluenceSites.crawlType;
import static dev.idmap.connectors.confluence.ConfluenceSites.destination;
import static dev.idmap.connectors.confluence.ConfluenceSites.idsByNamespace;
import static dev.idmap.connectors.confluence.ConfluenceSites.missing;
import static dev.idmap.connectors.confluence.ConfluenceSites.source;
import static dev.idmap.connectors.confluence.ConfluenceSites.truthIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idmap.connectors.AtlassianCrawlers;
import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.crawl.SiteConnection.SiteAuth;
import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.sim.GroundTruthRow;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Confluence crawlers against the simulator's default Confluence migration, over real HTTP. */
class ConfluenceCrawlersTest {

    private static final String CONTRACT_INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    static SimulatedMigration sim;
    static List<GroundTruthRow> truth;
    static Map<EntityType, List<SiteEntity>> dc;
    static Map<EntityType, List<SiteEntity>> cloud;
    final AtlassianCrawlers crawlers = new AtlassianCrawlers();

    @BeforeAll
    static void crawlBothSites() {
        sim = Simulator.start(SimConfig.defaults(SimProduct.CONFLUENCE));
        truth = sim.groundTruth();
        var crawlers = new AtlassianCrawlers();
        var source = crawlers.open(Product.CONFLUENCE, Side.SOURCE, source(sim));
        source.verifyAccess();
        dc = crawlEverything(source);
        var destination = crawlers.open(Product.CONFLUENCE, Side.DESTINATION, destination(sim));
        destination.verifyAccess();
        cloud = crawlEverything(destination);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void both_crawlers_list_every_confluence_type() {
        assertThat(dc.keySet()).containsExactlyInAnyOrderElementsOf(EntityType.of(Product.CONFLUENCE));
        assertThat(cloud.keySet()).containsExactlyInAnyOrderElementsOf(EntityType.of(Product.CONFLUENCE));
    }

    @Test
    void every_source_entity_of_the_ground_truth_is_crawled_from_the_data_center_site() {
        assertThat(missing(truthIds(truth, true), idsByNamespace(dc)))
                .as("ground-truth source ids the crawl did not see")
                .isEmpty();
    }

    @Test
    void every_migrated_entity_is_crawled_from_the_cloud_site() {
        assertThat(missing(truthIds(truth, false), idsByNamespace(cloud)))
                .as("ground-truth Cloud ids the crawl did not see")
                .isEmpty();
    }

    @Test
    void no_entity_is_delivered_twice() {
        for (var side : List.of(dc, cloud)) {
            side.forEach((type, entities) -> assertThat(entities.stream().map(SiteEntity::id))
                    .as(type.name())
                    .doesNotHaveDuplicates());
        }
    }

    @Test
    void data_center_entities_carry_the_fields_of_the_crawl_contract() {
        var spaceIds = ids(dc, EntityType.SPACE);
        var containerIds = ids(dc, EntityType.PAGE);
        containerIds.addAll(ids(dc, EntityType.BLOG_POST));
        var userKeys = ids(dc, EntityType.CONFLUENCE_USER);
        var commentIds = ids(dc, EntityType.CONFLUENCE_COMMENT);

        assertThat(dc.get(EntityType.CONFLUENCE_USER)).allSatisfy(user -> {
            assertThat(user.name()).as("username").isNotBlank();
            assertThat(user.attribute("displayName")).isNotBlank();
            assertThat(user.attributes()).as("DC hides emails over REST").doesNotContainKey("email");
        });
        assertThat(dc.get(EntityType.CONFLUENCE_GROUP))
                .allSatisfy(group -> assertThat(group.id()).isEqualTo(group.name()));
        assertThat(dc.get(EntityType.SPACE)).allSatisfy(space -> {
            assertThat(space.name()).as("space key").isNotBlank();
            assertThat(space.attribute("type")).isIn("global", "personal");
            assertThat(space.attribute("name")).isNotBlank();
        });
        assertThat(dc.get(EntityType.SPACE))
                .anySatisfy(space -> assertThat(space.name()).startsWith("~"));
        assertContentContract(dc, spaceIds);
        assertAttachmentContract(dc, containerIds);
        assertCommentContract(dc, containerIds, userKeys, commentIds);
    }

    @Test
    void cloud_entities_carry_the_fields_of_the_crawl_contract() {
        var spaceIds = ids(cloud, EntityType.SPACE);
        var containerIds = ids(cloud, EntityType.PAGE);
        containerIds.addAll(ids(cloud, EntityType.BLOG_POST));
        var accountIds = ids(cloud, EntityType.CONFLUENCE_USER);
        var commentIds = ids(cloud, EntityType.CONFLUENCE_COMMENT);

        assertThat(cloud.get(EntityType.CONFLUENCE_USER)).allSatisfy(user -> {
            assertThat(user.name()).isNull();
            assertThat(user.attribute("displayName")).isNotBlank();
        });
        assertThat(cloud.get(EntityType.CONFLUENCE_USER))
                .as("hidden emails are absent, never empty")
                .allSatisfy(user -> assertThat(user.attributes().getOrDefault("email", "x"))
                        .isNotBlank()
                        .isLowerCase())
                .anySatisfy(user -> assertThat(user.attributes()).doesNotContainKey("email"));
        assertThat(cloud.get(EntityType.CONFLUENCE_GROUP))
                .allSatisfy(group -> assertThat(group.id()).isNotEqualTo(group.name()));
        assertContentContract(cloud, spaceIds);
        assertAttachmentContract(cloud, containerIds);
        assertCommentContract(cloud, containerIds, accountIds, commentIds);
    }

    @Test
    void migrated_content_has_equal_natural_keys_on_both_sides() {
        // given
        var cloudIdOf = truth.stream()
                .filter(GroundTruthRow::migrated)
                .collect(Collectors.toMap(r -> r.entityType() + "/" + r.serverId(), GroundTruthRow::cloudId));
        Function<String, String> anyContainer =
                id -> cloudIdOf.getOrDefault("confluence:page/" + id, cloudIdOf.get("confluence:blogpost/" + id));
        // then
        for (var type : List.of(
                EntityType.PAGE,
                EntityType.BLOG_POST,
                EntityType.CONFLUENCE_ATTACHMENT,
                EntityType.CONFLUENCE_COMMENT)) {
            var cloudById = byId(cloud.get(type));
            int compared = 0;
            for (var server : dc.get(type)) {
                var cloudId = cloudIdOf.get(type.namespace() + "/" + server.id());
                if (cloudId == null) {
                    continue;
                }
                var migrated = cloudById.get(cloudId);
                assertThat(migrated).as(type + " " + cloudId).isNotNull();
                assertThat(migrated.name()).as("name of " + server).isEqualTo(server.name());
                assertThat(migrated.attribute("created"))
                        .as("created of " + server)
                        .isEqualTo(server.attribute("created"));
                assertThat(migrated.attribute("size")).as("size of " + server).isEqualTo(server.attribute("size"));
                if (server.attribute("containerId") != null) {
                    assertThat(migrated.attribute("containerId"))
                            .as("container of " + server)
                            .isEqualTo(anyContainer.apply(server.attribute("containerId")));
                }
                if (server.attribute("parentPageId") != null) {
                    assertThat(migrated.attribute("parentPageId"))
                            .as("parent page of " + server)
                            .isEqualTo(cloudIdOf.get("confluence:page/" + server.attribute("parentPageId")));
                }
                if (server.attribute("author") != null) {
                    assertThat(migrated.attribute("author"))
                            .as("author of " + server)
                            .isEqualTo(cloudIdOf.get("identity:user/" + server.attribute("author")));
                }
                if (server.attribute("parentCommentId") != null) {
                    assertThat(migrated.attribute("parentCommentId"))
                            .as("parent comment of " + server)
                            .isEqualTo(cloudIdOf.get("confluence:comment/" + server.attribute("parentCommentId")));
                }
                compared++;
            }
            assertThat(compared).as("migrated " + type + " compared").isPositive();
        }
    }

    @Test
    void a_scope_crawled_twice_gives_the_same_entities_in_the_same_order() {
        // given
        var crawler = crawlers.open(Product.CONFLUENCE, Side.SOURCE, source(sim));
        var scopes = crawler.plan(EntityType.CONFLUENCE_COMMENT, Set.of());
        // when
        var first = new java.util.ArrayList<SiteEntity>();
        var second = new java.util.ArrayList<SiteEntity>();
        scopes.forEach(scope -> crawler.crawl(scope, first::add));
        scopes.forEach(scope -> crawler.crawl(scope, second::add));
        // then
        assertThat(second).isNotEmpty().isEqualTo(first);
    }

    @Test
    void content_is_planned_per_space_key_and_can_be_limited_to_some_spaces() {
        // given
        var crawler = crawlers.open(Product.CONFLUENCE, Side.SOURCE, source(sim));
        var someKey = dc.get(EntityType.SPACE).getFirst().name();
        // when
        var all = crawler.plan(EntityType.PAGE, Set.of());
        var some = crawler.plan(EntityType.PAGE, Set.of(someKey));
        // then
        assertThat(all).hasSize(dc.get(EntityType.SPACE).size());
        assertThat(some)
                .singleElement()
                .satisfies(scope -> assertThat(scope.containerKey()).isEqualTo(someKey));
        var pages = new java.util.ArrayList<SiteEntity>();
        crawler.crawl(some.getFirst(), pages::add);
        assertThat(pages)
                .isNotEmpty()
                .allSatisfy(page -> assertThat(page.parentId())
                        .isEqualTo(dc.get(EntityType.SPACE).getFirst().id()));
    }

    @Test
    void personal_spaces_carry_their_owner_on_both_sides_and_global_spaces_none() {
        // given
        var accountOf = truth.stream()
                .filter(r -> r.entityType().equals("identity:user") && r.migrated())
                .collect(Collectors.toMap(GroundTruthRow::serverId, GroundTruthRow::cloudId));
        var cloudSpaceOf = truth.stream()
                .filter(r -> r.entityType().equals("confluence:space") && r.migrated())
                .collect(Collectors.toMap(GroundTruthRow::serverId, GroundTruthRow::cloudId));
        var cloudSpaces =
                cloud.get(EntityType.SPACE).stream().collect(Collectors.toMap(SiteEntity::id, Function.identity()));
        var userKeys = ids(dc, EntityType.CONFLUENCE_USER);
        // then
        for (var site : List.of(dc, cloud)) {
            assertThat(site.get(EntityType.SPACE))
                    .filteredOn(space -> space.attribute("type").equals("global"))
                    .allSatisfy(space -> assertThat(space.attributes()).doesNotContainKey("owner"));
        }
        var personal = dc.get(EntityType.SPACE).stream()
                .filter(space -> space.attribute("type").equals("personal"))
                .toList();
        assertThat(personal).isNotEmpty().allSatisfy(space -> {
            assertThat(space.attribute("owner")).as("a DC user key").isIn(userKeys);
            var migratedTo = cloudSpaceOf.get(space.id());
            if (migratedTo != null) {
                var cloudSpace = cloudSpaces.get(migratedTo);
                assertThat(cloudSpace.attribute("owner"))
                        .as("Cloud shows the owner's account")
                        .isEqualTo(accountOf.get(space.attribute("owner")));
            }
        });
    }

    @Test
    void the_cloud_site_tells_which_account_each_server_user_became() {
        // given
        var crawler = crawlers.open(Product.CONFLUENCE, Side.DESTINATION, destination(sim));
        var users = truth.stream()
                .filter(r -> r.entityType().equals("identity:user"))
                .toList();
        var usernames =
                dc.get(EntityType.CONFLUENCE_USER).stream().collect(Collectors.toMap(SiteEntity::id, SiteEntity::name));
        // when
        var byKey = crawler.migratedAccountIds(
                users.stream().map(GroundTruthRow::serverId).toList(), true, skipped -> {
                    throw new AssertionError("no migration records: " + skipped);
                });
        var byUsername = crawler.migratedAccountIds(
                users.stream().map(r -> usernames.get(r.serverId())).toList(), false, skipped -> {
                    throw new AssertionError("no migration records: " + skipped);
                });
        // then
        var expected = users.stream()
                .filter(GroundTruthRow::migrated)
                .collect(Collectors.toMap(GroundTruthRow::serverId, GroundTruthRow::cloudId));
        assertThat(byKey).isEqualTo(expected);
        assertThat(byUsername).hasSameSizeAs(expected);
        byUsername.forEach(
                (username, accountId) -> assertThat(accountId).isEqualTo(expected.get(keyOf(usernames, username))));
    }

    @Test
    void wrong_data_center_credentials_fail_fast_naming_the_site() {
        // given
        var wrong = new SiteConnection(sim.sourceBaseUrl(), new SiteAuth.Basic("admin", "not-the-password"));
        var crawler = crawlers.open(Product.CONFLUENCE, Side.SOURCE, wrong);
        // when / then
        assertThatThrownBy(crawler::verifyAccess).isInstanceOfSatisfying(CrawlFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(CrawlFailure.Kind.AUTHENTICATION);
            assertThat(failure.getMessage())
                    .contains("Confluence source (Data Center) site " + sim.sourceBaseUrl())
                    .contains("HTTP 401")
                    .doesNotContain("not-the-password");
        });
    }

    @Test
    void a_wrong_cloud_api_token_fails_fast_naming_the_site() {
        // given
        var wrong = new SiteConnection(
                sim.destinationBaseUrl(),
                new SiteAuth.Basic(sim.destinationCredentials().login(), "expired-token"));
        var crawler = crawlers.open(Product.CONFLUENCE, Side.DESTINATION, wrong);
        // when / then
        assertThatThrownBy(crawler::verifyAccess).isInstanceOfSatisfying(CrawlFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(CrawlFailure.Kind.AUTHENTICATION);
            assertThat(failure.getMessage())
                    .contains("Confluence destination (Cloud) site " + sim.destinationBaseUrl())
                    .contains("HTTP 401")
                    .doesNotContain("expired-token");
        });
    }

    @Test
    void a_data_center_personal_access_token_sent_as_bearer_is_accepted() {
        // given
        var token = new SiteConnection(
                sim.sourceBaseUrl(),
                new SiteAuth.Bearer(
                        sim.sourceCredentials().personalAccessToken().orElseThrow()));
        var crawler = crawlers.open(Product.CONFLUENCE, Side.SOURCE, token);
        // when
        crawler.verifyAccess();
        // then
        assertThat(crawlType(crawler, EntityType.SPACE)).hasSameSizeAs(dc.get(EntityType.SPACE));
    }

    // --- contract checks shared by both sides

    private static void assertContentContract(Map<EntityType, List<SiteEntity>> site, Set<String> spaceIds) {
        var pageIds = ids(site, EntityType.PAGE);
        assertThat(site.get(EntityType.PAGE)).allSatisfy(page -> {
            assertThat(page.parentId()).as("space id of " + page).isIn(spaceIds);
            assertThat(page.name()).as("title").isNotBlank();
            assertThat(page.attribute("created")).matches(CONTRACT_INSTANT);
            if (page.attribute("parentPageId") != null) {
                assertThat(page.attribute("parentPageId")).isIn(pageIds);
            }
        });
        assertThat(site.get(EntityType.PAGE).stream().filter(p -> p.attribute("parentPageId") == null))
                .as("one home page per space")
                .hasSize(spaceIds.size());
        assertThat(site.get(EntityType.BLOG_POST)).allSatisfy(post -> {
            assertThat(post.parentId()).isIn(spaceIds);
            assertThat(post.name()).isNotBlank();
            assertThat(post.attribute("created")).matches(CONTRACT_INSTANT);
        });
    }

    private static void assertAttachmentContract(Map<EntityType, List<SiteEntity>> site, Set<String> containerIds) {
        assertThat(site.get(EntityType.CONFLUENCE_ATTACHMENT)).isNotEmpty().allSatisfy(attachment -> {
            assertThat(attachment.id()).as("numeric id").matches("\\d+");
            assertThat(attachment.parentId()).isNull();
            assertThat(attachment.name()).as("file name").isNotBlank();
            assertThat(attachment.attribute("containerId")).isIn(containerIds);
            assertThat(attachment.attribute("size")).matches("\\d+");
        });
    }

    private static void assertCommentContract(
            Map<EntityType, List<SiteEntity>> site, Set<String> containerIds, Set<String> users, Set<String> comments) {
        assertThat(site.get(EntityType.CONFLUENCE_COMMENT)).isNotEmpty().allSatisfy(comment -> {
            assertThat(comment.parentId()).isNull();
            assertThat(comment.name()).isNull();
            assertThat(comment.attribute("containerId")).isIn(containerIds);
            assertThat(comment.attribute("author")).isIn(users);
            assertThat(comment.attribute("created")).matches(CONTRACT_INSTANT);
            if (comment.attribute("parentCommentId") != null) {
                assertThat(comment.attribute("parentCommentId")).isIn(comments);
            }
        });
        assertThat(site.get(EntityType.CONFLUENCE_COMMENT))
                .as("replies name their parent")
                .anySatisfy(comment ->
                        assertThat(comment.attribute("parentCommentId")).isNotNull());
    }

    private static Set<String> ids(Map<EntityType, List<SiteEntity>> site, EntityType type) {
        return site.get(type).stream().map(SiteEntity::id).collect(Collectors.toCollection(java.util.HashSet::new));
    }

    private static Map<String, SiteEntity> byId(List<SiteEntity> entities) {
        var map = new HashMap<String, SiteEntity>();
        entities.forEach(e -> map.put(e.id(), e));
        return map;
    }

    private static String keyOf(Map<String, String> usernames, String username) {
        return usernames.entrySet().stream()
                .filter(e -> e.getValue().equals(username))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }
}
