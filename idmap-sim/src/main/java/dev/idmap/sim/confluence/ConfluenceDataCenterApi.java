package dev.idmap.sim.confluence;

import dev.idmap.sim.confluence.ConfluenceContent.Attachment;
import dev.idmap.sim.confluence.ConfluenceContent.Comment;
import dev.idmap.sim.confluence.ConfluenceContent.Content;
import dev.idmap.sim.confluence.ConfluenceContent.Kind;
import dev.idmap.sim.confluence.ConfluenceContent.Location;
import dev.idmap.sim.confluence.ConfluencePeople.Group;
import dev.idmap.sim.confluence.ConfluencePeople.User;
import dev.idmap.sim.confluence.ConfluenceSpaces.Space;
import dev.idmap.sim.http.HttpSite;
import dev.idmap.sim.http.Json;
import dev.idmap.sim.http.OffsetPage;
import dev.idmap.sim.http.SimHttpException;
import dev.idmap.sim.http.SimRequest;
import dev.idmap.sim.http.SimResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Confluence Data Center REST API ({@code /rest/api}, server context {@code /confluence}) over a generated
 * scenario: spaces, content with offset paging and {@code _links.next}, the {@code /content/scan} cursor, attachments
 * and comments of a content, users, groups and members. Defaults are the spec's; the maximum page sizes, which the spec
 * leaves to "fixed system limits", are this simulator's and are listed in README-confluence.md.
 */
final class ConfluenceDataCenterApi {

    static final String CONTEXT = "/confluence";
    static final int SPACE_MAX = 500;
    static final int CONTENT_MAX = 200;
    static final int CHILDREN_MAX = 200;
    static final int USER_MAX = 200;
    static final int GROUP_MAX = 200;

    /** The server's time zone: Data Center renders times with its offset, Cloud in UTC. */
    static final ZoneOffset SERVER_ZONE = ZoneOffset.ofHours(1);

    private static final DateTimeFormatter POSTING_DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(SERVER_ZONE);

    private final ConfluencePeople people;
    private final ConfluenceSpaces spaces;
    private final ConfluenceContent content;
    private final ConfluenceDataCenterJson json;

    /** @param expandsCreator whether spaces can be expanded with their {@code creator} (older versions cannot) */
    ConfluenceDataCenterApi(ConfluenceScenario scenario, boolean expandsCreator) {
        this.people = scenario.people();
        this.spaces = scenario.spaces();
        this.content = scenario.content();
        this.json = new ConfluenceDataCenterJson(people, content, expandsCreator);
    }

    void register(HttpSite.Builder site) {
        site.contextPath(CONTEXT)
                .errors(ConfluenceErrors.REST_API)
                .get("/rest/api/space", this::spaces)
                .get("/rest/api/space/{spaceKey}", this::space)
                .get("/rest/api/space/{spaceKey}/content/{type}", this::spaceContent)
                .get("/rest/api/content", this::contentList)
                .get("/rest/api/content/scan", this::scan)
                .get("/rest/api/content/{id}", this::contentById)
                .get("/rest/api/content/{id}/child/attachment", this::attachments)
                .get("/rest/api/content/{id}/child/comment", this::comments)
                .get("/rest/api/user/list", this::users)
                .get("/rest/api/user", this::user)
                .get("/rest/api/group", this::groups)
                .getAdmin("/rest/api/group/{groupName}/member", this::members)
                .get("/rest/api/server-information", ConfluenceDataCenterApi::serverInformation);
    }

    /**
     * {@code GET /rest/api/server-information}: the build this site runs, which only Data Center has (Cloud answers
     * {@code /wiki/rest/api/settings/systemInfo} instead).
     */
    private static SimResponse serverInformation(SimRequest request) {
        return SimResponse.json(Json.object()
                .put("baseUrl", request.link(""))
                .put("version", "10.0.3")
                .put("buildNumber", 10003)
                .put("marketplaceBuildNumber", 10003)
                .put("buildDate", "2025-06-12T00:00:00.000+0000"));
    }

    // ---- spaces

    private SimResponse spaces(SimRequest request) {
        Set<String> keys = new HashSet<>(request.params("spaceKey"));
        Optional<String> type = request.param("type");
        Optional<String> status = request.param("status");
        List<Space> matching = spaces.all().stream()
                .filter(s -> keys.isEmpty() || keys.contains(s.key()))
                .filter(s -> type.isEmpty() || type.get().equals(s.type()))
                .filter(s -> status.isEmpty() || status.get().equals(s.status()))
                .toList();
        return offsetPage(
                request, "/rest/api/space", 25, SPACE_MAX, Listing.of(matching), s -> json.spaceJson(request, s));
    }

    private SimResponse space(SimRequest request) {
        String key = request.pathParam("spaceKey");
        Space space = spaces.byKey(key).orElseThrow(() -> SimHttpException.notFound("No space with key : " + key));
        return SimResponse.json(json.spaceJson(request, space));
    }

    /** {@code /space/{key}/content/{type}}: a space's pages or blog posts; {@code depth=root} keeps top-level ones. */
    private SimResponse spaceContent(SimRequest request) {
        String key = request.pathParam("spaceKey");
        Space space = spaces.byKey(key).orElseThrow(() -> SimHttpException.notFound("No space with key : " + key));
        Kind kind = kind(request.pathParam("type"), false);
        String depth = request.param("depth").orElse("all");
        if (!depth.equals("all") && !depth.equals("root")) {
            throw SimHttpException.badRequest("depth must be 'all' or 'root', not '" + depth + "'");
        }
        Listing<Content> listing = contentOf(kind, Optional.of(key));
        if (depth.equals("root") && kind == Kind.PAGE) {
            listing = Listing.of(List.of(content.at(space.firstPosition())));
        }
        Set<String> expand = expand(request);
        return offsetPage(
                request,
                "/rest/api/space/" + Queries.encode(key) + "/content/" + kind.apiName,
                25,
                CONTENT_MAX,
                listing,
                c -> json.contentJson(request, c, expand));
    }

    // ---- content

    private SimResponse contentList(SimRequest request) {
        Kind kind = kind(request.param("type").orElse("page"), false);
        Listing<Content> listing =
                statusAllowsCurrent(request) ? contentOf(kind, request.param("spaceKey")) : Listing.empty();
        Optional<String> title = request.param("title").filter(t -> !t.isEmpty());
        if (title.isPresent()) {
            listing = listing.filter(c -> c.title().equals(title.get()));
        }
        Optional<String> postingDay = request.param("postingDay").filter(d -> !d.isEmpty());
        if (kind == Kind.BLOGPOST && postingDay.isPresent()) {
            listing = listing.filter(c -> POSTING_DAY.format(c.createdAt()).equals(postingDay.get()));
        }
        Set<String> expand = expand(request);
        return offsetPage(
                request, "/rest/api/content", 25, CONTENT_MAX, listing, c -> json.contentJson(request, c, expand));
    }

    private SimResponse contentById(SimRequest request) {
        String id = request.pathParam("id");
        return SimResponse.json(json.contentJson(request, container(id), expand(request)));
    }

    /**
     * {@code /content/scan}: a cursor over one content type, ordered by id. The cursor is {@code <type>:<backwards>:<id>}
     * (as Data Center's {@code cursortype:false:360456}); a forward cursor resumes after that id.
     */
    private SimResponse scan(SimRequest request) {
        String type = request.param("type").orElse("page");
        int limit = capped(request.intParam("limit", 25), 25, CONTENT_MAX);
        Optional<String> cursor = request.param("cursor").filter(c -> !c.isEmpty());
        Optional<String> spaceKey = request.param("spaceKey");
        Set<String> expand = expand(request);
        if (type.equals("comment")) {
            return scanComments(request, spaceKey, cursor, limit, expand);
        }
        Kind kind = kind(type, true);
        Listing<Content> listing = statusAllowsCurrent(request) ? contentOf(kind, spaceKey) : Listing.empty();
        long from = 0;
        long to;
        if (cursor.isPresent()) {
            ScanCursor parsed = ScanCursor.parse(cursor.get());
            long index = firstIndexAbove(listing, parsed.id());
            if (parsed.backwards()) {
                to = firstIndexAbove(listing, parsed.id() - 1);
                from = Math.max(0, to - limit);
            } else {
                from = index;
                to = Math.min(listing.size(), from + limit);
            }
        } else {
            to = Math.min(listing.size(), limit);
        }
        List<Content> items = listing.slice(from, (int) (to - from));
        var results = Json.array();
        items.forEach(c -> results.add(json.contentJson(request, c, expand)));
        Optional<String> next = to < listing.size() && !items.isEmpty()
                ? Optional.of("content:false:" + items.getLast().dcId())
                : Optional.empty();
        Optional<String> prev = from > 0 && !items.isEmpty()
                ? Optional.of("content:true:" + items.getFirst().dcId())
                : Optional.empty();
        return SimResponse.json(scanEnvelope(request, results, cursor, next, prev, limit));
    }

    private SimResponse scanComments(
            SimRequest request, Optional<String> spaceKey, Optional<String> cursor, int limit, Set<String> expand) {
        long begin = 0;
        long end = content.count();
        if (spaceKey.isPresent()) {
            Optional<Space> space = spaces.byKey(spaceKey.get());
            begin = space.map(Space::firstPosition).orElse(0L);
            end = space.map(s -> s.firstPosition() + s.contentCount()).orElse(0L);
        }
        long position = begin;
        int afterSlot = 0;
        if (cursor.isPresent()) {
            ScanCursor parsed = ScanCursor.parse(cursor.get());
            if (parsed.backwards()) {
                throw SimHttpException.badRequest("Backward cursors are not supported for comments.");
            }
            long r = parsed.id() - ConfluenceContent.DC_BASE;
            position = Math.max(begin, r / 8);
            afterSlot = r / 8 < begin ? 0 : (int) (r % 8);
        }
        var found = new ArrayList<Comment>();
        for (long p = position; p < end && found.size() <= limit; p++) {
            for (Comment comment : content.comments(content.at(p))) {
                if (p == position && comment.slot() <= afterSlot) {
                    continue;
                }
                found.add(comment);
            }
        }
        List<Comment> page = found.subList(0, Math.min(limit, found.size()));
        var results = Json.array();
        page.forEach(c -> results.add(json.commentJson(request, c, expand)));
        Optional<String> next = found.size() > limit
                ? Optional.of("comment:false:" + page.getLast().dcId())
                : Optional.empty();
        return SimResponse.json(scanEnvelope(request, results, cursor, next, Optional.empty(), limit));
    }

    private ObjectNode scanEnvelope(
            SimRequest request,
            ArrayNode results,
            Optional<String> cursor,
            Optional<String> next,
            Optional<String> prev,
            int limit) {
        var body = Json.object();
        body.set("results", results);
        cursor.ifPresent(c -> body.put("cursor", c));
        next.ifPresent(c -> body.put("nextCursor", c));
        prev.ifPresent(c -> body.put("prevCursor", c));
        body.put("limit", limit);
        body.put("size", results.size());
        var links = linksBase(request, "/rest/api/content/scan");
        next.ifPresent(c -> links.put(
                "next",
                "/rest/api/content/scan" + Queries.with(request, Queries.of("cursor", c, "limit", "" + limit))));
        prev.ifPresent(c -> links.put(
                "prev",
                "/rest/api/content/scan" + Queries.with(request, Queries.of("cursor", c, "limit", "" + limit))));
        body.set("_links", links);
        return body;
    }

    private record ScanCursor(boolean backwards, long id) {
        static ScanCursor parse(String text) {
            String[] parts = text.split(":");
            try {
                if (parts.length != 3 || !(parts[1].equals("true") || parts[1].equals("false"))) {
                    throw new NumberFormatException();
                }
                return new ScanCursor(Boolean.parseBoolean(parts[1]), Long.parseLong(parts[2]));
            } catch (NumberFormatException malformed) {
                throw SimHttpException.badRequest("Cursor is invalid: " + text);
            }
        }
    }

    private static long firstIndexAbove(Listing<Content> listing, long id) {
        long low = 0;
        long high = listing.size();
        while (low < high) {
            long mid = (low + high) >>> 1;
            if (listing.get(mid).dcId() <= id) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private Listing<Content> contentOf(Kind kind, Optional<String> spaceKey) {
        List<Space> scope = spaceKey.map(k -> spaces.byKey(k).map(List::of).orElse(List.<Space>of()))
                .orElse(spaces.all());
        if (kind == Kind.PAGE) {
            return Listing.runs(scope, Space::pages, (s, i) -> content.at(s.firstPosition() + i));
        }
        return Listing.runs(scope, Space::blogPosts, (s, i) -> content.at(s.firstPosition() + s.pages() + i));
    }

    // ---- attachments and comments of one content

    private SimResponse attachments(SimRequest request) {
        Content container = container(request.pathParam("id"));
        Optional<String> filename = request.param("filename").filter(f -> !f.isEmpty());
        Optional<String> mediaType = request.param("mediaType").filter(m -> !m.isEmpty());
        List<Attachment> matching = content.attachments(container).stream()
                .filter(a -> filename.isEmpty() || a.fileName().equals(filename.get()))
                .filter(a -> mediaType.isEmpty() || a.mediaType().equals(mediaType.get()))
                .toList();
        Set<String> expand = expand(request);
        return offsetPage(
                request,
                "/rest/api/content/" + container.dcId() + "/child/attachment",
                50,
                CHILDREN_MAX,
                Listing.of(matching),
                a -> json.attachmentJson(request, a, expand));
    }

    private SimResponse comments(SimRequest request) {
        Content container = container(request.pathParam("id"));
        Set<String> locations = new HashSet<>(request.params("location"));
        boolean all = request.param("depth").orElse("").equals("all");
        List<Comment> matching = content.comments(container).stream()
                .filter(c -> all || !c.isReply())
                .filter(c -> locations.isEmpty()
                        || locations.contains(c.location() == Location.FOOTER ? "footer" : "inline"))
                .toList();
        Set<String> expand = expand(request);
        return offsetPage(
                request,
                "/rest/api/content/" + container.dcId() + "/child/comment",
                25,
                CHILDREN_MAX,
                Listing.of(matching),
                c -> json.commentJson(request, c, expand));
    }

    /** The page or blog post with this id, or the 404 Data Center answers. */
    private Content container(String id) {
        Optional<Content> found = Optional.empty();
        try {
            found = content.byDcId(Long.parseLong(id));
        } catch (NumberFormatException notAnId) {
            // falls through to 404, as Data Center answers for unknown ids
        }
        return found.orElseThrow(() -> SimHttpException.notFound("No content found with id: ContentId{id=" + id + "}"));
    }

    // ---- users and groups

    private SimResponse users(SimRequest request) {
        Set<String> expand = expand(request);
        return offsetPage(
                request,
                "/rest/api/user/list",
                100,
                USER_MAX,
                Listing.of(people.users()),
                u -> json.person(request, u, expand));
    }

    private SimResponse user(SimRequest request) {
        Optional<String> key = request.param("key").filter(k -> !k.isEmpty());
        Optional<String> username = request.param("username").filter(u -> !u.isEmpty());
        if (key.isEmpty() && username.isEmpty()) {
            throw SimHttpException.badRequest("Either the 'key' or the 'username' parameter is required.");
        }
        Optional<User> user = key.isPresent() ? people.userByKey(key.get()) : people.userByUsername(username.get());
        User found = user.orElseThrow(() -> SimHttpException.notFound(
                "No user found with " + (key.isPresent() ? "key: " + key.get() : "username: " + username.get())));
        return SimResponse.json(json.person(request, found, expand(request)));
    }

    private SimResponse groups(SimRequest request) {
        return offsetPage(
                request,
                "/rest/api/group",
                200,
                GROUP_MAX,
                Listing.of(people.groups()),
                g -> json.groupJson(request, g));
    }

    private SimResponse members(SimRequest request) {
        String name = request.pathParam("groupName");
        Group group = people.groupByName(name)
                .orElseThrow(() -> SimHttpException.notFound("No group found with name: " + name));
        return offsetPage(
                request,
                "/rest/api/group/" + Queries.encode(name) + "/member",
                200,
                GROUP_MAX,
                Listing.of(people.members(group)),
                u -> json.person(request, u, expand(request)));
    }

    // ---- paging and parameters

    private <T> SimResponse offsetPage(
            SimRequest request,
            String path,
            int defaultSize,
            int maximumSize,
            Listing<T> listing,
            Function<T, ObjectNode> render) {
        OffsetPage page = OffsetPage.from(request, "start", "limit", defaultSize, maximumSize);
        var results = Json.array();
        if (page.start() < listing.size()) {
            listing.slice(page.start(), page.size()).forEach(item -> results.add(render.apply(item)));
        }
        var body = Json.object();
        body.set("results", results);
        body.put("start", page.start());
        body.put("limit", page.size());
        body.put("size", results.size());
        var links = linksBase(request, path);
        if (page.size() > 0 && page.start() + page.size() < listing.size()) {
            links.put(
                    "next",
                    path
                            + Queries.with(
                                    request,
                                    Queries.of("start", "" + (page.start() + page.size()), "limit", "" + page.size())));
        }
        if (page.start() > 0 && page.size() > 0) {
            links.put(
                    "prev",
                    path
                            + Queries.with(
                                    request,
                                    Queries.of(
                                            "start",
                                            "" + Math.max(0, page.start() - page.size()),
                                            "limit",
                                            "" + page.size())));
        }
        body.set("_links", links);
        return SimResponse.json(body);
    }

    private static ObjectNode linksBase(SimRequest request, String path) {
        return Json.object()
                .put("base", request.siteUrl().toString())
                .put("context", CONTEXT)
                .put("self", request.link(path + Queries.with(request, Map.of())));
    }

    static Set<String> expand(SimRequest request) {
        return new HashSet<>(request.params("expand"));
    }

    private static boolean statusAllowsCurrent(SimRequest request) {
        List<String> statuses = request.params("status");
        return statuses.isEmpty() || statuses.contains("current") || statuses.contains("any");
    }

    private static Kind kind(String type, boolean scan) {
        return switch (type) {
            case "page" -> Kind.PAGE;
            case "blogpost" -> Kind.BLOGPOST;
            default ->
                throw SimHttpException.badRequest(
                        "Type " + type + " is not supported; use page, blogpost" + (scan ? " or comment" : "") + ".");
        };
    }

    /** A size below 1 gives the default; above the maximum it is silently capped. */
    static int capped(int requested, int defaultSize, int maximum) {
        return requested < 1 ? defaultSize : Math.min(requested, maximum);
    }
}
