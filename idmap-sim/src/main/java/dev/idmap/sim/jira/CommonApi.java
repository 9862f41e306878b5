package dev.idmap.sim.jira;

import dev.idmap.sim.http.HttpSite;
import dev.idmap.sim.http.Json;
import dev.idmap.sim.http.OffsetPage;
import dev.idmap.sim.http.SimHttpException;
import dev.idmap.sim.http.SimRequest;
import dev.idmap.sim.http.SimResponse;
import dev.idmap.sim.jira.IssueSpace.Issue;
import dev.idmap.sim.jira.Records.Board;
import dev.idmap.sim.jira.Records.Project;
import dev.idmap.sim.jira.Records.Sprint;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The endpoints Data Center v2 and Cloud v3 share (same paths under {@code /rest/api/2} or {@code /rest/api/3}), and
 * the agile 1.0 endpoints, which have the same paths on both.
 */
class CommonApi {

    final JiraWorld world;
    final IssueSpace issues;
    final JiraSite site;
    final JiraJson json;
    final IssueRenderer renderer;
    final IssueSearch search;
    final String api;

    CommonApi(JiraWorld world, IssueSpace issues, JiraSite site) {
        this.world = world;
        this.issues = issues;
        this.site = site;
        this.json = new JiraJson(site);
        this.renderer = new IssueRenderer(issues, site, json);
        this.search = new IssueSearch(issues, site);
        this.api = site.cloud ? "/rest/api/3" : "/rest/api/2";
    }

    void register(HttpSite.Builder b) {
        b.get(api + "/myself", r -> SimResponse.json(myself(r)));
        b.get(api + "/serverInfo", this::serverInfo);
        b.get(api + "/mypermissions", this::myPermissions);
        b.get(
                api + "/status",
                r -> list(site.statuses.stream().map(s -> json.status(r, s)).toList()));
        b.get(
                api + "/status/{idOrName}",
                r -> SimResponse.json(json.status(
                        r,
                        site.statuses.stream()
                                .filter(s -> Long.toString(s.id()).equals(r.pathParam("idOrName"))
                                        || s.name().equalsIgnoreCase(r.pathParam("idOrName")))
                                .findFirst()
                                .orElseThrow(() -> SimHttpException.notFound(
                                        "The status with id '" + r.pathParam("idOrName") + "' does not exist")))));
        b.get(
                api + "/priority",
                r -> list(site.priorities.stream().map(p -> json.priority(r, p)).toList()));
        b.get(
                api + "/resolution",
                r -> list(site.resolutions.stream()
                        .map(x -> json.resolution(r, x))
                        .toList()));
        b.get(
                api + "/issuetype",
                r -> list(
                        site.issueTypes.stream().map(t -> json.issueType(r, t)).toList()));
        b.get(api + "/issueLinkType", r -> {
            var body = Json.object();
            body.set(
                    "issueLinkTypes",
                    Pages.array(site.linkTypes.stream()
                            .map(t -> json.linkType(r, t))
                            .toList()));
            return SimResponse.json(body);
        });
        b.get(
                api + "/projectCategory",
                r -> list(site.categories.stream().map(c -> json.category(r, c)).toList()));
        b.get(api + "/field", this::fields);
        b.get(api + "/project/{projectIdOrKey}", r -> SimResponse.json(json.projectDetail(r, project(r))));
        b.get(api + "/project/{projectIdOrKey}/components", r -> {
            Project p = project(r);
            return list(site.components.stream()
                    .filter(c -> c.projectId() == p.id())
                    .map(c -> json.component(r, c))
                    .toList());
        });
        b.get(api + "/project/{projectIdOrKey}/versions", r -> {
            Project p = project(r);
            return list(site.versions.stream()
                    .filter(v -> v.projectId() == p.id())
                    .map(v -> json.version(r, v))
                    .toList());
        });
        b.get(api + "/project/{projectIdOrKey}/version", r -> {
            Project p = project(r);
            var all = site.versions.stream()
                    .filter(v -> v.projectId() == p.id())
                    .map(v -> json.version(r, v))
                    .toList();
            OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 50, 50);
            return SimResponse.json(Pages.pageBean(r, page, all.size(), page.slice(all)));
        });
        b.get(api + "/project/{projectIdOrKey}/role", r -> {
            Project p = project(r);
            var body = Json.object();
            site.roles.forEach(
                    role -> body.put(role.name(), r.link(api + "/project/" + p.id() + "/role/" + role.id())));
            return SimResponse.json(body);
        });
        b.get(api + "/project/{projectIdOrKey}/role/{id}", r -> {
            Project p = project(r);
            var role = site.roles.stream()
                    .filter(x -> Long.toString(x.id()).equals(r.pathParam("id")))
                    .findFirst()
                    .orElseThrow(
                            () -> SimHttpException.notFound("Can not retrieve a role actor for a null project role."));
            return SimResponse.json(json.roleInProject(r, p, role, site.roleActors(p.id(), role.id())));
        });
        b.get(api + "/issue/{issueIdOrKey}", r -> {
            Issue issue = issue(r);
            Set<String> fields = IssueRenderer.select(r.params("fields"), false);
            return SimResponse.json(renderer.render(r, issue, fields, false));
        });
        b.get(api + "/issue/{issueIdOrKey}/comment", this::comments);
        b.get(api + "/attachment/{id}", this::attachment);
        registerAgile(b);
    }

    static SimResponse list(List<ObjectNode> values) {
        return SimResponse.json(Pages.array(values));
    }

    ObjectNode myself(SimRequest r) {
        String login = r.principal().orElseThrow().login();
        var user = site.cloud
                ? site.users.stream()
                        .filter(u -> login.equalsIgnoreCase(u.email()))
                        .findFirst()
                : site.userByName(login);
        return user.map(u -> json.user(r, u.ref())).orElseGet(Json::object);
    }

    /** Administrators have every global permission; other accounts may browse and pick users, nothing more. */
    private SimResponse myPermissions(SimRequest r) {
        List<String> wanted = r.params("permissions");
        if (site.cloud && wanted.isEmpty()) {
            throw SimHttpException.badRequest("The permissions query parameter is required.");
        }
        String[][] known = {
            {"0", "ADMINISTER", "Administer Jira", "GLOBAL"},
            {"44", "SYSTEM_ADMIN", "Jira System Administrators", "GLOBAL"},
            {"27", "USER_PICKER", "Browse users and groups", "GLOBAL"},
            {"10", "BROWSE_PROJECTS", "Browse Projects", "PROJECT"}
        };
        var permissions = Json.object();
        for (String[] p : known) {
            if (!wanted.isEmpty() && !wanted.contains(p[1])) {
                continue;
            }
            boolean granted = r.isAdmin() || p[1].equals("USER_PICKER") || p[1].equals("BROWSE_PROJECTS");
            permissions.set(
                    p[1],
                    Json.object()
                            .put("id", p[0])
                            .put("key", p[1])
                            .put("name", p[2])
                            .put("type", p[3])
                            .put("description", p[2])
                            .put("havePermission", granted));
        }
        for (String key : wanted) {
            if (!permissions.has(key) && java.util.Arrays.stream(known).noneMatch(p -> p[1].equals(key))) {
                throw SimHttpException.badRequest("Permission key '" + key + "' is not valid.");
            }
        }
        return SimResponse.json(Json.object().set("permissions", permissions));
    }

    /** A project of a list, with the {@code lead} and {@code description} expansions when asked for. */
    ObjectNode listedProject(SimRequest r, Project p) {
        var node = json.project(r, p);
        var expand = r.params("expand");
        if (expand.contains("lead")) {
            node.set("lead", json.user(r, p.leadRef()));
        }
        if (expand.contains("description")) {
            node.put("description", p.name() + " (generated)");
        }
        return node;
    }

    private SimResponse serverInfo(SimRequest r) {
        var body = Json.object().put("baseUrl", r.siteUrl().toString());
        if (site.cloud) {
            body.put("version", "1001.0.0-SNAPSHOT").put("deploymentType", "Cloud");
        } else {
            body.put("version", "10.3.24").put("deploymentType", "Server");
        }
        body.put("serverTitle", site.cloud ? "Simulated Jira Cloud" : "Simulated Jira Data Center");
        return SimResponse.json(body);
    }

    private SimResponse fields(SimRequest r) {
        var all = new java.util.ArrayList<ObjectNode>();
        for (String[] f : JiraJson.SYSTEM_FIELDS) {
            all.add(json.systemField(f));
        }
        site.customFields.forEach(f -> all.add(json.customFieldSummary(f)));
        return list(all);
    }

    Project project(SimRequest r) {
        String keyOrId = r.pathParam("projectIdOrKey");
        return site.project(keyOrId)
                .orElseThrow(() -> SimHttpException.notFound("No project could be found with key '" + keyOrId + "'."));
    }

    Issue issue(SimRequest r) {
        String idOrKey = r.pathParam("issueIdOrKey");
        return issues.byIdOrKey(site, idOrKey)
                .orElseThrow(() ->
                        SimHttpException.notFound("Issue does not exist or you do not have permission to see it."));
    }

    private SimResponse comments(SimRequest r) {
        Issue issue = issue(r);
        var all = issues.comments(site, issue);
        OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", site.cloud ? 100 : 50, site.cloud ? 100 : 50);
        boolean newestFirst = r.param("orderBy").filter(o -> o.startsWith("-")).isPresent();
        var ordered = new java.util.ArrayList<>(all);
        if (newestFirst) {
            java.util.Collections.reverse(ordered);
        }
        var body = Json.object()
                .put("startAt", page.start())
                .put("maxResults", page.size())
                .put("total", all.size());
        body.set(
                "comments",
                Pages.array(page.slice(ordered).stream()
                        .map(c -> json.comment(r, issue, c))
                        .toList()));
        return SimResponse.json(body);
    }

    private SimResponse attachment(SimRequest r) {
        long id;
        try {
            id = Long.parseLong(r.pathParam("id"));
        } catch (NumberFormatException e) {
            throw SimHttpException.notFound("The attachment with id '" + r.pathParam("id") + "' does not exist");
        }
        long issueId = IssueSpace.ISSUE_BASE + (id - 10000) / IssueSpace.STRIDE;
        return issues.byId(site, issueId)
                .flatMap(issue -> issues.attachments(site, issue).stream()
                        .filter(a -> a.id() == id)
                        .findFirst())
                .map(a -> SimResponse.json(json.attachment(r, a, site.cloud)))
                .orElseThrow(() -> SimHttpException.notFound("The attachment with id '" + id + "' does not exist"));
    }

    // ---- agile 1.0 ----

    private void registerAgile(HttpSite.Builder b) {
        b.get("/rest/agile/1.0/board", r -> {
            var boards = site.boards.stream()
                    .filter(x -> r.params("type").isEmpty() || r.params("type").contains(x.type()))
                    .filter(x -> r.param("name")
                            .map(n -> x.name().toLowerCase().contains(n.toLowerCase()))
                            .orElse(true))
                    .filter(x -> r.param("projectKeyOrId")
                            .map(k -> k.equalsIgnoreCase(x.projectKey()) || k.equals(Long.toString(x.projectId())))
                            .orElse(true))
                    .map(x -> json.board(r, x))
                    .toList();
            OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 50, 50);
            return SimResponse.json(Pages.agilePage(page, boards.size(), page.slice(boards)));
        });
        b.get("/rest/agile/1.0/board/{boardId}", r -> SimResponse.json(json.board(r, board(r))));
        b.get("/rest/agile/1.0/board/{boardId}/configuration", r -> SimResponse.json(boardConfiguration(r, board(r))));
        b.get("/rest/agile/1.0/board/{boardId}/sprint", r -> {
            Board board = board(r);
            if (!board.type().equals("scrum")) {
                throw SimHttpException.badRequest("The board does not support sprints");
            }
            List<String> states = r.params("state");
            var sprints = site.sprints.stream()
                    .filter(s -> s.boardId() == board.id())
                    .filter(s -> states.isEmpty() || states.contains(s.state()))
                    .map(s -> json.sprint(r, s))
                    .toList();
            OffsetPage page = OffsetPage.from(r, "startAt", "maxResults", 50, 50);
            return SimResponse.json(Pages.agilePage(page, sprints.size(), page.slice(sprints)));
        });
        b.get("/rest/agile/1.0/sprint/{sprintId}", r -> {
            String id = r.pathParam("sprintId");
            Sprint sprint = site.sprints.stream()
                    .filter(s -> Long.toString(s.id()).equals(id))
                    .findFirst()
                    .orElseThrow(() -> SimHttpException.notFound("Sprint with id " + id + " does not exist"));
            return SimResponse.json(json.sprint(r, sprint));
        });
    }

    /** The board's saved filter, its columns (statuses by category) and, for scrum, the estimation field. */
    private ObjectNode boardConfiguration(SimRequest r, Board board) {
        var node = Json.object()
                .put("id", board.id())
                .put("name", board.name())
                .put("type", board.type())
                .put("self", r.link("/rest/agile/1.0/board/" + board.id() + "/configuration"));
        node.set("location", Json.object().put("type", "project").put("projectKeyOrId", board.projectKey()));
        node.set(
                "filter",
                Json.object()
                        .put("id", Long.toString(board.filterId()))
                        .put("self", r.link(api + "/filter/" + board.filterId())));
        var columns = Json.array();
        for (String[] column : new String[][] {{"To Do", "new"}, {"In Progress", "indeterminate"}, {"Done", "done"}}) {
            var statuses = Json.array();
            site.statuses.stream()
                    .filter(s -> s.scopeProjectId() == 0 && s.category().equals(column[1]))
                    .forEach(s -> statuses.add(Json.object()
                            .put("id", Long.toString(s.id()))
                            .put("self", r.link(api + "/status/" + s.id()))));
            columns.add(Json.object().put("name", column[0]).set("statuses", statuses));
        }
        node.set("columnConfig", Json.object().put("constraintType", "none").set("columns", columns));
        if (board.type().equals("scrum")) {
            site.customFields.stream()
                    .filter(f -> f.name().equals("Story Points"))
                    .findFirst()
                    .ifPresent(f -> node.set(
                            "estimation",
                            Json.object()
                                    .put("type", "field")
                                    .set(
                                            "field",
                                            Json.object()
                                                    .put("fieldId", f.fieldId())
                                                    .put("displayName", f.name()))));
        }
        return node;
    }

    private Board board(SimRequest r) {
        String id = r.pathParam("boardId");
        return site.boards.stream()
                .filter(x -> Long.toString(x.id()).equals(id))
                .findFirst()
                .orElseThrow(() ->
                        SimHttpException.notFound("Board does not exist or you do not have permission to see it."));
    }
}
