package dev.idmap.connectors.confluence.cloud;

import static dev.idmap.connectors.atlassian.AtlassianJson.instant;
import static dev.idmap.connectors.atlassian.AtlassianJson.text;

import dev.idmap.connectors.atlassian.Attributes;
import dev.idmap.connectors.confluence.ConfluenceCrawler;
import dev.idmap.connectors.confluence.ConfluencePages;
import dev.idmap.connectors.confluence.ConfluencePages.NextLinks;
import dev.idmap.connectors.http.Query;
import dev.idmap.connectors.http.SiteClient;
import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.EntitySink;
import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.crawl.SkippedDetail;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Crawls a Confluence Cloud site (the migration's destination) through REST v2 ({@code /wiki/api/v2}: spaces,
 * pages, blog posts, attachments, footer and inline comments) and v1 ({@code /wiki/rest/api}: users, groups), and
 * answers which accountId each server user became ({@code /user/bulk/migration}).
 *
 * <p>Pages and blog posts are listed per space. Attachments and comments are listed site-wide: v2 lists them
 * site-wide with their page or blog post and, for replies, their parent comment, at 250 a page, whereas a
 * per-space listing would cost a request per page or blog post plus one per comment (a page's comment list holds
 * root comments only; replies come from each comment's {@code /children}).
 */
public final class ConfluenceCloudCrawler extends ConfluenceCrawler {

    private static final String V2 = "/wiki/api/v2";
    private static final String V1 = "/wiki/rest/api";
    /** Every v2 list: "limit … maximum 250". */
    private static final int V2_PAGE = 250;
    /** v1 {@code /group} and {@code /user/bulk/migration}: maximum 200. */
    private static final int V1_PAGE = 200;
    /** v1 {@code /search/user}: no documented maximum; the links followed carry what the site applied. */
    private static final int USER_SEARCH_PAGE = 200;
    /** Data Center only: the build a site runs. */
    private static final String SERVER_INFORMATION = "/rest/api/server-information";
    /**
     * Without the migration records only e-mail addresses could match users, and Confluence Data Center does not show
     * them over REST.
     */
    private static final String NO_MIGRATION_RECORDS = "no migration records: server users can only be matched by"
            + " e-mail address, which Confluence Data Center does not show over REST, so they are reported UNMATCHED"
            + " (and personal spaces are matched by key only)";

    /** Users named per {@code /user/bulk/migration} request (repeated query parameters, one URL). */
    private static final int MIGRATION_BATCH = 100;

    public ConfluenceCloudCrawler(SiteClient client) {
        super(client, Side.DESTINATION);
        wholeSite(EntityType.CONFLUENCE_USER, (space, sink) -> users(sink));
        wholeSite(EntityType.CONFLUENCE_GROUP, (space, sink) -> groups(sink));
        perSpace(EntityType.PAGE, this::pages);
        perSpace(EntityType.BLOG_POST, this::blogPosts);
        wholeSite(EntityType.CONFLUENCE_ATTACHMENT, (space, sink) -> attachments(sink));
        wholeSite(EntityType.CONFLUENCE_COMMENT, (space, sink) -> comments(sink));
    }

    /**
     * Reads one space (credentials), then asks the migration records for a user that does not exist, which only
     * a Confluence administrator may do: user mapping depends on it (a site without the records, 404, is mapped
     * without them and not asked again: a detail not available, see {@link #NO_MIGRATION_RECORDS}; the account's
     * administrator rights are then not proven, and a later 403 still fails the run). A site without REST v2 is not Confluence Cloud:
     * a Data Center site (which names its build at {@code /rest/api/server-information}) is refused as such.
     */
    @Override
    public void verifyAccess() {
        try {
            client.get(V2 + "/spaces", V2 + "/spaces", Query.of("limit", 1));
        } catch (CrawlFailure failure) {
            if (failure.kind() != CrawlFailure.Kind.NOT_OFFERED) {
                throw failure;
            }
            var build = client.getIfPermitted(SERVER_INFORMATION, SERVER_INFORMATION, Query.of())
                    .map(info -> text(info, "version"));
            if (build.isPresent()) {
                throw new CrawlFailure(
                        CrawlFailure.Kind.UNEXPECTED,
                        client.site() + " is a Confluence Server/Data Center site (GET " + SERVER_INFORMATION
                                + " names version " + build.get() + "): the destination must be the Cloud site the"
                                + " data was migrated to; are the source and the destination swapped?");
            }
            throw new CrawlFailure(
                    CrawlFailure.Kind.UNEXPECTED,
                    client.site() + " answered 404 for GET " + V2 + "/spaces: is this the Confluence Cloud site, and"
                            + " is its URL given without /wiki (e.g. https://company.atlassian.net)?",
                    failure.exchange().orElseThrow());
        }
        try {
            followUpUnlessMissing(
                    V1 + "/user/bulk/migration",
                    accessCheck(),
                    EntityType.CONFLUENCE_USER,
                    NO_MIGRATION_RECORDS,
                    () -> client.get(
                            V1 + "/user/bulk/migration",
                            V1 + "/user/bulk/migration",
                            Query.of("key", "idmap-access-check", "limit", 1)));
        } catch (CrawlFailure failure) {
            if (failure.kind() == CrawlFailure.Kind.PERMISSION) {
                throw new CrawlFailure(
                        CrawlFailure.Kind.PERMISSION,
                        client.site() + ": the account is not a Confluence administrator (GET " + V1
                                + "/user/bulk/migration answered HTTP 403); users can only be mapped through the"
                                + " migration records with an administrator's API token: grant the account the"
                                + " 'Confluence Administrator' permission or use an administrator's account",
                        failure);
            }
            throw failure;
        }
    }

    // --- users and groups

    private void users(EntitySink sink) {
        ConfluencePages.follow(
                client,
                V1 + "/search/user",
                V1 + "/search/user",
                Query.of("cql", "type=user", "limit", USER_SEARCH_PAGE),
                NextLinks.CLOUD_V1,
                result -> {
                    var user = result.path("user");
                    var email = text(user, "email");
                    sink.accept(new SiteEntity(
                            EntityType.CONFLUENCE_USER,
                            text(user, "accountId"),
                            null,
                            null,
                            Attributes.of()
                                    .with(
                                            "email",
                                            email == null || email.isBlank() ? null : email.toLowerCase(Locale.ROOT))
                                    .with("displayName", text(user, "displayName"))
                                    .build()));
                });
    }

    private void groups(EntitySink sink) {
        ConfluencePages.follow(
                client,
                V1 + "/group",
                V1 + "/group",
                Query.of("limit", V1_PAGE),
                NextLinks.CLOUD_V1,
                g -> sink.accept(
                        new SiteEntity(EntityType.CONFLUENCE_GROUP, text(g, "id"), null, text(g, "name"), Map.of())));
    }

    /**
     * Asks {@code /user/bulk/migration} in batches of {@value #MIGRATION_BATCH} users, following each batch's
     * {@code _links.next}. Users that were not migrated are absent from the answer.
     */
    @Override
    public boolean keepsMigrationRecords() {
        return true;
    }

    @Override
    public Map<String, String> migratedAccountIds(
            Collection<String> serverUsers, boolean byKey, Consumer<SkippedDetail> skipped) {
        var accountIds = new TreeMap<String, String>();
        followUpUnlessMissing(
                V1 + "/user/bulk/migration",
                skipped,
                EntityType.CONFLUENCE_USER,
                NO_MIGRATION_RECORDS,
                () -> askMigrationRecords(serverUsers, byKey, accountIds));
        return accountIds;
    }

    private void askMigrationRecords(Collection<String> serverUsers, boolean byKey, Map<String, String> accountIds) {
        var parameter = byKey ? "key" : "username";
        var users = new ArrayList<>(new TreeSet<>(serverUsers));
        for (int from = 0; from < users.size(); from += MIGRATION_BATCH) {
            var batch = users.subList(from, Math.min(users.size(), from + MIGRATION_BATCH));
            ConfluencePages.follow(
                    client,
                    V1 + "/user/bulk/migration",
                    V1 + "/user/bulk/migration",
                    Query.of().andEach(parameter, batch).and("limit", V1_PAGE),
                    NextLinks.CLOUD_V1,
                    m -> {
                        var user = text(m, parameter);
                        var accountId = text(m, "accountId");
                        if (user != null && accountId != null) {
                            accountIds.put(user, accountId);
                        }
                    });
        }
    }

    // --- spaces

    @Override
    protected void forEachSpace(Consumer<SiteEntity> each) {
        ConfluencePages.follow(
                client,
                V2 + "/spaces",
                V2 + "/spaces",
                Query.of("limit", V2_PAGE),
                NextLinks.CLOUD_V2,
                s -> each.accept(new SiteEntity(
                        EntityType.SPACE,
                        text(s, "id"),
                        null,
                        text(s, "key"),
                        Attributes.of()
                                .with("name", text(s, "name"))
                                .with("type", text(s, "type"))
                                .with("owner", "personal".equals(text(s, "type")) ? text(s, "authorId") : null)
                                .build())));
    }

    // --- pages and blog posts

    private void pages(SiteEntity space, EntitySink sink) {
        ConfluencePages.follow(
                client,
                V2 + "/spaces/{id}/pages",
                V2 + "/spaces/" + space.id() + "/pages",
                Query.of("status", "current", "limit", V2_PAGE),
                NextLinks.CLOUD_V2,
                p -> sink.accept(new SiteEntity(
                        EntityType.PAGE,
                        text(p, "id"),
                        space.id(),
                        text(p, "title"),
                        Attributes.of()
                                .with("parentPageId", "page".equals(text(p, "parentType")) ? text(p, "parentId") : null)
                                .with("created", instant(text(p, "createdAt")))
                                .build())));
    }

    private void blogPosts(SiteEntity space, EntitySink sink) {
        ConfluencePages.follow(
                client,
                V2 + "/spaces/{id}/blogposts",
                V2 + "/spaces/" + space.id() + "/blogposts",
                Query.of("status", "current", "limit", V2_PAGE),
                NextLinks.CLOUD_V2,
                b -> sink.accept(new SiteEntity(
                        EntityType.BLOG_POST,
                        text(b, "id"),
                        space.id(),
                        text(b, "title"),
                        Attributes.of()
                                .with("created", instant(text(b, "createdAt")))
                                .build())));
    }

    // --- attachments and comments, site-wide

    private void attachments(EntitySink sink) {
        ConfluencePages.follow(
                client,
                V2 + "/attachments",
                V2 + "/attachments",
                Query.of("status", "current", "limit", V2_PAGE),
                NextLinks.CLOUD_V2,
                a -> sink.accept(new SiteEntity(
                        EntityType.CONFLUENCE_ATTACHMENT,
                        attachmentNumber(text(a, "id")),
                        null,
                        text(a, "title"),
                        Attributes.of()
                                .with("containerId", containerId(a))
                                .with("size", text(a, "fileSize"))
                                .build())));
    }

    /** Footer comments, then inline comments, replies included. */
    private void comments(EntitySink sink) {
        for (var kind : new String[] {"/footer-comments", "/inline-comments"}) {
            ConfluencePages.follow(
                    client,
                    V2 + kind,
                    V2 + kind,
                    Query.of("limit", V2_PAGE),
                    NextLinks.CLOUD_V2,
                    c -> sink.accept(comment(kind, c, sink)));
        }
    }

    /**
     * A comment with its author and creation time. v2 lists a comment with its current version only; an edited
     * comment (version above 1) is asked for its first version, which holds who wrote it and when, as Data
     * Center's {@code history.createdBy} and {@code createdDate} do.
     */
    private SiteEntity comment(String kind, JsonNode comment, EntitySink sink) {
        var id = text(comment, "id");
        var version = comment.path("version");
        if (version.path("number").asInt(1) > 1) {
            var first = new JsonNode[] {JsonNodeFactory.instance.missingNode()};
            followUp(
                    sink::skipped,
                    EntityType.CONFLUENCE_COMMENT,
                    "comment " + id,
                    "these comments are matched without their author and creation time",
                    () -> first[0] = client.get(
                            V2 + kind + "/{id}/versions/{version-number}",
                            V2 + kind + "/" + id + "/versions/1",
                            Query.of()));
            version = first[0];
        }
        return new SiteEntity(
                EntityType.CONFLUENCE_COMMENT,
                id,
                null,
                null,
                Attributes.of()
                        .with("containerId", containerId(comment))
                        .with("author", text(version, "authorId"))
                        .with("created", instant(text(version, "createdAt")))
                        .with("parentCommentId", text(comment, "parentCommentId"))
                        .build());
    }

    private static String containerId(JsonNode item) {
        var pageId = text(item, "pageId");
        return pageId != null ? pageId : text(item, "blogPostId");
    }

    /** v2 attachment ids may carry v1's {@code att} prefix; the crawl contract wants the number. */
    static String attachmentNumber(String id) {
        return id != null && id.startsWith("att") ? id.substring(3) : id;
    }
}
