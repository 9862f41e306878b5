package dev.idmap.sim.jira;

import dev.idmap.sim.http.Cursors;
import dev.idmap.sim.http.HttpSite;
import dev.idmap.sim.http.Json;
import dev.idmap.sim.http.OffsetPage;
import dev.idmap.sim.http.SimHttpException;
import dev.idmap.sim.http.SimRequest;
import dev.idmap.sim.http.SimResponse;
import dev.idmap.sim.jira.IssueSpace.Issue;
import dev.idmap.sim.jira.Records.CustomField;
import dev.idmap.sim.jira.Records.Dashboard;
import dev.idmap.sim.jira.Records.FieldOption;
import dev.idmap.sim.jira.Records.Filter;
import dev.idmap.sim.jira.Records.Group;
import dev.idmap.sim.jira.Records.User;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Jira Data Center REST v2 (10.3) on top of the shared endpoints. Limits follow the documentation: search
 * {@code maxResults} capped at 1000 and refused from {@code startAt} 10,000 (the search window); user search capped at
 * 100 results in all (Jira 10); group picker capped at {@code jira.ajax.autocomplete.limit} = 20; filters only by id
 * and favourites, as Data Center offers no list-all endpoint.
 */
final class DataCenterApi extends CommonApi {

    static final int SEARCH_MAX_RESULTS = 1000;
    static final int SEARCH_WINDOW = 10_000;
    static final int USER_SEARCH_LIMIT = 100;
    static final int AUTOCOMPLETE_LIMIT = 20;
    static final int USER_LIST_MAX = 2000;

    DataCenterApi(JiraWorld world, IssueSpace issues) {
        super(world, issues, world.dc);
    }

    @Override
    void register(HttpSite.Builder b) {
        super.register(b);
        b.get(
                "/rest/api/2/project",
                r -> list(site.projects.stream().map(p -> listedProject(r, p)).toList()));
        b.get(
                "/rest/api/2/search",
                r -> search(
                        r,
                        r.param("jql").orElse(""),
                        r.longParam("startAt").orElse(0),
                        r.intParam("maxResults", 50),
                        r.params("fields")));
        b.post("/rest/api/2/search", r -> {
            JsonNode body = body(r);
            return search(
                    r,
                    body.path("jql").asString(""),
                    body.path("startAt").asLong(0),
                    body.path("maxResults").asInt(50),
                    strings(body.path("fields")));
        });
        b.get("/rest/api/2/issue/{issueIdOrKey}/worklog", r -> {
            Issue issue = issue(r);
            var worklogs = issues.worklogs(site, issue);
            var body = Json.object()
                    .put("startAt", 0)
                    .put("maxResults", worklogs.size())
                    .put("total", worklogs.size());
            body.set(
                    "worklogs",
                    Pages.array(worklogs.stream()
                            .map(w -> json.worklog(r, issue, w))
                            .toList()));
            return SimResponse.json(body);
        });
        b.getAdmin("/rest/api/2/customFields", this::customFields);
        b.getAdmin("/rest/api/2/customFields/{customFieldId}/options", this::options);
        b.get("/rest/api/2/customFieldOption/{id}", r -> {
            FieldOption option = site.options.stream()
                    .filter(o -> Long.toString(o.id()).equals(r.pathParam("id")))
                    .findFirst()
                    .orElseThrow(() -> SimHttpException.notFound(
                            "The custom field option '" + r.pathParam("id") + "' does not exist."));
            return SimResponse.json(option(r, option));
        });
        b.get(
                "/rest/api/2/role",
                r -> list(site.roles.stream().map(x -> json.role(r, x)).toList()));
        b.get(
                "/rest/api/2/filter/favourite",
                r -> list(site.filters.stream()
                        .filter(Filter::favourite)
                        .filter(f -> isAdminCaller(r) || f.ownerRef().equals(callerKey(r)))
                        .map(f -> filter(r, f))
                        .toList()));
        b.get(
                "/rest/api/2/filter/{id}",
                r -> SimResponse.json(filter(
                        r,
                        site.filters.stream()
                                .filter(f -> Long.toString(f.id()).equals(r.pathParam("id")))
                                .findFirst()
                                .orElseThrow(() -> SimHttpException.badRequest(
                                        "The selected filter is not available to you, perhaps"
                                                + " it has been deleted or had its permissions changed.")))));
        b.get("/rest/api/2/dashboard", this::dashboards);
        b.get(
                "/rest/api/2/dashboard/{id}",
                r -> SimResponse.json(dashboard(
                        r,
                        site.dashboards.stream()
                                .filter(d -> Long.toString(d.id()).equals(r.pathParam("id")))
                                .findFirst()
                                .orElseThrow(() -> SimHttpException.notFound(
                                        "The dashboard with id '" + r.pathParam("id") + "' does not exist.")))));
        b.get("/rest/api/2/groups/picker", this::groupPicker);
        b.get("/rest/api/2/group/member", this::groupMembers);
        b.get("/rest/api/2/user/list", this::userList);
        b.get("/rest/api/2/user/search", this::userSearch);
        b.get("/rest/api/2/user", r -> {
            var user = r.param("key")
                    .flatMap(site::user)
                    .or(() -> r.param("username").flatMap(site::userByName));
            return SimResponse.json(json.user(
                    r,
                    user.orElseThrow(() -> SimHttpException.notFound("The user named '"
                                    + r.param("username")
                                            .or(() -> r.param("key"))
                                            .orElse("") + "' does not exist"))
                            .ref()));
        });
    }

    private static JsonNode body(SimRequest r) {
        if (r.body().length == 0) {
            return Json.object();
        }
        try {
            return Json.MAPPER.readTree(new String(r.body(), StandardCharsets.UTF_8));
        } catch (RuntimeException malformed) {
            throw SimHttpException.badRequest("Unexpected character in the request body: not valid JSON.");
        }
    }

    static List<String> strings(JsonNode node) {
        if (node.isArray()) {
            var values = new java.util.ArrayList<String>();
            node.forEach(v -> values.add(v.asString()));
            return values;
        }
        return node.isString() ? List.of(node.asString().split(",")) : List.of();
    }

    private SimResponse search(SimRequest r, String jqlText, long startAt, int maxResults, List<String> fields) {
        Jql jql = Jql.parse(jqlText);
        requireKnownProjects(jql);
        if (startAt < 0) {
            throw SimHttpException.badRequest("startAt must not be negative.");
        }
        if (startAt >= SEARCH_WINDOW) {
            throw SimHttpException.badRequest("Search limit exceeded. The result window is limited to "
                    + SEARCH_WINDOW + " results (jira.search.platform.max.result.window): startAt=" + startAt
                    + ". Narrow the query, e.g. page by id ranges.");
        }
        int size = maxResults < 0 ? 50 : Math.min(maxResults, SEARCH_MAX_RESULTS);
        size = (int) Math.min(size, SEARCH_WINDOW - startAt);
        long total = search.count(jql);
        Set<String> selected = IssueRenderer.select(fields, false);
        var body = Json.object()
                .put("expand", "schema,names")
                .put("startAt", startAt)
                .put("maxResults", size)
                .put("total", total);
        body.set(
                "issues",
                Pages.array(search.page(jql, startAt, size).stream()
                        .map(i -> renderer.render(r, i, selected, false))
                        .toList()));
        return SimResponse.json(body);
    }

    void requireKnownProjects(Jql jql) {
        for (String project : jql.projects()) {
            if (site.project(project).isEmpty()) {
                throw SimHttpException.badRequest(
                        "The value '" + project + "' does not exist for the field 'project'.");
            }
        }
    }

    private SimResponse customFields(SimRequest r) {
        String query = r.param("search").orElse("").toLowerCase(Locale.ROOT);
        var all = site.customFields.stream()
                .filter(f -> f.name().toLowerCase(Locale.ROOT).contains(query))
                .map(f -> customFieldBean(r, f))
                .toList();
        OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 50, 1000);
        var body = Json.object()
                .put("maxResults", page.size())
                .put("startAt", page.start())
                .put("total", all.size())
                .put("isLast", page.isLast(all.size()));
        body.set("values", Pages.array(page.slice(all)));
        return SimResponse.json(body);
    }

    private ObjectNode customFieldBean(SimRequest r, CustomField f) {
        var node = Json.object()
                .put("id", f.fieldId())
                .put("name", f.name())
                .put("description", "")
                .put("type", f.type().typeKey())
                .put("searcherKey", f.type().searcherKey())
                .put("self", r.link("/rest/api/2/customFields/" + f.id()))
                .put("numericId", f.id())
                .put("isLocked", false)
                .put("isManaged", f.type() == FieldType.SPRINT || f.type() == FieldType.EPIC_LINK)
                .put("isAllProjects", f.projectIds().isEmpty())
                .put("isTrusted", true)
                .put("projectsCount", f.projectIds().size())
                .put("screensCount", 1);
        var projectIds = Json.array();
        f.projectIds().forEach(projectIds::add);
        node.set("projectIds", projectIds);
        node.set("issueTypeIds", Json.array());
        return node;
    }

    private SimResponse options(SimRequest r) {
        CustomField field = site.customField(r.pathParam("customFieldId"))
                .orElseThrow(() -> SimHttpException.notFound(
                        "The custom field with id '" + r.pathParam("customFieldId") + "' does not exist."));
        if (!field.type().hasOptions) {
            throw SimHttpException.badRequest("The custom field '" + field.name() + "' does not support options.");
        }
        List<FieldOption> all =
                site.options.stream().filter(o -> o.fieldId() == field.id()).toList();
        String query = r.param("query").orElse("").toLowerCase(Locale.ROOT);
        all = all.stream()
                .filter(o -> o.value().toLowerCase(Locale.ROOT).contains(query))
                .toList();
        int size = Math.min(Math.max(1, r.intParam("maxResults", 100)), 1000);
        int pageNumber = Math.max(1, r.intParam("page", 1));
        var page = new OffsetPage((long) (pageNumber - 1) * size, size);
        var body = Json.object();
        body.set(
                "options",
                Pages.array(page.slice(all).stream().map(o -> option(r, o)).toList()));
        body.put("total", all.size());
        return SimResponse.json(body);
    }

    private ObjectNode option(SimRequest r, FieldOption o) {
        var node = Json.object()
                .put("self", r.link("/rest/api/2/customFieldOption/" + o.id()))
                .put("id", o.id())
                .put("value", o.value())
                .put("disabled", false);
        var children = Json.array();
        site.options.stream().filter(c -> c.parentId() == o.id()).forEach(c -> children.add(c.id()));
        node.set("childrenIds", children);
        return node;
    }

    private boolean isAdminCaller(SimRequest r) {
        return r.isAdmin();
    }

    private String callerKey(SimRequest r) {
        return site.userByName(r.principal().orElseThrow().login())
                .map(User::ref)
                .orElse("");
    }

    private ObjectNode filter(SimRequest r, Filter f) {
        var node = Json.object()
                .put("self", r.link("/rest/api/2/filter/" + f.id()))
                .put("id", Long.toString(f.id()))
                .put("name", f.name())
                .put("description", "")
                .put("jql", f.jql())
                .put("viewUrl", r.link("/issues/?filter=" + f.id()))
                .put(
                        "searchUrl",
                        r.link("/rest/api/2/search?jql=" + java.net.URLEncoder.encode(f.jql(), StandardCharsets.UTF_8)))
                .put("favourite", f.favourite())
                .put("editable", false);
        node.set("owner", json.user(r, f.ownerRef()));
        node.set("sharePermissions", Json.array());
        return node;
    }

    private SimResponse dashboards(SimRequest r) {
        var all = site.dashboards.stream().map(d -> dashboard(r, d)).toList();
        OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 20, 1000);
        var body = Json.object()
                .put("startAt", page.start())
                .put("maxResults", page.size())
                .put("total", all.size());
        if (page.start() > 0) {
            body.put(
                    "prev",
                    r.link("/rest/api/2/dashboard?startAt=" + Math.max(0, page.start() - page.size()) + "&maxResults="
                            + page.size()));
        }
        if (!page.isLast(all.size())) {
            body.put(
                    "next",
                    r.link("/rest/api/2/dashboard?startAt=" + (page.start() + page.size()) + "&maxResults="
                            + page.size()));
        }
        body.set("dashboards", Pages.array(page.slice(all)));
        return SimResponse.json(body);
    }

    private ObjectNode dashboard(SimRequest r, Dashboard d) {
        return Json.object()
                .put("id", Long.toString(d.id()))
                .put("name", d.name())
                .put("self", r.link("/rest/api/2/dashboard/" + d.id()))
                .put("view", r.link("/secure/Dashboard.jspa?selectPageId=" + d.id()));
    }

    private SimResponse groupPicker(SimRequest r) {
        String query = r.param("query").orElse("").toLowerCase(Locale.ROOT);
        var excluded = Set.copyOf(r.rawParams("exclude"));
        var matching = site.groups.stream()
                .map(Group::name)
                .filter(n -> n.toLowerCase(Locale.ROOT).contains(query))
                .filter(n -> !excluded.contains(n))
                .sorted()
                .toList();
        int limit = Math.min(Math.max(0, r.intParam("maxResults", AUTOCOMPLETE_LIMIT)), AUTOCOMPLETE_LIMIT);
        var shown = matching.subList(0, Math.min(limit, matching.size()));
        var body = Json.object()
                .put("header", "Showing " + shown.size() + " of " + matching.size() + " matching groups")
                .put("total", matching.size());
        body.set(
                "groups",
                Pages.array(shown.stream()
                        .map(n -> {
                            var g = Json.object().put("name", n).put("html", highlight(n, query));
                            g.set("labels", Json.array());
                            return g;
                        })
                        .toList()));
        return SimResponse.json(body);
    }

    private static String highlight(String name, String query) {
        int at = query.isEmpty() ? -1 : name.toLowerCase(Locale.ROOT).indexOf(query);
        if (at < 0) {
            return name;
        }
        return name.substring(0, at) + "<b>" + name.substring(at, at + query.length()) + "</b>"
                + name.substring(at + query.length());
    }

    private SimResponse groupMembers(SimRequest r) {
        String name = r.param("groupname").orElseThrow(() -> SimHttpException.badRequest("groupname is required."));
        Group group = site.groups.stream()
                .filter(g -> g.name().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> SimHttpException.notFound("The group '" + name + "' does not exist."));
        boolean inactiveToo = r.boolParam("includeInactiveUsers", false);
        var members = group.memberRefs().stream()
                .map(ref -> site.user(ref).orElseThrow())
                .filter(u -> inactiveToo || u.active())
                .map(u -> json.user(r, u.ref()))
                .toList();
        OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 50, 50);
        return SimResponse.json(Pages.pageBean(r, page, members.size(), page.slice(members)));
    }

    /** {@code /user/list}: a cursor over every user, in key order here, never the same user twice. */
    private SimResponse userList(SimRequest r) {
        int size = Math.min(Math.max(1, r.intParam("maxResults", USER_LIST_MAX)), USER_LIST_MAX);
        long position =
                r.param("cursor").map(c -> Cursors.decode("user/list", c)).orElse(0L);
        List<User> users = site.users;
        int from = (int) Math.min(position, users.size());
        int to = Math.min(users.size(), from + size);
        boolean last = to >= users.size();
        var body = Json.object()
                .put("self", r.link(r.path() + Pages.query(r, java.util.Map.of())))
                .put("maxResults", size);
        if (!last) {
            String next = Cursors.encode("user/list", to);
            body.put("nextCursor", next);
            body.put("nextPage", r.link("/rest/api/2/user/list?cursor=" + next + "&maxResults=" + size));
        }
        body.put("isLast", last);
        body.set(
                "values",
                Pages.array(users.subList(from, to).stream()
                        .map(u -> json.user(r, u.ref()))
                        .toList()));
        return SimResponse.json(body);
    }

    /** Jira 10 caps user search at 100 users in all: {@code startAt + maxResults} beyond 100 yields nothing more. */
    private SimResponse userSearch(SimRequest r) {
        String query = r.param("username")
                .orElseThrow(() -> SimHttpException.badRequest("The username query parameter was not provided"));
        boolean matchAll = query.equals(".") || query.equals("%") || query.equals("_") || query.isEmpty();
        boolean active = r.boolParam("includeActive", true);
        boolean inactive = r.boolParam("includeInactive", false);
        String q = query.toLowerCase(Locale.ROOT);
        var matching = site.users.stream()
                .filter(u -> u.active() ? active : inactive)
                .filter(u -> matchAll
                        || u.username().toLowerCase(Locale.ROOT).startsWith(q)
                        || u.displayName().toLowerCase(Locale.ROOT).startsWith(q)
                        || u.email().toLowerCase(Locale.ROOT).startsWith(q))
                .limit(USER_SEARCH_LIMIT)
                .toList();
        OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 50, USER_SEARCH_LIMIT);
        return list(
                page.slice(matching).stream().map(u -> json.user(r, u.ref())).toList());
    }
}
