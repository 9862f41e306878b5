package dev.idmap.sim.jira;

import dev.idmap.sim.http.Json;
import dev.idmap.sim.http.SimRequest;
import dev.idmap.sim.jira.IssueSpace.Attachment;
import dev.idmap.sim.jira.IssueSpace.Comment;
import dev.idmap.sim.jira.IssueSpace.Issue;
import dev.idmap.sim.jira.IssueSpace.Link;
import dev.idmap.sim.jira.IssueSpace.Worklog;
import dev.idmap.sim.jira.Records.Board;
import dev.idmap.sim.jira.Records.Category;
import dev.idmap.sim.jira.Records.Component;
import dev.idmap.sim.jira.Records.CustomField;
import dev.idmap.sim.jira.Records.IssueType;
import dev.idmap.sim.jira.Records.LinkType;
import dev.idmap.sim.jira.Records.Priority;
import dev.idmap.sim.jira.Records.Project;
import dev.idmap.sim.jira.Records.Resolution;
import dev.idmap.sim.jira.Records.Role;
import dev.idmap.sim.jira.Records.Sprint;
import dev.idmap.sim.jira.Records.Status;
import dev.idmap.sim.jira.Records.User;
import dev.idmap.sim.jira.Records.Version;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders entities as one site's REST API does: Data Center v2 (users by key and name, plain-text bodies) or Cloud v3
 * (users by accountId, rich text as Atlassian Document Format).
 */
final class JiraJson {

    static final DateTimeFormatter JIRA_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter AGILE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    private final JiraSite site;
    private final String api;

    JiraJson(JiraSite site) {
        this.site = site;
        this.api = site.cloud ? "/rest/api/3" : "/rest/api/2";
    }

    static String time(Instant instant) {
        return JIRA_TIME.format(instant);
    }

    private static ObjectNode avatars(SimRequest r, String ref) {
        var avatars = Json.object();
        for (String size : new String[] {"48x48", "24x24", "16x16", "32x32"}) {
            avatars.put(size, r.link("/secure/useravatar?size=" + size + "&ownerId=" + ref));
        }
        return avatars;
    }

    ObjectNode user(SimRequest r, String ref) {
        User user = site.user(ref).orElse(null);
        var json = Json.object();
        if (user == null) {
            return json;
        }
        if (site.cloud) {
            json.put("self", r.link(api + "/user?accountId=" + user.ref()));
            json.put("accountId", user.ref());
            json.put("accountType", user.accountType());
            if (user.emailVisible() && user.email() != null) {
                json.put("emailAddress", user.email());
            }
        } else {
            json.put("self", r.link(api + "/user?username=" + user.username()));
            json.put("name", user.username());
            json.put("key", user.ref());
            json.put("emailAddress", user.email());
        }
        json.set("avatarUrls", avatars(r, user.ref()));
        json.put("displayName", user.displayName());
        json.put("active", user.active());
        json.put("timeZone", "Etc/UTC");
        return json;
    }

    ObjectNode category(SimRequest r, Category c) {
        return Json.object()
                .put("self", r.link(api + "/projectCategory/" + c.id()))
                .put("id", Long.toString(c.id()))
                .put("name", c.name())
                .put("description", c.description());
    }

    ObjectNode project(SimRequest r, Project p) {
        var json = Json.object();
        json.put("expand", "description,lead,url,projectKeys");
        json.put("self", r.link(api + "/project/" + p.id()));
        json.put("id", Long.toString(p.id()));
        json.put("key", p.key());
        json.put("name", p.name());
        json.set("avatarUrls", Json.object().put("48x48", r.link("/secure/projectavatar?pid=" + p.id())));
        if (p.categoryId() != 0) {
            site.categories.stream()
                    .filter(c -> c.id() == p.categoryId())
                    .findFirst()
                    .ifPresent(c -> json.set("projectCategory", category(r, c)));
        }
        json.put("projectTypeKey", "software");
        if (site.cloud) {
            json.put("simplified", p.teamManaged());
            json.put("style", p.teamManaged() ? "next-gen" : "classic");
            json.put("isPrivate", false);
            if (p.uuid() != null) {
                json.put("uuid", p.uuid());
            }
        } else {
            json.put("archived", false);
        }
        return json;
    }

    ObjectNode projectDetail(SimRequest r, Project p) {
        var json = project(r, p);
        json.put("description", p.name() + " (generated)");
        json.set("lead", user(r, p.leadRef()));
        var types = Json.array();
        site.issueTypes.stream()
                .filter(t -> t.scopeProjectId() == 0 || t.scopeProjectId() == p.id())
                .filter(t -> !p.teamManaged() || t.scopeProjectId() == p.id())
                .forEach(t -> types.add(issueType(r, t)));
        json.set("issueTypes", types);
        return json;
    }

    ObjectNode status(SimRequest r, Status s) {
        var json = Json.object()
                .put("self", r.link(api + "/status/" + s.id()))
                .put("description", "")
                .put("iconUrl", r.link("/images/icons/statuses/generic.png"))
                .put("name", s.name())
                .put("id", Long.toString(s.id()));
        int categoryId = switch (s.category()) {
            case "new" -> 2;
            case "done" -> 3;
            default -> 4;
        };
        String categoryName = switch (s.category()) {
            case "new" -> "To Do";
            case "done" -> "Done";
            default -> "In Progress";
        };
        json.set(
                "statusCategory",
                Json.object()
                        .put("self", r.link(api + "/statuscategory/" + categoryId))
                        .put("id", categoryId)
                        .put("key", s.category())
                        .put("colorName", categoryId == 2 ? "blue-gray" : categoryId == 3 ? "green" : "yellow")
                        .put("name", categoryName));
        if (site.cloud && s.scopeProjectId() != 0) {
            // Cloud's StatusDetails.scope is "indicated for items associated with next-gen projects" only
            json.set("scope", scope(s.scopeProjectId()));
        }
        return json;
    }

    static ObjectNode scope(long projectId) {
        if (projectId == 0) {
            return Json.object().put("type", "GLOBAL");
        }
        var scope = Json.object().put("type", "PROJECT");
        scope.set("project", Json.object().put("id", Long.toString(projectId)));
        return scope;
    }

    /** Cloud {@code /statuses/search} item ({@code JiraStatus}): the category as an upper-case string. */
    ObjectNode jiraStatus(Status s) {
        var json = Json.object()
                .put("id", Long.toString(s.id()))
                .put("name", s.name())
                .put("description", "")
                .put(
                        "statusCategory",
                        switch (s.category()) {
                            case "new" -> "TODO";
                            case "done" -> "DONE";
                            default -> "IN_PROGRESS";
                        });
        json.set("scope", scope(s.scopeProjectId()));
        return json;
    }

    ObjectNode issueType(SimRequest r, IssueType t) {
        var json = Json.object()
                .put("self", r.link(api + "/issuetype/" + t.id()))
                .put("id", Long.toString(t.id()))
                .put("description", "")
                .put("iconUrl", r.link("/images/icons/issuetypes/" + (t.subtask() ? "subtask" : "task") + ".png"))
                .put("name", t.name())
                .put("subtask", t.subtask());
        if (site.cloud) {
            json.put("avatarId", 10318);
            json.put("hierarchyLevel", t.hierarchyLevel());
            if (t.scopeProjectId() != 0) {
                json.put(
                        "entityId",
                        java.util
                                .UUID
                                .nameUUIDFromBytes(("type" + t.id()).getBytes())
                                .toString());
                json.set("scope", scope(t.scopeProjectId()));
            }
        }
        return json;
    }

    ObjectNode priority(SimRequest r, Priority p) {
        var json = Json.object()
                .put("self", r.link(api + "/priority/" + p.id()))
                .put("statusColor", p.color())
                .put("description", p.name() + " priority")
                .put(
                        "iconUrl",
                        r.link("/images/icons/priorities/"
                                + p.name().toLowerCase().replace(' ', '_') + ".svg"))
                .put("name", p.name())
                .put("id", Long.toString(p.id()));
        if (site.cloud) {
            json.put("isDefault", p.name().equals("Medium"));
        }
        return json;
    }

    ObjectNode resolution(SimRequest r, Resolution res) {
        return Json.object()
                .put("self", r.link(api + "/resolution/" + res.id()))
                .put("id", Long.toString(res.id()))
                .put("description", res.description())
                .put("name", res.name());
    }

    ObjectNode linkType(SimRequest r, LinkType t) {
        return Json.object()
                .put("id", Long.toString(t.id()))
                .put("name", t.name())
                .put("inward", t.inward())
                .put("outward", t.outward())
                .put("self", r.link(api + "/issueLinkType/" + t.id()));
    }

    ObjectNode role(SimRequest r, Role role) {
        var json = Json.object()
                .put("self", r.link(api + "/role/" + role.id()))
                .put("name", role.name())
                .put("id", role.id())
                .put("description", role.description());
        json.set("actors", Json.array());
        return json;
    }

    /** A role as seen from one project ({@code GET /project/{key}/role/{id}}), with its actors there. */
    ObjectNode roleInProject(SimRequest r, Project p, Role role, List<Records.RoleActor> actors) {
        var json = role(r, role);
        json.put("self", r.link(api + "/project/" + p.id() + "/role/" + role.id()));
        var list = Json.array();
        long actorId = role.id() * 100;
        for (var actor : actors) {
            var node = Json.object().put("id", actorId++);
            if (actor.userRef() != null) {
                var user = site.user(actor.userRef()).orElseThrow();
                node.put("displayName", user.displayName()).put("type", "atlassian-user-role-actor");
                if (site.cloud) {
                    node.set("actorUser", Json.object().put("accountId", user.ref()));
                } else {
                    node.put("name", user.username());
                }
            } else {
                var group = site.groups.stream()
                        .filter(g -> g.name().equals(actor.groupName()))
                        .findFirst()
                        .orElseThrow();
                node.put("displayName", group.name())
                        .put("type", "atlassian-group-role-actor")
                        .put("name", group.name());
                if (site.cloud) {
                    node.set(
                            "actorGroup",
                            Json.object()
                                    .put("displayName", group.name())
                                    .put("name", group.name())
                                    .put("groupId", group.groupId()));
                }
            }
            list.add(node);
        }
        json.set("actors", list);
        return json;
    }

    ObjectNode component(SimRequest r, Component c) {
        var json = Json.object()
                .put("self", r.link(api + "/component/" + c.id()))
                .put("id", Long.toString(c.id()))
                .put("name", c.name())
                .put("description", c.name() + " component");
        json.set("lead", user(r, c.leadRef()));
        json.put("assigneeType", "PROJECT_DEFAULT");
        json.put("realAssigneeType", "PROJECT_DEFAULT");
        json.put("isAssigneeTypeValid", false);
        json.put("project", c.projectKey());
        json.put("projectId", c.projectId());
        return json;
    }

    ObjectNode version(SimRequest r, Version v) {
        return Json.object()
                .put("self", r.link(api + "/version/" + v.id()))
                .put("id", Long.toString(v.id()))
                .put("description", "Release " + v.name())
                .put("name", v.name())
                .put("archived", v.archived())
                .put("released", v.released())
                .put("releaseDate", v.releaseDate().toString())
                .put("projectId", v.projectId());
    }

    /** A field of {@code GET /field}; system fields come from {@link #SYSTEM_FIELDS}. */
    ObjectNode customFieldSummary(CustomField f) {
        var json = Json.object()
                .put("id", f.fieldId())
                .put("key", f.fieldId())
                .put("name", f.name())
                .put("custom", true)
                .put("orderable", true)
                .put("navigable", true)
                .put("searchable", true);
        var clauses = Json.array().add("cf[" + f.id() + "]");
        if (!site.cloud || f.projectIds().isEmpty()) {
            clauses.add(f.name());
        }
        json.set("clauseNames", clauses);
        var schema = Json.object().put("type", f.type().schemaType);
        if (f.type().schemaItems != null) {
            schema.put("items", f.type().schemaItems);
        }
        schema.put("custom", f.type().typeKey()).put("customId", f.id());
        json.set("schema", schema);
        if (site.cloud && !f.projectIds().isEmpty()) {
            json.set("scope", scope(f.projectIds().getFirst()));
        }
        if (!site.cloud) {
            json.remove("key");
        }
        return json;
    }

    /** An item of Cloud's {@code GET /field/search} ({@code Field}): fewer flags, more usage counts. */
    ObjectNode fieldSearchItem(ObjectNode summary) {
        var json = Json.object()
                .put("id", summary.get("id").asString())
                .put("key", summary.get("id").asString())
                .put("name", summary.get("name").asString());
        json.set("schema", summary.get("schema"));
        json.put("description", "");
        boolean custom = summary.get("custom").asBoolean();
        if (custom) {
            site.customField(summary.get("id").asString())
                    .ifPresent(f -> json.put("searcherKey", f.type().searcherKey()));
        }
        json.put("isLocked", !custom);
        json.put("screensCount", 1);
        json.put("contextsCount", custom ? 1 : 0);
        json.put("projectsCount", 0);
        return json;
    }

    /** The system fields both products list in {@code GET /field}: id, name, schema type, system key. */
    static final String[][] SYSTEM_FIELDS = {
        {"summary", "Summary", "string"},
        {"issuetype", "Issue Type", "issuetype"},
        {"status", "Status", "status"},
        {"priority", "Priority", "priority"},
        {"resolution", "Resolution", "resolution"},
        {"project", "Project", "project"},
        {"created", "Created", "datetime"},
        {"updated", "Updated", "datetime"},
        {"reporter", "Reporter", "user"},
        {"assignee", "Assignee", "user"},
        {"labels", "Labels", "array"},
        {"attachment", "Attachment", "array"},
        {"issuelinks", "Linked Issues", "array"},
        {"comment", "Comment", "comments-page"},
        {"worklog", "Log Work", "array"}
    };

    ObjectNode systemField(String[] f) {
        var json = Json.object()
                .put("id", f[0])
                .put("name", f[1])
                .put("custom", false)
                .put(
                        "orderable",
                        !Set.of("created", "updated", "status", "resolution").contains(f[0]))
                .put("navigable", true)
                .put("searchable", true);
        if (site.cloud) {
            json.put("key", f[0]);
        }
        json.set("clauseNames", Json.array().add(f[0]));
        var schema = Json.object().put("type", f[2]).put("system", f[0]);
        if (f[2].equals("array")) {
            schema.put(
                    "items",
                    switch (f[0]) {
                        case "labels" -> "string";
                        case "attachment" -> "attachment";
                        case "issuelinks" -> "issuelinks";
                        default -> "worklog";
                    });
        }
        json.set("schema", schema);
        return json;
    }

    ObjectNode board(SimRequest r, Board b) {
        var json = Json.object()
                .put("id", b.id())
                .put("self", r.link("/rest/agile/1.0/board/" + b.id()))
                .put("name", b.name())
                .put("type", b.type());
        var project = site.projectById(b.projectId()).orElseThrow();
        json.set(
                "location",
                Json.object()
                        .put("projectId", project.id())
                        .put("displayName", project.name() + " (" + project.key() + ")")
                        .put("projectName", project.name())
                        .put("projectKey", project.key())
                        .put("projectTypeKey", "software")
                        .put("name", project.name() + " (" + project.key() + ")"));
        return json;
    }

    ObjectNode sprint(SimRequest r, Sprint s) {
        var json = Json.object()
                .put("id", s.id())
                .put("self", r.link("/rest/agile/1.0/sprint/" + s.id()))
                .put("state", s.state())
                .put("name", s.name());
        if (s.startDate() != null) {
            json.put("startDate", AGILE_TIME.format(s.startDate()));
            json.put("endDate", AGILE_TIME.format(s.endDate()));
        }
        if (s.completeDate() != null) {
            json.put("completeDate", AGILE_TIME.format(s.completeDate()));
        }
        json.put("originBoardId", s.boardId());
        json.put("goal", s.goal());
        return json;
    }

    /** Rich text: a plain string on Data Center, an Atlassian Document Format document on Cloud v3. */
    void text(ObjectNode into, String field, String text) {
        if (!site.cloud) {
            into.put(field, text);
            return;
        }
        var textNode = Json.object().put("type", "text").put("text", text);
        var paragraph = Json.object().put("type", "paragraph");
        paragraph.set("content", Json.array().add(textNode));
        var doc = Json.object().put("type", "doc").put("version", 1);
        doc.set("content", Json.array().add(paragraph));
        into.set(field, doc);
    }

    ObjectNode comment(SimRequest r, Issue issue, Comment c) {
        var json = Json.object()
                .put("self", r.link(api + "/issue/" + issue.id() + "/comment/" + c.id()))
                .put("id", Long.toString(c.id()));
        json.set("author", user(r, c.authorRef()));
        text(json, "body", c.body());
        json.set("updateAuthor", user(r, c.authorRef()));
        json.put("created", time(c.created()));
        json.put("updated", time(c.created()));
        if (site.cloud) {
            json.put("jsdPublic", true);
        }
        return json;
    }

    ObjectNode worklog(SimRequest r, Issue issue, Worklog w) {
        var json = Json.object().put("self", r.link(api + "/issue/" + issue.id() + "/worklog/" + w.id()));
        json.set("author", user(r, w.authorRef()));
        json.set("updateAuthor", user(r, w.authorRef()));
        text(json, "comment", w.comment());
        json.put("created", time(w.started()));
        json.put("updated", time(w.started()));
        json.put("started", time(w.started()));
        long minutes = w.timeSpentSeconds() / 60;
        json.put(
                "timeSpent",
                (minutes >= 60 ? (minutes / 60) + "h" : "")
                        + (minutes % 60 == 0 && minutes >= 60 ? "" : " " + minutes % 60 + "m"));
        json.put("timeSpent", json.get("timeSpent").asString().trim());
        json.put("timeSpentSeconds", w.timeSpentSeconds());
        json.put("id", Long.toString(w.id()));
        json.put("issueId", Long.toString(issue.id()));
        return json;
    }

    /** Jira's short duration form: {@code 45m}, {@code 2h}, {@code 1h 30m}. */
    static String duration(long seconds) {
        long minutes = seconds / 60;
        long hours = minutes / 60;
        minutes %= 60;
        if (hours > 0 && minutes > 0) {
            return hours + "h " + minutes + "m";
        }
        return hours > 0 ? hours + "h" : minutes + "m";
    }

    ObjectNode attachment(SimRequest r, Attachment a) {
        return attachment(r, a, false);
    }

    /** {@code numericId}: Cloud's attachment metadata endpoint types the id as an integer, issue fields as a string. */
    ObjectNode attachment(SimRequest r, Attachment a, boolean numericId) {
        var json = Json.object().put("self", r.link(api + "/attachment/" + a.id()));
        if (numericId) {
            json.put("id", a.id());
        } else {
            json.put("id", Long.toString(a.id()));
        }
        json.put("filename", a.filename());
        json.set("author", user(r, a.authorRef()));
        json.put("created", time(a.created()));
        json.put("size", a.size());
        json.put("mimeType", a.mimeType());
        json.put("content", r.link("/secure/attachment/" + a.id() + "/" + a.filename()));
        return json;
    }

    ObjectNode link(SimRequest r, Link l) {
        var json = Json.object().put("id", Long.toString(l.id())).put("self", r.link(api + "/issueLink/" + l.id()));
        site.linkType(l.typeId()).ifPresent(t -> json.set("type", linkType(r, t)));
        var other = Json.object()
                .put("id", Long.toString(l.otherId()))
                .put("key", l.otherKey())
                .put("self", r.link(api + "/issue/" + l.otherId()));
        json.set(l.outward() ? "outwardIssue" : "inwardIssue", other);
        return json;
    }

    ArrayNode array() {
        return Json.array();
    }
}
