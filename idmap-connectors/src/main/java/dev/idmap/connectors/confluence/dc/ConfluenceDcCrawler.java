package dev.idmap.connectors.confluence.dc;

import static dev.idmap.connectors.atlassian.AtlassianJson.instant;
import static dev.idmap.connectors.atlassian.AtlassianJson.text;

import dev.idmap.connectors.atlassian.Attributes;
import dev.idmap.connectors.confluence.ConfluenceCrawler;
import dev.idmap.connectors.confluence.ConfluencePages;
import dev.idmap.connectors.confluence.ConfluencePages.NextLinks;
import dev.idmap.connectors.confluence.InOrder;
import dev.idmap.connectors.http.Query;
import dev.idmap.connectors.http.SiteClient;
import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.EntitySink;
import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Crawls a Confluence Data Center site (the migration's source) through {@code /rest/api}: spaces, content through
 * the {@code /content/scan} cursor (Confluence 7.18+; older sites through {@code /content} offset paging),
 * attachments per page or blog post, comments through the scan cursor (else per page or blog post), users and
 * groups.
 *
 * <p>Data Center does not expose users' e-mail addresses over REST: users are mapped through the Cloud site's
 * migration records.
 */
public final class ConfluenceDcCrawler extends ConfluenceCrawler {

    private static final String API = "/rest/api";
    /** {@code /space}: "may be restricted by fixed system limits"; ask for many and follow the links. */
    private static final int SPACE_PAGE = 500;
    /** Content with expansions: Confluence caps lists at 200 (CONFSERVER KB on REST result limits). */
    private static final int CONTENT_PAGE = 200;
    /** {@code /child/attachment} and {@code /child/comment}: no documented maximum. */
    private static final int CHILDREN_PAGE = 200;
    /** {@code /user/list}: "may be restricted by fixed system limits". */
    private static final int USER_PAGE = 200;
    /** {@code /group}: default 200. */
    private static final int GROUP_PAGE = 200;

    /** Per-content listings read at once; the site client bounds the requests actually in flight. */
    private static final int LISTINGS_AT_ONCE = 8;

    /** Cloud only: {@code /wiki/rest/api/settings/systemInfo}, relative to a base URL that ends in {@code /wiki}. */
    private static final String SYSTEM_INFO = API + "/settings/systemInfo";

    private static final String SCAN = API + "/content/scan";
    private static final String CONTENT = API + "/content";
    private static final String ATTACHMENTS = API + "/content/{id}/child/attachment";
    private static final String COMMENTS = API + "/content/{id}/child/comment";

    /** Whether this site has {@code /content/scan}; null until the first scan asked. */
    private volatile Boolean scanAvailable;
    /** Whether this site scans comments ({@code type=comment}); null until first asked. */
    private volatile Boolean commentScanAvailable;

    public ConfluenceDcCrawler(SiteClient client) {
        super(client, Side.SOURCE);
        wholeSite(EntityType.CONFLUENCE_USER, (space, sink) -> users(sink));
        wholeSite(EntityType.CONFLUENCE_GROUP, (space, sink) -> groups(sink));
        perSpace(
                EntityType.PAGE,
                (space, sink) ->
                        forEachContent(space, "page", "history,ancestors", page -> sink.accept(page(page, space))));
        perSpace(
                EntityType.BLOG_POST,
                (space, sink) ->
                        forEachContent(space, "blogpost", "history", post -> sink.accept(blogPost(post, space))));
        perSpace(EntityType.CONFLUENCE_ATTACHMENT, this::attachments);
        perSpace(EntityType.CONFLUENCE_COMMENT, this::comments);
    }

    /**
     * Reads one page of spaces (credentials), refuses a Confluence Cloud site (see {@link #refuseCloud}), and reads
     * one group's members, which only a Confluence administrator may list: the crawl needs an administrator to see
     * every space, and the Cloud side's migration records too.
     */
    @Override
    public void verifyAccess() {
        try {
            client.get(API + "/space", API + "/space", Query.of("limit", 1));
        } catch (CrawlFailure failure) {
            if (failure.kind() == CrawlFailure.Kind.NOT_OFFERED) {
                refuseCloud(SYSTEM_INFO);
                refuseCloud("/wiki" + SYSTEM_INFO);
                throw new CrawlFailure(
                        CrawlFailure.Kind.UNEXPECTED,
                        client.site() + " answered 404 for GET " + API + "/space: is this a Confluence Server/Data"
                                + " Center site, and is the base URL right (with its context path, e.g."
                                + " https://wiki.example.com/confluence)?",
                        failure.exchange().orElseThrow());
            }
            throw failure;
        }
        refuseCloud(SYSTEM_INFO);
        var groups =
                client.get(API + "/group", API + "/group", Query.of("limit", 1)).path("results");
        if (groups.isEmpty()) {
            return;
        }
        var name = text(groups.get(0), "name");
        try {
            client.getIfFound(
                    API + "/group/{groupName}/member",
                    API + "/group/" + pathSegment(name) + "/member",
                    Query.of("limit", 1));
        } catch (CrawlFailure failure) {
            if (failure.kind() == CrawlFailure.Kind.PERMISSION) {
                throw new CrawlFailure(
                        CrawlFailure.Kind.PERMISSION,
                        client.site() + ": the account is not a Confluence administrator (GET " + API
                                + "/group/{groupName}/member answered HTTP 403); crawl with an account that has the"
                                + " global permission 'Confluence Administrator' so that every space and user is"
                                + " visible",
                        failure);
            }
            throw failure;
        }
    }

    /**
     * Confluence Cloud's {@code GET /wiki/rest/api/settings/systemInfo} names the tenant ({@code cloudId}); Data
     * Center has no such resource (404). A Cloud URL given with {@code /wiki} may answer the space listing like a Data
     * Center site would, so the check runs on every source site; given without, the space listing is not there and
     * {@code /wiki/…} tells the two apart.
     */
    private void refuseCloud(String systemInfo) {
        client.getIfPermitted(systemInfo, systemInfo, Query.of())
                .filter(info -> text(info, "cloudId") != null)
                .ifPresent(info -> {
                    throw new CrawlFailure(
                            CrawlFailure.Kind.UNEXPECTED,
                            client.site() + " is a Confluence Cloud site (GET " + systemInfo + " names cloudId "
                                    + text(info, "cloudId") + "): the source must be the Server/Data Center site"
                                    + " the data was migrated from; are the source and the destination swapped?");
                });
    }

    // --- users and groups

    private void users(EntitySink sink) {
        ConfluencePages.follow(
                client,
                API + "/user/list",
                API + "/user/list",
                Query.of("limit", USER_PAGE, "expand", "status"),
                NextLinks.DATA_CENTER,
                u -> sink.accept(new SiteEntity(
                        EntityType.CONFLUENCE_USER,
                        text(u, "userKey"),
                        null,
                        text(u, "username"),
                        Attributes.of()
                                .with("displayName", text(u, "displayName"))
                                .build())));
    }

    private void groups(EntitySink sink) {
        ConfluencePages.follow(
                client,
                API + "/group",
                API + "/group",
                Query.of("limit", GROUP_PAGE),
                NextLinks.DATA_CENTER,
                g -> sink.accept(
                        new SiteEntity(EntityType.CONFLUENCE_GROUP, text(g, "name"), null, text(g, "name"), Map.of())));
    }

    // --- spaces

    @Override
    protected void forEachSpace(Consumer<SiteEntity> each) {
        ConfluencePages.follow(
                client,
                API + "/space",
                API + "/space",
                Query.of("limit", SPACE_PAGE, "expand", "creator"),
                NextLinks.DATA_CENTER,
                s -> each.accept(new SiteEntity(
                        EntityType.SPACE,
                        text(s, "id"),
                        null,
                        text(s, "key"),
                        Attributes.of()
                                .with("name", text(s, "name"))
                                .with("type", text(s, "type"))
                                .with("owner", personalSpaceOwner(s))
                                .build())));
    }

    /**
     * The owner of a personal space: its creator's user key ({@code expand=creator}), the user the space was made
     * for. Versions that ignore the expand leave the creator out; the key {@code ~username} then names the owner, whose
     * user key {@code GET /user?username=} gives (a renamed or deleted owner is not found: the space has no owner).
     * Global spaces have no owner.
     */
    private String personalSpaceOwner(JsonNode space) {
        if (!"personal".equals(text(space, "type"))) {
            return null;
        }
        var creator = text(space.path("creator"), "userKey");
        var key = text(space, "key");
        if (creator != null || key == null || !key.startsWith("~") || key.length() < 2) {
            return creator;
        }
        return client.getIfFound(API + "/user", API + "/user", Query.of("username", key.substring(1)))
                .map(user -> text(user, "userKey"))
                .orElse(null);
    }

    // --- content

    private static SiteEntity page(JsonNode page, SiteEntity space) {
        var ancestors = page.path("ancestors");
        var parent = ancestors.isEmpty() ? null : text(ancestors.get(ancestors.size() - 1), "id");
        return new SiteEntity(
                EntityType.PAGE,
                text(page, "id"),
                space.id(),
                text(page, "title"),
                Attributes.of()
                        .with("parentPageId", parent)
                        .with("created", instant(text(page.path("history"), "createdDate")))
                        .build());
    }

    private static SiteEntity blogPost(JsonNode post, SiteEntity space) {
        return new SiteEntity(
                EntityType.BLOG_POST,
                text(post, "id"),
                space.id(),
                text(post, "title"),
                Attributes.of()
                        .with("created", instant(text(post.path("history"), "createdDate")))
                        .build());
    }

    /**
     * Every current page (or blog post) of a space in id order through {@code /content/scan}, the items of each
     * page after the first handed to {@code each} as they are parsed, and {@code afterEachPage} run once each page is
     * read ({@code each} sends no requests; see {@link ConfluencePages#scanAfter}); a site without the scan
     * (before 7.18, 404) is read through {@code /content} offset paging, in the order the site gives, with
     * {@code afterEachPage} run once at the end.
     */
    private void forEachContent(
            SiteEntity space, String type, String expand, Consumer<JsonNode> each, Runnable afterEachPage) {
        var query = Query.of("spaceKey", space.name(), "type", type)
                .and("status", "current")
                .and("limit", CONTENT_PAGE)
                .and("expand", expand);
        if (!Boolean.FALSE.equals(scanAvailable)) {
            var first = client.getStreamedIfFound(SCAN, SCAN, query, "results", each);
            scanAvailable = first.isPresent();
            if (first.isPresent()) {
                afterEachPage.run();
                ConfluencePages.scanAfter(client, SCAN, SCAN, query, first.get(), each, afterEachPage);
                return;
            }
        }
        ConfluencePages.follow(client, CONTENT, CONTENT, query, NextLinks.DATA_CENTER, each);
        afterEachPage.run();
    }

    private void forEachContent(SiteEntity space, String type, String expand, Consumer<JsonNode> each) {
        forEachContent(space, type, expand, each, () -> {});
    }

    /**
     * The ids of a space's pages, then of its blog posts, streamed in the order they are listed; {@code each} may
     * send requests (it runs once a page of the listing is read).
     */
    private void forEachContainerId(SiteEntity space, Consumer<String> each) {
        var ids = new ArrayList<String>();
        for (var type : new String[] {"page", "blogpost"}) {
            forEachContent(space, type, null, c -> ids.add(text(c, "id")), () -> {
                ids.forEach(each);
                ids.clear();
            });
        }
    }

    // --- attachments

    /**
     * The attachments of every page and blog post of the space, one listing per page or blog post; a few listings
     * are read at once ({@value #LISTINGS_AT_ONCE}) and handed on in content order.
     */
    private void attachments(SiteEntity space, EntitySink sink) {
        try (var listings = new InOrder<String, SiteEntity>(
                LISTINGS_AT_ONCE, id -> attachmentsOf(space.name(), id, sink), sink::accept)) {
            forEachContainerId(space, listings::submit);
        }
    }

    private List<SiteEntity> attachmentsOf(String spaceKey, String containerId, EntitySink sink) {
        return children(
                sink,
                EntityType.CONFLUENCE_ATTACHMENT,
                spaceKey,
                containerId,
                ATTACHMENTS,
                "attachment",
                Query.of("limit", CHILDREN_PAGE),
                a -> new SiteEntity(
                        EntityType.CONFLUENCE_ATTACHMENT,
                        attachmentNumber(text(a, "id")),
                        null,
                        text(a, "title"),
                        Attributes.of()
                                .with("containerId", containerId)
                                .with("size", text(a.path("extensions"), "fileSize"))
                                .build()));
    }

    /**
     * The children of one page or blog post ({@code /content/{id}/child/attachment} or {@code …/comment}); content
     * gone since it was listed (404) has none, recorded as a detail not available.
     */
    private List<SiteEntity> children(
            EntitySink sink,
            EntityType type,
            String spaceKey,
            String containerId,
            String template,
            String child,
            Query query,
            java.util.function.Function<JsonNode, SiteEntity> entity) {
        var children = new ArrayList<SiteEntity>();
        followUp(
                sink::skipped,
                type,
                "page or blog post " + containerId + " in " + spaceKey,
                "the " + child + "s of these pages and blog posts are not in the reports",
                () -> ConfluencePages.follow(
                        client,
                        template,
                        API + "/content/" + containerId + "/child/" + child,
                        query,
                        NextLinks.DATA_CENTER,
                        c -> children.add(entity.apply(c))));
        return children;
    }

    /** {@code att65545} → {@code 65545}: the crawl contract's (and the reports') attachment id. */
    static String attachmentNumber(String id) {
        return id != null && id.startsWith("att") ? id.substring(3) : id;
    }

    // --- comments

    /**
     * Every comment of the space (footer and inline, replies included) through the scan cursor
     * ({@code type=comment}); a site that cannot scan comments is read per page and blog post with
     * {@code depth=all}.
     */
    private void comments(SiteEntity space, EntitySink sink) {
        var query = Query.of("spaceKey", space.name(), "type", "comment")
                .and("status", "current")
                .and("limit", CONTENT_PAGE)
                .and("expand", "container,history,ancestors");
        if (!Boolean.FALSE.equals(commentScanAvailable)) {
            var first = client.send(SCAN, SCAN, query);
            commentScanAvailable = first.status() / 100 == 2;
            if (first.status() / 100 == 2) {
                Consumer<JsonNode> each = c -> sink.accept(comment(c, text(c.path("container"), "id")));
                var results = first.body().path("results");
                results.forEach(each);
                ConfluencePages.scanAfter(
                        client,
                        SCAN,
                        SCAN,
                        query,
                        new SiteClient.StreamedPage(first.body(), results.size()),
                        each,
                        () -> {});
                return;
            }
            if (first.status() != 404 && first.status() != 400) {
                throw client.unexpected(SCAN, first);
            }
        }
        try (var listings = new InOrder<String, SiteEntity>(
                LISTINGS_AT_ONCE, id -> commentsOf(space.name(), id, sink), sink::accept)) {
            forEachContainerId(space, listings::submit);
        }
    }

    private List<SiteEntity> commentsOf(String spaceKey, String containerId, EntitySink sink) {
        return children(
                sink,
                EntityType.CONFLUENCE_COMMENT,
                spaceKey,
                containerId,
                COMMENTS,
                "comment",
                Query.of("depth", "all", "limit", CHILDREN_PAGE).and("expand", "history,ancestors"),
                c -> comment(c, containerId));
    }

    private static SiteEntity comment(JsonNode comment, String containerId) {
        var ancestors = comment.path("ancestors");
        String parent = null;
        for (var ancestor : ancestors) {
            if ("comment".equals(text(ancestor, "type"))) {
                parent = text(ancestor, "id");
            }
        }
        var history = comment.path("history");
        return new SiteEntity(
                EntityType.CONFLUENCE_COMMENT,
                text(comment, "id"),
                null,
                null,
                Attributes.of()
                        .with("containerId", containerId)
                        .with("author", text(history.path("createdBy"), "userKey"))
                        .with("created", instant(text(history, "createdDate")))
                        .with("parentCommentId", parent)
                        .build());
    }

    private static String pathSegment(String raw) {
        return java.net.URLEncoder.encode(raw, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
