package dev.idmap.sim.confluence;

import dev.idmap.sim.confluence.ConfluencePeople.Account;
import dev.idmap.sim.confluence.ConfluencePeople.CloudGroup;
import dev.idmap.sim.confluence.ConfluencePeople.User;
import dev.idmap.sim.http.HttpSite;
import dev.idmap.sim.http.Json;
import dev.idmap.sim.http.OffsetPage;
import dev.idmap.sim.http.SimHttpException;
import dev.idmap.sim.http.SimRequest;
import dev.idmap.sim.http.SimResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Confluence Cloud REST v1 endpoints that v2 lacks, under {@code /wiki/rest/api}: user bulk migration (server
 * key or username to accountId), groups, group members and CQL user search. Offset paging with
 * {@code _links.next} relative to {@code _links.base} ({@code …/wiki}).
 */
final class ConfluenceCloudV1Api {

    static final String V1 = "/wiki/rest/api";
    static final int V1_GROUP_MAX = 200;
    static final int V1_USER_SEARCH_MAX = 200;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern ALL_USERS = Pattern.compile("\\s*type\\s*=\\s*\"?user\"?\\s*");

    private final ConfluencePeople people;

    ConfluenceCloudV1Api(ConfluencePeople people) {
        this.people = people;
    }

    void register(HttpSite.Builder site) {
        site.getAdmin(V1 + "/user/bulk/migration", this::bulkMigration)
                .get(V1 + "/group", this::groups)
                .get(V1 + "/group/member", this::groupMembers)
                .get(V1 + "/search/user", this::searchUsers)
                .get(V1 + "/settings/systemInfo", ConfluenceCloudV1Api::systemInfo);
    }

    /** The simulated tenant's id: a Cloud site names its {@code cloudId}, which no Data Center site has. */
    static final String CLOUD_ID = "5d1e7a38-0c1f-4c3b-9a7e-1d2f3a4b5c6d";

    /** {@code GET /wiki/rest/api/settings/systemInfo}: the Cloud tenant (Data Center has no such resource). */
    private static SimResponse systemInfo(SimRequest request) {
        return SimResponse.json(Json.object()
                .put("cloudId", CLOUD_ID)
                .put("commitHash", "0123456789abcdef0123456789abcdef01234567")
                .put("baseUrl", request.link("/wiki"))
                .put("edition", "standard")
                .put("siteTitle", "Simulated Confluence Cloud")
                .put("defaultLocale", "en_US"));
    }

    private SimResponse bulkMigration(SimRequest request) {
        List<String> keys = request.rawParams("key");
        List<String> usernames = request.rawParams("username");
        if (keys.isEmpty() == usernames.isEmpty()) {
            throw SimHttpException.badRequest("Exactly one of the 'key' or 'username' parameters must be specified.");
        }
        var found = new ArrayList<User>();
        for (String key : keys) {
            people.userByKey(key).filter(u -> u.account().isPresent()).ifPresent(found::add);
        }
        for (String username : usernames) {
            people.userByUsername(username).filter(u -> u.account().isPresent()).ifPresent(found::add);
        }
        return v1Page(
                request,
                V1 + "/user/bulk/migration",
                200,
                200,
                Listing.of(found),
                user -> Json.object()
                        .put("username", user.username())
                        .put("key", user.key())
                        .put("accountId", user.account().orElseThrow().accountId()));
    }

    private SimResponse groups(SimRequest request) {
        Optional<String> accessType = request.param("accessType");
        accessType.ifPresent(a -> ConfluenceCloudApi.requireOneOf("accessType", a, "user", "admin", "site-admin"));
        return v1Page(request, V1 + "/group", 200, V1_GROUP_MAX, Listing.of(people.cloudGroups()), this::groupJson);
    }

    private ObjectNode groupJson(CloudGroup group) {
        var node = Json.object();
        node.put("type", "group");
        node.put("name", group.name());
        node.put("id", group.id());
        node.putObject("_links").put("self", "/wiki/rest/api/group/by-id?id=" + group.id());
        return node;
    }

    private SimResponse groupMembers(SimRequest request) {
        String name = request.param("name")
                .filter(n -> !n.isEmpty())
                .orElseThrow(() -> SimHttpException.badRequest("The 'name' parameter is required."));
        CloudGroup group = people.cloudGroupByName(name)
                .orElseThrow(() -> SimHttpException.notFound("Group with name " + name + " does not exist."));
        return v1Page(
                request,
                V1 + "/group/member",
                200,
                V1_GROUP_MAX,
                Listing.of(people.cloudMembers(group)),
                this::userJson);
    }

    private SimResponse searchUsers(SimRequest request) {
        String cql =
                request.param("cql").orElseThrow(() -> SimHttpException.badRequest("The 'cql' parameter is required."));
        if (!ALL_USERS.matcher(cql).matches()) {
            throw SimHttpException.badRequest("Could not parse cql : " + cql);
        }
        OffsetPage page = OffsetPage.from(request, "start", "limit", 25, V1_USER_SEARCH_MAX);
        List<Account> accounts = people.accounts();
        var results = Json.array();
        if (page.start() < accounts.size()) {
            for (Account account : Listing.of(accounts).slice(page.start(), page.size())) {
                var result = results.addObject();
                result.set("user", userJson(account));
                result.put("title", account.displayName());
                result.put("excerpt", "");
                result.put("url", "/people/" + account.accountId());
                result.putArray("breadcrumbs");
                result.put("entityType", "user");
                result.put("iconCssClass", "aui-icon content-type-profile");
                result.put("lastModified", TIME.format(ConfluenceSpaces.MIGRATED_AT));
                result.put("score", 0.0);
            }
        }
        var body = Json.object();
        body.set("results", results);
        body.put("start", page.start());
        body.put("limit", page.size());
        body.put("size", results.size());
        body.put("totalSize", accounts.size());
        body.put("cqlQuery", cql);
        body.put("searchDuration", 7);
        body.set("_links", v1Links(request, V1 + "/search/user", page, accounts.size()));
        return SimResponse.json(body);
    }

    private ObjectNode userJson(Account account) {
        var node = Json.object();
        node.put("type", "known");
        node.put("accountId", account.accountId());
        node.put("accountType", account.accountType());
        node.put("email", account.emailVisible() ? account.email() : "");
        node.put("publicName", account.displayName());
        node.putObject("profilePicture")
                .put("path", "/wiki/aa-avatar/" + account.accountId())
                .put("width", 48)
                .put("height", 48)
                .put("isDefault", false);
        node.put("displayName", account.displayName());
        node.put("isExternalCollaborator", false);
        node.putObject("_links").put("self", "/wiki/rest/api/user?accountId=" + account.accountId());
        return node;
    }

    private <T> SimResponse v1Page(
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
        body.set("_links", v1Links(request, path, page, listing.size()));
        return SimResponse.json(body);
    }

    private static ObjectNode v1Links(SimRequest request, String path, OffsetPage page, long total) {
        var links = Json.object()
                .put("base", request.link("/wiki"))
                .put("context", "/wiki")
                .put("self", request.link(path + Queries.with(request, Map.of())));
        if (page.size() > 0 && page.start() + page.size() < total) {
            links.put(
                    "next",
                    path.substring("/wiki".length())
                            + Queries.with(
                                    request,
                                    Queries.of("start", "" + (page.start() + page.size()), "limit", "" + page.size())));
        }
        return links;
    }
}
