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
import dev.idmap.sim.jira.Records.Filter;
import dev.idmap.sim.jira.Records.Group;
import dev.idmap.sim.jira.Records.Project;
import dev.idmap.sim.jira.Records.User;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Jira Cloud REST v3 on top of the shared endpoints: {@code /search/jql} with {@code nextPageToken} (at most 5000 issues
 * a page when only id/key are requested, 100 otherwise, unbounded JQL refused), the removed {@code /search} answering
 * 410, {@code /project/search} capped at 100, field contexts and options, {@code /statuses/search} with scope,
 * {@code /user/bulk/migration}, {@code /users/search}, {@code /group/bulk}, {@code /filter/search},
 * {@code /dashboard/search}.
 */
final class CloudApi extends CommonApi {

    static final int SEARCH_ID_ONLY_MAX = 5000;
    static final int SEARCH_FIELDS_MAX = 100;
    static final String SEARCH_GONE = "The requested API has been removed. Please migrate to the /rest/api/3/search/jql"
            + " API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046";

    CloudApi(JiraWorld world, IssueSpace issues) {
        super(world, issues, world.cloud);
    }

    @Override
    void register(HttpSite.Builder b) {
        super.register(b);
        b.get(
                "/rest/api/3/project",
                r -> list(site.projects.stream().map(p -> listedProject(r, p)).toList()));
        b.get("/rest/api/3/project/search", this::projectSearch);
        b.get("/rest/api/3/project/{projectIdOrKey}/component", r -> {
            Project p = project(r);
            var all = site.components.stream()
                    .filter(c -> c.projectId() == p.id())
                    .map(c -> json.component(r, c))
                    .toList();
            OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 50, 50);
            return SimResponse.json(Pages.pageBean(r, page, all.size(), page.slice(all)));
        });
        b.get("/rest/api/3/search", r -> SimResponse.json(410, gone()));
        b.post("/rest/api/3/search", r -> SimResponse.json(410, gone()));
        b.get(
                "/rest/api/3/search/jql",
                r -> searchJql(
                        r,
                        r.param("jql").orElse(""),
                        r.param("nextPageToken"),
                        r.intParam("maxResults", 50),
                        r.params("fields")));
        b.post("/rest/api/3/search/jql", r -> {
            JsonNode body = body(r);
            Optional<String> token = body.path("nextPageToken").isString()
                    ? Optional.of(body.path("nextPageToken").asString())
                    : Optional.empty();
            return searchJql(
                    r,
                    body.path("jql").asString(""),
                    token,
                    body.path("maxResults").asInt(50),
                    DataCenterApi.strings(body.path("fields")));
        });
        b.get("/rest/api/3/issue/{issueIdOrKey}/worklog", r -> {
            Issue issue = issue(r);
            var all = issues.worklogs(site, issue);
            OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 5000, 5000);
            var body = Json.object()
                    .put("startAt", page.start())
                    .put("maxResults", page.size())
                    .put("total", all.size());
            body.set(
                    "worklogs",
                    Pages.array(page.slice(all).stream()
                            .map(w -> json.worklog(r, issue, w))
                            .toList()));
            return SimResponse.json(body);
        });
        b.get("/rest/api/3/field/search", this::fieldSearch);
        b.getAdmin("/rest/api/3/field/{fieldId}/context", this::contexts);
        b.getAdmin("/rest/api/3/field/{fieldId}/context/{contextId}/option", this::contextOptions);
        b.getAdmin("/rest/api/3/field/{fieldId}/context/projectmapping", this::contextProjects);
        b.getAdmin("/rest/api/3/statuses/search", this::statusSearch);
        b.get("/rest/api/3/priority/search", r -> {
            var all = site.priorities.stream().map(p -> json.priority(r, p)).toList();
            OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 50, 50);
            return SimResponse.json(Pages.pageBean(r, page, all.size(), page.slice(all)));
        });
        b.get("/rest/api/3/resolution/search", r -> {
            var all = site.resolutions.stream()
                    .map(x -> json.resolution(r, x).put("default", false))
                    .toList();
            OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 50, 50);
            return SimResponse.json(Pages.pageBean(r, page, all.size(), page.slice(all)));
        });
        b.getAdmin(
                "/rest/api/3/role",
                r -> list(site.roles.stream().map(x -> json.role(r, x)).toList()));
        b.get("/rest/api/3/user/bulk/migration", this::bulkMigration);
        b.get("/rest/api/3/users/search", r -> {
            OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 50, 1000);
            return list(page.slice(site.users).stream()
                    .map(u -> json.user(r, u.ref()))
                    .toList());
        });
        b.get("/rest/api/3/users", r -> {
            OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 50, 1000);
            return list(page.slice(site.users).stream()
                    .map(u -> json.user(r, u.ref()))
                    .toList());
        });
        b.get("/rest/api/3/user", r -> {
            String accountId = r.param("accountId")
                    .orElseThrow(
                            () -> SimHttpException.badRequest("The accountId query parameter needs to be provided."));
            return SimResponse.json(json.user(
                    r,
                    site.user(accountId)
                            .orElseThrow(() -> SimHttpException.notFound(
                                    "Specified user does not exist or you do not have required permissions"))
                            .ref()));
        });
        b.get("/rest/api/3/user/bulk", r -> {
            var all = r.params("accountId").stream()
                    .flatMap(id -> site.user(id).stream())
                    .map(u -> json.user(r, u.ref()))
                    .toList();
            OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 10, 200);
            return SimResponse.json(Pages.pageBean(r, page, all.size(), page.slice(all)));
        });
        b.get("/rest/api/3/group/bulk", this::groups);
        b.get("/rest/api/3/group/member", this::groupMembers);
        b.get("/rest/api/3/filter/search", this::filterSearch);
        b.get(
                "/rest/api/3/filter/{id}",
                r -> SimResponse.json(filter(
                        r,
                        site.filters.stream()
                                .filter(f -> Long.toString(f.id()).equals(r.pathParam("id")))
                                .findFirst()
                                .orElseThrow(
                                        () -> SimHttpException.badRequest("The selected filter is not available to you,"
                                                + " perhaps it has been deleted or had its permissions changed.")),
                        Set.of("jql", "owner"))));
        b.get("/rest/api/3/dashboard/search", this::dashboardSearch);
        b.get(
                "/rest/api/3/dashboard/{id}",
                r -> SimResponse.json(dashboard(
                        r,
                        site.dashboards.stream()
                                .filter(d -> Long.toString(d.id()).equals(r.pathParam("id")))
                                .findFirst()
                                .orElseThrow(() -> SimHttpException.notFound(
                                        "The dashboard with id '" + r.pathParam("id") + "' does not exist.")),
                        Set.of("owner"))));
    }

    private static ObjectNode gone() {
        var body = Json.object();
        body.set("errorMessages", Json.array().add(SEARCH_GONE));
        body.set("errors", Json.object());
        return body;
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

    private SimResponse projectSearch(SimRequest r) {
        OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 50, 100);
        var keys =
                r.params("keys").stream().map(k -> k.toUpperCase(Locale.ROOT)).toList();
        var ids = r.params("id");
        String query = r.param("query").orElse("").toLowerCase(Locale.ROOT);
        String orderBy = r.param("orderBy").orElse("key");
        Comparator<Project> order = switch (orderBy.replace("-", "").replace("+", "")) {
            case "id" -> Comparator.comparingLong(Project::id);
            case "name" -> Comparator.comparing(Project::name);
            case "key" -> Comparator.comparing(Project::key);
            default -> throw SimHttpException.badRequest("The orderBy value '" + orderBy + "' is not supported.");
        };
        if (orderBy.startsWith("-")) {
            order = order.reversed();
        }
        var all = site.projects.stream()
                .filter(p -> keys.isEmpty() || keys.contains(p.key()))
                .filter(p -> ids.isEmpty() || ids.contains(Long.toString(p.id())))
                .filter(p -> query.isEmpty()
                        || p.key().toLowerCase(Locale.ROOT).contains(query)
                        || p.name().toLowerCase(Locale.ROOT).contains(query))
                .sorted(order)
                .map(p -> listedProject(r, p))
                .toList();
        return SimResponse.json(Pages.pageBean(r, page, all.size(), page.slice(all)));
    }

    private SimResponse searchJql(
            SimRequest r, String jqlText, Optional<String> token, int maxResults, List<String> fields) {
        Jql jql = Jql.parse(jqlText);
        if (!jql.bounded()) {
            throw SimHttpException.badRequest(
                    "Unbounded JQL queries are not allowed here. Please add a search" + " restriction to your query.");
        }
        for (String project : jql.projects()) {
            if (site.project(project).isEmpty()) {
                throw SimHttpException.badRequest(
                        "The value '" + project + "' does not exist for the field 'project'.");
            }
        }
        Set<String> selected = IssueRenderer.select(fields, true);
        int cap = IssueRenderer.idOrKeyOnly(selected) ? SEARCH_ID_ONLY_MAX : SEARCH_FIELDS_MAX;
        int size = maxResults <= 0 ? 50 : Math.min(maxResults, cap);
        long position = token.map(t -> Cursors.decode(jqlText, t)).orElse(0L);
        List<Issue> page = search.page(jql, position, size + 1);
        boolean last = page.size() <= size;
        if (!last) {
            page = page.subList(0, size);
        }
        var body = Json.object();
        body.set(
                "issues",
                Pages.array(page.stream()
                        .map(i -> renderer.render(r, i, selected, true))
                        .toList()));
        if (!last) {
            body.put("nextPageToken", Cursors.encode(jqlText, position + size));
        }
        body.put("isLast", last);
        return SimResponse.json(body);
    }

    private SimResponse fieldSearch(SimRequest r) {
        var types = r.params("type");
        var ids = r.params("id");
        String query = r.param("query").orElse("").toLowerCase(Locale.ROOT);
        var all = new ArrayList<ObjectNode>();
        if (types.isEmpty() || types.contains("system")) {
            for (String[] f : JiraJson.SYSTEM_FIELDS) {
                all.add(json.systemField(f));
            }
        }
        if (types.isEmpty() || types.contains("custom")) {
            site.customFields.forEach(f -> all.add(json.customFieldSummary(f)));
        }
        var filtered = all.stream()
                .map(json::fieldSearchItem)
                .filter(f -> ids.isEmpty() || ids.contains(f.get("id").asString()))
                .filter(f -> query.isEmpty()
                        || f.get("name").asString().toLowerCase(Locale.ROOT).contains(query))
                .toList();
        OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 50, 100);
        return SimResponse.json(Pages.pageBean(r, page, filtered.size(), page.slice(filtered)));
    }

    private CustomField field(SimRequest r) {
        String fieldId = r.pathParam("fieldId");
        return site.customField(fieldId)
                .filter(f -> fieldId.startsWith("customfield_"))
                .orElseThrow(() -> SimHttpException.notFound("The custom field was not found."));
    }

    /** Every Cloud custom field has one context, global unless the field is team-managed. */
    static long contextId(CustomField f) {
        return f.id() + 10000;
    }

    private SimResponse contexts(SimRequest r) {
        CustomField f = field(r);
        var context = Json.object()
                .put("id", Long.toString(contextId(f)))
                .put("name", "Default Configuration Scheme for " + f.name())
                .put("description", "Default configuration scheme generated by Jira")
                .put("isGlobalContext", f.projectIds().isEmpty())
                .put("isAnyIssueType", true);
        OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 50, 50);
        return SimResponse.json(Pages.pageBean(r, page, 1, page.slice(List.of(context))));
    }

    /** Which projects each context applies to: global contexts say so, team-managed ones name their project. */
    private SimResponse contextProjects(SimRequest r) {
        CustomField f = field(r);
        var wanted = r.params("contextId");
        var mappings = new ArrayList<ObjectNode>();
        if (wanted.isEmpty() || wanted.contains(Long.toString(contextId(f)))) {
            if (f.projectIds().isEmpty()) {
                mappings.add(Json.object()
                        .put("contextId", Long.toString(contextId(f)))
                        .put("isGlobalContext", true));
            } else {
                f.projectIds()
                        .forEach(p -> mappings.add(Json.object()
                                .put("contextId", Long.toString(contextId(f)))
                                .put("projectId", Long.toString(p))));
            }
        }
        OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 50, 50);
        return SimResponse.json(Pages.pageBean(r, page, mappings.size(), page.slice(mappings)));
    }

    private SimResponse contextOptions(SimRequest r) {
        CustomField f = field(r);
        if (!r.pathParam("contextId").equals(Long.toString(contextId(f)))) {
            throw SimHttpException.notFound("The context was not found.");
        }
        if (!f.type().hasOptions) {
            throw SimHttpException.badRequest("Options are not supported for the custom field type.");
        }
        boolean onlyOptions = r.boolParam("onlyOptions", false);
        var options = site.options.stream().filter(o -> o.fieldId() == f.id()).toList();
        // "Options are returned first then cascading options"
        var ordered = new ArrayList<ObjectNode>();
        options.stream().filter(o -> o.parentId() == 0).forEach(o -> ordered.add(option(o.id(), o.value(), 0)));
        if (!onlyOptions) {
            options.stream()
                    .filter(o -> o.parentId() != 0)
                    .forEach(o -> ordered.add(option(o.id(), o.value(), o.parentId())));
        }
        OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 100, 1000);
        return SimResponse.json(Pages.pageBean(r, page, ordered.size(), page.slice(ordered)));
    }

    private static ObjectNode option(long id, String value, long parentId) {
        var option = Json.object().put("id", Long.toString(id)).put("value", value);
        if (parentId != 0) {
            option.put("optionId", Long.toString(parentId));
        }
        option.put("disabled", false);
        return option;
    }

    private SimResponse statusSearch(SimRequest r) {
        Optional<String> projectId = r.param("projectId");
        String query = r.param("searchString").orElse("").toLowerCase(Locale.ROOT);
        var all = site.statuses.stream()
                .filter(s -> projectId
                        .map(p -> s.scopeProjectId() == 0
                                || Long.toString(s.scopeProjectId()).equals(p))
                        .orElse(true))
                .filter(s -> s.name().toLowerCase(Locale.ROOT).contains(query))
                .map(json::jiraStatus)
                .toList();
        OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 200, 200);
        return SimResponse.json(Pages.pageBean(r, page, all.size(), page.slice(all)));
    }

    /** {@code username} or {@code key}, not both; users the migration mapping does not know are left out. */
    private SimResponse bulkMigration(SimRequest r) {
        var usernames = r.rawParams("username");
        var keys = r.rawParams("key");
        if (!usernames.isEmpty() && !keys.isEmpty()) {
            throw SimHttpException.badRequest("You must specify either username or key, but not both.");
        }
        if (usernames.isEmpty() && keys.isEmpty()) {
            throw SimHttpException.badRequest("You must specify at least one username or key.");
        }
        var all = new ArrayList<ObjectNode>();
        for (String username : usernames) {
            world.dc
                    .userByName(username)
                    .map(u -> world.migrationMappingByKey.get(u.ref()))
                    .ifPresent(accountId ->
                            all.add(Json.object().put("username", username).put("accountId", accountId)));
        }
        for (String key : keys) {
            Optional.ofNullable(world.migrationMappingByKey.get(key))
                    .ifPresent(
                            accountId -> all.add(Json.object().put("key", key).put("accountId", accountId)));
        }
        OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 10, 1000);
        return list(page.slice(all));
    }

    private SimResponse groups(SimRequest r) {
        var names = r.rawParams("groupName");
        var ids = r.rawParams("groupId");
        var all = site.groups.stream()
                .filter(g -> names.isEmpty() || names.contains(g.name()))
                .filter(g -> ids.isEmpty() || ids.contains(g.groupId()))
                .sorted(Comparator.comparing(Group::name))
                .map(g -> Json.object().put("name", g.name()).put("groupId", g.groupId()))
                .toList();
        OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 50, 50);
        return SimResponse.json(Pages.pageBean(r, page, all.size(), page.slice(all)));
    }

    private SimResponse groupMembers(SimRequest r) {
        Optional<String> groupId = r.param("groupId");
        Optional<String> name = r.param("groupname");
        if (groupId.isEmpty() && name.isEmpty()) {
            throw SimHttpException.badRequest("Either groupname or groupId is required.");
        }
        Group group = site.groups.stream()
                .filter(g -> groupId.map(g.groupId()::equals).orElse(true))
                .filter(g -> name.map(g.name()::equalsIgnoreCase).orElse(true))
                .findFirst()
                .orElseThrow(() -> SimHttpException.notFound("Specified group does not exist."));
        boolean inactiveToo = r.boolParam("includeInactiveUsers", false);
        var members = group.memberRefs().stream()
                .map(ref -> site.user(ref).orElseThrow())
                .filter(u -> inactiveToo || u.active())
                .map(u -> json.user(r, u.ref()))
                .toList();
        OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 50, 50);
        return SimResponse.json(Pages.pageBean(r, page, members.size(), page.slice(members)));
    }

    private SimResponse filterSearch(SimRequest r) {
        if (r.boolParam("overrideSharePermissions", false) && !r.isAdmin()) {
            throw new SimHttpException(403, "You don't have permission to override share permissions.");
        }
        var expand = new java.util.HashSet<>(r.params("expand"));
        expand.add("*search");
        String name = r.param("filterName").orElse("").toLowerCase(Locale.ROOT);
        Optional<String> accountId = r.param("accountId");
        var ids = r.params("id");
        String orderBy = r.param("orderBy").orElse("name");
        Comparator<Filter> order = switch (orderBy.replace("-", "").replace("+", "")) {
            case "id" -> Comparator.comparingLong(Filter::id);
            case "name" -> Comparator.comparing(Filter::name).thenComparingLong(Filter::id);
            case "owner" -> Comparator.comparing(Filter::ownerRef).thenComparingLong(Filter::id);
            default -> throw SimHttpException.badRequest("The orderBy value '" + orderBy + "' is not supported.");
        };
        if (orderBy.startsWith("-")) {
            order = order.reversed();
        }
        var all = site.filters.stream()
                .filter(f -> f.name().toLowerCase(Locale.ROOT).contains(name))
                .filter(f -> accountId.map(f.ownerRef()::equals).orElse(true))
                .filter(f -> ids.isEmpty() || ids.contains(Long.toString(f.id())))
                .sorted(order)
                .map(f -> filter(r, f, expand))
                .toList();
        OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 50, 100);
        return SimResponse.json(Pages.pageBean(r, page, all.size(), page.slice(all)));
    }

    private ObjectNode filter(SimRequest r, Filter f, Set<String> expand) {
        var node = Json.object();
        if (expand.contains("*search")) {
            // FilterDetails (search results) lists the expansions; Filter (get by id) has no such property
            node.put(
                    "expand",
                    "description,owner,jql,searchUrl,viewUrl,favourite,favouritedCount,sharePermissions,"
                            + "editPermissions,isWritable,approximateLastUsed,subscriptions");
        }
        node.put("self", r.link("/rest/api/3/filter/" + f.id()))
                .put("id", Long.toString(f.id()))
                .put("name", f.name());
        if (expand.contains("description")) {
            node.put("description", "");
        }
        if (expand.contains("owner")) {
            node.set("owner", json.user(r, f.ownerRef()));
        }
        if (expand.contains("jql")) {
            node.put("jql", f.jql());
        }
        if (expand.contains("viewUrl")) {
            node.put("viewUrl", r.link("/issues/?filter=" + f.id()));
        }
        if (expand.contains("searchUrl")) {
            node.put(
                    "searchUrl",
                    r.link("/rest/api/3/search/jql?jql="
                            + java.net.URLEncoder.encode(f.jql(), StandardCharsets.UTF_8)));
        }
        if (expand.contains("favourite")) {
            node.put("favourite", f.favourite());
        }
        if (expand.contains("favouritedCount")) {
            node.put("favouritedCount", f.favourite() ? 1 : 0);
        }
        if (expand.contains("sharePermissions")) {
            node.set("sharePermissions", Json.array());
        }
        if (expand.contains("editPermissions")) {
            node.set("editPermissions", Json.array());
        }
        return node;
    }

    private SimResponse dashboardSearch(SimRequest r) {
        Set<String> expand = Set.copyOf(r.params("expand"));
        String name = r.param("dashboardName").orElse("").toLowerCase(Locale.ROOT);
        Optional<String> accountId = r.param("accountId");
        String status = r.param("status").orElse("active");
        if (!Set.of("active", "archived", "deleted").contains(status)) {
            throw SimHttpException.badRequest("The status '" + status + "' is not valid.");
        }
        String orderBy = r.param("orderBy").orElse("name");
        Comparator<Dashboard> order = switch (orderBy.replace("-", "").replace("+", "")) {
            case "id" -> Comparator.comparingLong(Dashboard::id);
            case "name" -> Comparator.comparing(Dashboard::name).thenComparingLong(Dashboard::id);
            case "owner" ->
                Comparator.comparing((Dashboard d) -> String.valueOf(d.ownerRef()))
                        .thenComparingLong(Dashboard::id);
            default -> throw SimHttpException.badRequest("The orderBy value '" + orderBy + "' is not supported.");
        };
        if (orderBy.startsWith("-")) {
            order = order.reversed();
        }
        var all = site.dashboards.stream()
                .filter(d -> status.equals("active"))
                .filter(d -> d.name().toLowerCase(Locale.ROOT).contains(name))
                .filter(d -> accountId.map(a -> a.equals(d.ownerRef())).orElse(true))
                .sorted(order)
                .map(d -> dashboard(r, d, expand))
                .toList();
        OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 50, 100);
        return SimResponse.json(Pages.pageBean(r, page, all.size(), page.slice(all)));
    }

    private ObjectNode dashboard(SimRequest r, Dashboard d, Set<String> expand) {
        var node = Json.object()
                .put("id", Long.toString(d.id()))
                .put("isFavourite", false)
                .put("name", d.name())
                .put("self", r.link("/rest/api/3/dashboard/" + d.id()))
                .put("view", r.link("/jira/dashboards/" + d.id()))
                .put("systemDashboard", d.id() == 10000);
        if (expand.contains("owner") && d.ownerRef() != null) {
            site.user(d.ownerRef()).ifPresent(u -> node.set("owner", dashboardOwner(r, u)));
        }
        if (expand.contains("description")) {
            node.put("description", "");
        }
        if (expand.contains("sharePermissions")) {
            node.set("sharePermissions", Json.array());
        }
        return node;
    }

    private static ObjectNode dashboardOwner(SimRequest r, User u) {
        var owner = Json.object()
                .put("accountId", u.ref())
                .put("active", u.active())
                .put("displayName", u.displayName())
                .put("self", r.link("/rest/api/3/user?accountId=" + u.ref()));
        var avatars = Json.object();
        for (String size : new String[] {"16x16", "24x24", "32x32", "48x48"}) {
            avatars.put(size, r.link("/secure/useravatar?size=" + size + "&ownerId=" + u.ref()));
        }
        owner.set("avatarUrls", avatars);
        return owner;
    }
}
