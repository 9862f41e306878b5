package dev.idmap.sim.confluence;

import dev.idmap.sim.confluence.ConfluenceContent.Attachment;
import dev.idmap.sim.confluence.ConfluenceContent.CloudOnlyPage;
import dev.idmap.sim.confluence.ConfluenceContent.Comment;
import dev.idmap.sim.confluence.ConfluenceContent.Content;
import dev.idmap.sim.confluence.ConfluenceContent.Location;
import dev.idmap.sim.confluence.ConfluenceSpaces.CloudOnlySpace;
import dev.idmap.sim.confluence.ConfluenceSpaces.Space;
import dev.idmap.sim.http.Cursors;
import dev.idmap.sim.http.Handler;
import dev.idmap.sim.http.HttpSite;
import dev.idmap.sim.http.Json;
import dev.idmap.sim.http.SimHttpException;
import dev.idmap.sim.http.SimRequest;
import dev.idmap.sim.http.SimResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Confluence Cloud site after the migration: REST v2 under {@code /wiki/api/v2} (cursor paging with
 * {@code _links.next} and a {@code Link} header, default 25 or 50, maximum 250, larger limits silently capped). The v1
 * endpoints v2 lacks are {@link ConfluenceCloudV1Api}.
 */
final class ConfluenceCloudApi {

    static final String V2 = "/wiki/api/v2";
    static final int V2_MAX = 250;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** A page as Cloud shows it, migrated or created on Cloud. */
    record CloudPage(
            long id,
            String title,
            long spaceId,
            String spaceKey,
            OptionalLong parentId,
            int position,
            String authorId,
            Instant createdAt,
            int version) {}

    /** A space as Cloud shows it. */
    record CloudSpace(
            long id,
            String key,
            String name,
            String type,
            String status,
            String authorId,
            Instant createdAt,
            long homepageId,
            Optional<Space> source) {}

    private final ConfluencePeople people;
    private final ConfluenceSpaces spaces;
    private final ConfluenceContent content;
    private final List<CloudSpace> cloudSpaces = new ArrayList<>();
    private final Map<Long, CloudSpace> cloudSpacesById = new LinkedHashMap<>();

    ConfluenceCloudApi(ConfluenceScenario scenario) {
        this.people = scenario.people();
        this.spaces = scenario.spaces();
        this.content = scenario.content();
        for (Space space : spaces.migrated()) {
            Content home = content.at(space.firstPosition());
            String author = accountOf(space.creator(home));
            cloudSpaces.add(new CloudSpace(
                    space.cloudId().orElseThrow(),
                    space.cloudKey(),
                    space.name(),
                    space.type(),
                    space.status(),
                    author,
                    space.createdAt(),
                    home.cloudId(),
                    Optional.of(space)));
        }
        for (CloudOnlySpace space : spaces.cloudOnly()) {
            cloudSpaces.add(new CloudSpace(
                    space.id(),
                    space.key(),
                    space.name(),
                    "global",
                    "current",
                    space.authorId(),
                    space.createdAt(),
                    content.cloudOnlyHomepage(space),
                    Optional.empty()));
        }
        cloudSpaces.forEach(s -> cloudSpacesById.put(s.id(), s));
    }

    void register(HttpSite.Builder site) {
        site.errors(ConfluenceErrors.REST_API)
                .get(V2 + "/spaces", v2(this::spaces))
                .get(V2 + "/spaces/{id}", v2(this::space))
                .get(V2 + "/spaces/{id}/pages", v2(this::pagesInSpace))
                .get(V2 + "/spaces/{id}/blogposts", v2(this::blogPostsInSpace))
                .get(V2 + "/pages", v2(this::pages))
                .get(V2 + "/pages/{id}", v2(this::page))
                .get(V2 + "/pages/{id}/children", v2(this::childPages))
                .get(V2 + "/blogposts", v2(this::blogPosts))
                .get(V2 + "/blogposts/{id}", v2(this::blogPost))
                .get(V2 + "/attachments", v2(this::allAttachments))
                .get(V2 + "/pages/{id}/attachments", v2(r -> containerAttachments(r, true)))
                .get(V2 + "/blogposts/{id}/attachments", v2(r -> containerAttachments(r, false)))
                .get(V2 + "/footer-comments", v2(r -> allComments(r, Location.FOOTER)))
                .get(V2 + "/inline-comments", v2(r -> allComments(r, Location.INLINE)))
                .get(V2 + "/pages/{id}/footer-comments", v2(r -> containerComments(r, true, Location.FOOTER)))
                .get(V2 + "/pages/{id}/inline-comments", v2(r -> containerComments(r, true, Location.INLINE)))
                .get(V2 + "/blogposts/{id}/footer-comments", v2(r -> containerComments(r, false, Location.FOOTER)))
                .get(V2 + "/blogposts/{id}/inline-comments", v2(r -> containerComments(r, false, Location.INLINE)))
                .get(V2 + "/footer-comments/{id}/children", v2(r -> children(r, Location.FOOTER)))
                .get(V2 + "/inline-comments/{id}/children", v2(r -> children(r, Location.INLINE)));
        new ConfluenceCloudV1Api(people).register(site);
    }

    /** v2 answers refusals in its own error shape. */
    private static Handler v2(Handler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (SimHttpException refused) {
                return ConfluenceErrors.V2.render(refused.status(), refused.getMessage());
            }
        };
    }

    // ---- spaces

    private SimResponse spaces(SimRequest request) {
        Set<String> ids = new HashSet<>(request.params("ids"));
        Set<String> keys = new HashSet<>(request.params("keys"));
        Optional<String> type = request.param("type");
        Optional<String> status = request.param("status");
        type.ifPresent(t -> requireOneOf("type", t, "global", "collaboration", "knowledge_base", "personal"));
        status.ifPresent(s -> requireOneOf("status", s, "current", "archived"));
        List<CloudSpace> matching = cloudSpaces.stream()
                .filter(s -> ids.isEmpty() || ids.contains(Long.toString(s.id())))
                .filter(s -> keys.isEmpty() || keys.contains(s.key()))
                .filter(s -> type.isEmpty() || type.get().equals(s.type()))
                .filter(s -> status.isEmpty() || status.get().equals(s.status()))
                .toList();
        return cursorPage(request, V2 + "/spaces", 25, Listing.of(matching), s -> spaceJson(request, s));
    }

    private SimResponse space(SimRequest request) {
        CloudSpace space = cloudSpace(request.pathParam("id"));
        return SimResponse.json(spaceJson(request, space));
    }

    private ObjectNode spaceJson(SimRequest request, CloudSpace space) {
        var node = Json.object();
        node.put("id", Long.toString(space.id()));
        node.put("key", space.key());
        node.put("name", space.name());
        node.put("type", space.type());
        node.put("status", space.status());
        node.put("authorId", space.authorId());
        node.put("createdAt", TIME.format(space.createdAt()));
        node.put("homepageId", Long.toString(space.homepageId()));
        node.putObject("_links").put("webui", "/spaces/" + space.key());
        return node;
    }

    private CloudSpace cloudSpace(String id) {
        return parseId(id)
                .map(cloudSpacesById::get)
                .orElseThrow(() -> SimHttpException.notFound("Space " + id + " was not found."));
    }

    // ---- pages and blog posts

    private SimResponse pages(SimRequest request) {
        List<String> spaceIds = request.params("space-id");
        List<String> ids = request.params("id");
        requireAtMost("space-id", spaceIds, 100);
        requireAtMost("id", ids, 250);
        Listing<CloudPage> listing;
        if (!ids.isEmpty()) {
            var found = new ArrayList<CloudPage>();
            ids.stream()
                    .map(ConfluenceCloudApi::parseId)
                    .flatMap(Optional::stream)
                    .sorted()
                    .forEach(id -> pageById(id).ifPresent(found::add));
            listing = Listing.of(found);
        } else if (!spaceIds.isEmpty()) {
            listing = Listing.empty();
            for (String spaceId : spaceIds.stream().distinct().sorted().toList()) {
                Optional<CloudSpace> space = parseId(spaceId).map(cloudSpacesById::get);
                if (space.isPresent()) {
                    listing = listing.then(pagesOf(space.get()));
                }
            }
        } else {
            listing = Listing.runs(
                            spaces.migrated(), Space::pages, (s, i) -> cloudPage(content.at(s.firstPosition() + i)))
                    .then(Listing.of(content.cloudOnlyPages().stream()
                            .map(this::cloudPage)
                            .toList()));
        }
        return pageListing(request, V2 + "/pages", filterPages(request, listing, false));
    }

    private SimResponse pagesInSpace(SimRequest request) {
        CloudSpace space = cloudSpace(request.pathParam("id"));
        String depth = request.param("depth").orElse("all");
        requireOneOf("depth", depth, "all", "root");
        Listing<CloudPage> listing = filterPages(request, pagesOf(space), depth.equals("root"));
        return pageListing(request, V2 + "/spaces/" + space.id() + "/pages", listing);
    }

    private Listing<CloudPage> pagesOf(CloudSpace space) {
        Listing<CloudPage> extras = Listing.of(content.cloudOnlyPages().stream()
                .filter(p -> p.spaceId() == space.id())
                .map(this::cloudPage)
                .toList());
        if (space.source().isEmpty()) {
            return extras;
        }
        Space source = space.source().get();
        return Listing.runs(List.of(source), Space::pages, (s, i) -> cloudPage(content.at(s.firstPosition() + i)))
                .then(extras);
    }

    private Listing<CloudPage> filterPages(SimRequest request, Listing<CloudPage> listing, boolean rootOnly) {
        if (!statusesInclude(request, "current", "current", "archived", "deleted", "trashed")) {
            return Listing.empty();
        }
        Optional<String> title = request.param("title");
        if (title.isPresent()) {
            listing = listing.filter(p -> p.title().equals(title.get()));
        }
        if (rootOnly) {
            listing = listing.filter(p -> p.parentId().isEmpty());
        }
        return listing;
    }

    private SimResponse pageListing(SimRequest request, String path, Listing<CloudPage> listing) {
        return cursorPage(request, path, 25, listing, p -> pageJson(p));
    }

    private SimResponse page(SimRequest request) {
        String id = request.pathParam("id");
        CloudPage page = parseId(id)
                .flatMap(this::pageById)
                .orElseThrow(() -> SimHttpException.notFound("Page " + id + " was not found."));
        return SimResponse.json(pageJson(page));
    }

    /** A page's direct children, migrated ones first (in tree order), then those created on Cloud. */
    private SimResponse childPages(SimRequest request) {
        String id = request.pathParam("id");
        CloudPage parent = parseId(id)
                .flatMap(this::pageById)
                .orElseThrow(() -> SimHttpException.notFound("Page " + id + " was not found."));
        var children = new ArrayList<CloudPage>();
        content.byCloudId(parent.id()).filter(Content::isPage).ifPresent(page -> {
            int first = 4 * page.indexInSpace() + 1;
            for (int k = first; k < first + 4 && k < page.space().pages(); k++) {
                children.add(cloudPage(content.at(page.space().firstPosition() + k)));
            }
        });
        content.cloudOnlyPages().stream()
                .filter(p -> p.parentId().isPresent() && p.parentId().getAsLong() == parent.id())
                .map(this::cloudPage)
                .forEach(children::add);
        return cursorPage(request, V2 + "/pages/" + parent.id() + "/children", 25, Listing.of(children), child -> {
            var node = Json.object();
            node.put("id", Long.toString(child.id()));
            node.put("status", "current");
            node.put("title", child.title());
            node.put("spaceId", Long.toString(child.spaceId()));
            node.put("childPosition", child.position());
            return node;
        });
    }

    private Optional<CloudPage> pageById(long id) {
        Optional<Content> migrated = content.byCloudId(id).filter(Content::isPage);
        if (migrated.isPresent()) {
            return migrated.map(this::cloudPage);
        }
        return content.cloudOnlyPage(id).map(this::cloudPage);
    }

    private CloudPage cloudPage(Content page) {
        OptionalLong parent = page.indexInSpace() == 0
                ? OptionalLong.empty()
                : OptionalLong.of(content.parentOf(page).cloudId());
        int position = page.indexInSpace() == 0 ? 0 : (page.indexInSpace() - 1) % 4;
        return new CloudPage(
                page.cloudId(),
                page.title(),
                page.space().cloudId().orElseThrow(),
                page.space().cloudKey(),
                parent,
                position,
                accountOf(page.author()),
                page.createdAt(),
                page.version());
    }

    private CloudPage cloudPage(CloudOnlyPage page) {
        return new CloudPage(
                page.id(),
                page.title(),
                page.spaceId(),
                page.spaceKey(),
                page.parentId(),
                100,
                page.authorId(),
                page.createdAt(),
                1);
    }

    private ObjectNode pageJson(CloudPage page) {
        var node = Json.object();
        node.put("id", Long.toString(page.id()));
        node.put("status", "current");
        node.put("title", page.title());
        node.put("spaceId", Long.toString(page.spaceId()));
        if (page.parentId().isPresent()) {
            node.put("parentId", Long.toString(page.parentId().getAsLong()));
            node.put("parentType", "page");
        }
        node.put("position", page.position());
        node.put("authorId", page.authorId());
        node.put("ownerId", page.authorId());
        node.put("createdAt", TIME.format(page.createdAt()));
        node.set("version", versionJson(page.createdAt(), page.version(), page.authorId()));
        node.set("_links", pageLinks(page.spaceKey(), "pages", page.id(), page.title()));
        return node;
    }

    private SimResponse blogPosts(SimRequest request) {
        List<String> spaceIds = request.params("space-id");
        List<String> ids = request.params("id");
        requireAtMost("space-id", spaceIds, 100);
        requireAtMost("id", ids, 250);
        Listing<Content> listing;
        if (!ids.isEmpty()) {
            var found = new ArrayList<Content>();
            ids.stream()
                    .map(ConfluenceCloudApi::parseId)
                    .flatMap(Optional::stream)
                    .sorted()
                    .forEach(
                            id -> content.byCloudId(id).filter(c -> !c.isPage()).ifPresent(found::add));
            listing = Listing.of(found);
        } else {
            List<Space> scope = spaceIds.isEmpty()
                    ? spaces.migrated()
                    : spaceIds.stream()
                            .distinct()
                            .sorted()
                            .map(ConfluenceCloudApi::parseId)
                            .flatMap(Optional::stream)
                            .map(cloudSpacesById::get)
                            .filter(s -> s != null && s.source().isPresent())
                            .map(s -> s.source().get())
                            .toList();
            listing = blogPostsOf(scope);
        }
        return blogListing(request, V2 + "/blogposts", listing);
    }

    private SimResponse blogPostsInSpace(SimRequest request) {
        CloudSpace space = cloudSpace(request.pathParam("id"));
        Listing<Content> listing = blogPostsOf(space.source().map(List::of).orElse(List.of()));
        return blogListing(request, V2 + "/spaces/" + space.id() + "/blogposts", listing);
    }

    private Listing<Content> blogPostsOf(List<Space> scope) {
        return Listing.runs(scope, Space::blogPosts, (s, i) -> content.at(s.firstPosition() + s.pages() + i));
    }

    private SimResponse blogListing(SimRequest request, String path, Listing<Content> listing) {
        if (!statusesInclude(request, "current", "current", "deleted", "trashed")) {
            listing = Listing.empty();
        }
        Optional<String> title = request.param("title");
        if (title.isPresent()) {
            listing = listing.filter(b -> b.title().equals(title.get()));
        }
        return cursorPage(request, path, 25, listing, this::blogPostJson);
    }

    private SimResponse blogPost(SimRequest request) {
        String id = request.pathParam("id");
        Content post = parseId(id)
                .flatMap(content::byCloudId)
                .filter(c -> !c.isPage())
                .orElseThrow(() -> SimHttpException.notFound("Blog post " + id + " was not found."));
        return SimResponse.json(blogPostJson(post));
    }

    private ObjectNode blogPostJson(Content post) {
        var node = Json.object();
        String author = accountOf(post.author());
        node.put("id", Long.toString(post.cloudId()));
        node.put("status", "current");
        node.put("title", post.title());
        node.put("spaceId", Long.toString(post.space().cloudId().orElseThrow()));
        node.put("authorId", author);
        node.put("createdAt", TIME.format(post.createdAt()));
        node.set("version", versionJson(post.createdAt(), post.version(), author));
        node.set("_links", pageLinks(post.space().cloudKey(), "blog", post.cloudId(), post.title()));
        return node;
    }

    private static ObjectNode pageLinks(String spaceKey, String kind, long id, String title) {
        return Json.object()
                .put("webui", "/spaces/" + spaceKey + "/" + kind + "/" + id + "/" + Queries.encode(title))
                .put("editui", "/pages/resumedraft.action?draftId=" + id)
                .put("tinyui", "/x/" + Long.toString(id, 36));
    }

    private static ObjectNode versionJson(Instant createdAt, int number, String authorId) {
        return Json.object()
                .put("createdAt", TIME.format(createdAt.plus(Duration.ofDays(number - 1L))))
                .put("message", "")
                .put("number", number)
                .put("minorEdit", false)
                .put("authorId", authorId);
    }

    // ---- attachments

    private SimResponse allAttachments(SimRequest request) {
        Optional<String> filename = request.param("filename");
        Optional<String> mediaType = request.param("mediaType");
        if (!statusesInclude(request, "current", "current", "archived", "trashed")) {
            return emptyPage(request);
        }
        return scanPage(
                request,
                V2 + "/attachments",
                50,
                c -> content.attachments(c).stream()
                        .filter(a -> filename.isEmpty() || a.fileName().equals(filename.get()))
                        .filter(a -> mediaType.isEmpty() || a.mediaType().equals(mediaType.get()))
                        .map(a -> new Slotted(a.slot(), attachmentJson(a)))
                        .toList());
    }

    private SimResponse containerAttachments(SimRequest request, boolean page) {
        Content container = migratedContainer(request.pathParam("id"), page);
        Optional<String> filename = request.param("filename");
        Optional<String> mediaType = request.param("mediaType");
        List<Attachment> matching = content.attachments(container).stream()
                .filter(a -> filename.isEmpty() || a.fileName().equals(filename.get()))
                .filter(a -> mediaType.isEmpty() || a.mediaType().equals(mediaType.get()))
                .toList();
        String path = V2 + (page ? "/pages/" : "/blogposts/") + container.cloudId() + "/attachments";
        return cursorPage(request, path, 50, Listing.of(matching), this::attachmentJson);
    }

    private ObjectNode attachmentJson(Attachment attachment) {
        var node = Json.object();
        Content container = attachment.container();
        String id = "att" + attachment.cloudId();
        node.put("id", id);
        node.put("status", "current");
        node.put("title", attachment.fileName());
        node.put("createdAt", TIME.format(attachment.createdAt()));
        node.put(container.isPage() ? "pageId" : "blogPostId", Long.toString(container.cloudId()));
        node.put("mediaType", attachment.mediaType());
        node.put("comment", "");
        node.put("fileId", Seeded.uuid(attachment.cloudId(), 13).toString());
        node.put("fileSize", attachment.fileSize());
        String download = "/download/attachments/" + container.cloudId() + "/" + Queries.encode(attachment.fileName())
                + "?version=1&modificationDate=" + attachment.createdAt().toEpochMilli() + "&api=v2";
        String webui = "/pages/viewpageattachments.action?pageId=" + container.cloudId() + "&preview="
                + Queries.encode("/" + container.cloudId() + "/" + id + "/" + attachment.fileName());
        node.put("webuiLink", webui);
        node.put("downloadLink", download);
        node.set("version", versionJson(attachment.createdAt(), 1, accountOf(attachment.author())));
        node.putObject("_links").put("webui", webui).put("download", download);
        return node;
    }

    // ---- comments

    private SimResponse allComments(SimRequest request, Location location) {
        String path = V2 + (location == Location.FOOTER ? "/footer-comments" : "/inline-comments");
        return scanPage(
                request,
                path,
                25,
                c -> content.comments(c).stream()
                        .filter(comment -> comment.location() == location)
                        .map(comment -> new Slotted(comment.slot(), commentJson(comment, CommentShape.SITE)))
                        .toList());
    }

    private SimResponse containerComments(SimRequest request, boolean page, Location location) {
        Content container = migratedContainer(request.pathParam("id"), page);
        List<Comment> roots = content.comments(container).stream()
                .filter(c -> c.location() == location && !c.isReply())
                .toList();
        String path = V2
                + (page ? "/pages/" : "/blogposts/")
                + container.cloudId()
                + (location == Location.FOOTER ? "/footer-comments" : "/inline-comments");
        return cursorPage(request, path, 25, Listing.of(roots), c -> commentJson(c, CommentShape.CONTAINER));
    }

    private SimResponse children(SimRequest request, Location location) {
        String id = request.pathParam("id");
        Comment parent = parseId(id)
                .flatMap(this::commentByCloudId)
                .filter(c -> c.location() == location)
                .orElseThrow(() -> SimHttpException.notFound("Comment " + id + " was not found."));
        List<Comment> replies = content.comments(parent.container()).stream()
                .filter(c -> c.parentSlot() == parent.slot())
                .toList();
        String path = V2 + (location == Location.FOOTER ? "/footer-comments/" : "/inline-comments/") + id + "/children";
        return cursorPage(request, path, 25, Listing.of(replies), c -> commentJson(c, CommentShape.CHILD));
    }

    private Optional<Comment> commentByCloudId(long id) {
        long r = id - ConfluenceContent.CLOUD_BASE;
        int slot = (int) Math.floorMod(r, 8L);
        if (r < 0 || slot < 4) {
            return Optional.empty();
        }
        return content.byCloudId(id - slot).flatMap(c -> content.comment(c, slot));
    }

    /** Which v2 model a comment is rendered as: site-wide lists, a container's list, or a comment's children. */
    private enum CommentShape {
        SITE,
        CONTAINER,
        CHILD
    }

    private ObjectNode commentJson(Comment comment, CommentShape shape) {
        var node = Json.object();
        Content container = comment.container();
        node.put("id", Long.toString(comment.cloudId()));
        node.put("status", "current");
        node.put("title", "Re: " + container.title());
        if (shape != CommentShape.CHILD) {
            node.put(container.isPage() ? "pageId" : "blogPostId", Long.toString(container.cloudId()));
        }
        if (shape == CommentShape.CHILD || (shape == CommentShape.SITE && comment.isReply())) {
            node.put("parentCommentId", Long.toString(comment.cloudParentId()));
        }
        node.set("version", versionJson(comment.createdAt(), 1, accountOf(comment.author())));
        if (comment.location() == Location.INLINE) {
            node.put("resolutionStatus", "open");
            if (shape != CommentShape.SITE) {
                node.putObject("properties")
                        .put("inlineMarkerRef", Seeded.hex(Seeded.mix(comment.cloudId(), 9), 16))
                        .put("inlineOriginalSelection", container.title());
            }
        }
        node.putObject("_links")
                .put(
                        "webui",
                        "/spaces/" + container.space().cloudKey() + "/pages/" + container.cloudId()
                                + "?focusedCommentId=" + comment.cloudId());
        return node;
    }

    private Content migratedContainer(String id, boolean page) {
        return parseId(id)
                .flatMap(content::byCloudId)
                .filter(c -> c.isPage() == page)
                .orElseThrow(() -> SimHttpException.notFound((page ? "Page " : "Blog post ") + id + " was not found."));
    }

    // ---- paging

    /** A v2 limit: default when absent, 400 below 1, silently capped at 250. */
    private static int v2Limit(SimRequest request, int defaultLimit) {
        int limit = request.intParam("limit", defaultLimit);
        if (limit < 1) {
            throw SimHttpException.badRequest("The 'limit' parameter must be between 1 and " + V2_MAX + ".");
        }
        return Math.min(limit, V2_MAX);
    }

    private <T> SimResponse cursorPage(
            SimRequest request, String path, int defaultLimit, Listing<T> listing, Function<T, ObjectNode> render) {
        int limit = v2Limit(request, defaultLimit);
        String query = queryKey(request, path);
        long from = request.param("cursor").map(c -> Cursors.decode(query, c)).orElse(0L);
        var results = Json.array();
        if (from < listing.size()) {
            listing.slice(from, limit).forEach(item -> results.add(render.apply(item)));
        }
        Optional<String> next =
                from + limit < listing.size() ? Optional.of(Cursors.encode(query, from + limit)) : Optional.empty();
        return v2Envelope(request, path, results, next, limit);
    }

    /** One item of a site-wide scan and its slot, so the cursor can resume after it. */
    private record Slotted(int slot, ObjectNode json) {}

    /**
     * Site-wide lists of children (all attachments, all comments): walks migrated content by Cloud position; the
     * cursor is the next Cloud position x 8 + slot, so it stays valid without materialising anything.
     */
    private SimResponse scanPage(
            SimRequest request, String path, int defaultLimit, Function<Content, List<Slotted>> itemsOf) {
        int limit = v2Limit(request, defaultLimit);
        String query = queryKey(request, path);
        long from = request.param("cursor").map(c -> Cursors.decode(query, c)).orElse(0L);
        long end = spaces.migratedContentCount();
        var results = Json.array();
        Optional<String> next = Optional.empty();
        for (long q = from / 8; q < end && next.isEmpty(); q++) {
            for (Slotted item : itemsOf.apply(content.atCloudPosition(q))) {
                if (q * 8 + item.slot() < from) {
                    continue;
                }
                if (results.size() == limit) {
                    next = Optional.of(Cursors.encode(query, q * 8 + item.slot()));
                    break;
                }
                results.add(item.json());
            }
        }
        return v2Envelope(request, path, results, next, limit);
    }

    private SimResponse emptyPage(SimRequest request) {
        return v2Envelope(request, request.path(), Json.array(), Optional.empty(), v2Limit(request, 25));
    }

    private static SimResponse v2Envelope(
            SimRequest request,
            String path,
            tools.jackson.databind.node.ArrayNode results,
            Optional<String> cursor,
            int limit) {
        var body = Json.object();
        body.set("results", results);
        var links = body.putObject("_links");
        String base = request.link("/wiki");
        SimResponse response;
        if (cursor.isPresent()) {
            String next = path + Queries.with(request, Queries.of("cursor", cursor.get(), "limit", "" + limit));
            links.put("next", next);
            links.put("base", base);
            response = SimResponse.json(body)
                    .withHeader("Link", "<" + next + ">; rel=\"next\", <" + base + ">; rel=\"base\"");
        } else {
            links.put("base", base);
            response = SimResponse.json(body).withHeader("Link", "<" + base + ">; rel=\"base\"");
        }
        return response;
    }

    /** The request's path and filters without cursor and limit: a cursor is valid only for the query it came from. */
    private static String queryKey(SimRequest request, String path) {
        return path + Queries.with(request, Queries.of("cursor", null, "limit", null));
    }

    // ---- parameters

    private String accountOf(int user) {
        return people.user(user).account().orElseThrow().accountId();
    }

    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException notAnId) {
            return Optional.empty();
        }
    }

    static void requireOneOf(String name, String value, String... allowed) {
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return;
            }
        }
        throw SimHttpException.badRequest("The value '" + value + "' of parameter '" + name + "' is not valid.");
    }

    private static void requireAtMost(String name, List<String> values, int maximum) {
        if (values.size() > maximum) {
            throw SimHttpException.badRequest("At most " + maximum + " values of '" + name + "' are allowed.");
        }
        for (String value : values) {
            if (parseId(value).isEmpty()) {
                throw SimHttpException.badRequest(
                        "The value '" + value + "' of parameter '" + name + "' is not a number.");
            }
        }
    }

    /** Whether the request's {@code status} filter admits {@code wanted}; an unknown status value is a 400. */
    private static boolean statusesInclude(SimRequest request, String wanted, String... allowed) {
        List<String> statuses = request.params("status");
        for (String status : statuses) {
            requireOneOf("status", status, allowed);
        }
        return statuses.isEmpty() || statuses.contains(wanted);
    }
}
