package dev.idmap.sim.jira;

import dev.idmap.sim.http.Json;
import dev.idmap.sim.http.SimRequest;
import dev.idmap.sim.jira.IssueSpace.Issue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders an issue with the fields a request asked for ({@code fields=summary,status}, {@code *all}, {@code -x}). */
final class IssueRenderer {

    static final Set<String> NAVIGABLE = Set.of(
            "summary",
            "issuetype",
            "status",
            "priority",
            "resolution",
            "project",
            "created",
            "updated",
            "reporter",
            "assignee",
            "labels",
            "issuelinks",
            "attachment");

    private static final List<String> ALL = List.of(
            "summary",
            "issuetype",
            "status",
            "priority",
            "resolution",
            "project",
            "created",
            "updated",
            "reporter",
            "assignee",
            "labels",
            "issuelinks",
            "attachment",
            "comment",
            "worklog");

    private final IssueSpace issues;
    private final JiraSite site;
    private final JiraJson json;

    IssueRenderer(IssueSpace issues, JiraSite site, JiraJson json) {
        this.issues = issues;
        this.site = site;
        this.json = json;
    }

    /**
     * The fields to render. {@code requested} empty means the default: {@code *navigable} on Data Center and in
     * {@code GET /issue}, just {@code id} in Cloud's {@code /search/jql}.
     */
    static Set<String> select(List<String> requested, boolean defaultIdOnly) {
        var selected = new LinkedHashSet<String>();
        if (requested.isEmpty()) {
            if (!defaultIdOnly) {
                selected.addAll(NAVIGABLE);
            }
            return selected;
        }
        for (String field : requested) {
            switch (field) {
                case "*all" -> selected.addAll(ALL);
                case "*navigable" -> selected.addAll(NAVIGABLE);
                default -> {
                    if (!field.startsWith("-")) {
                        selected.add(field);
                    }
                }
            }
        }
        for (String field : requested) {
            if (field.startsWith("-")) {
                selected.remove(field.substring(1));
            }
        }
        return selected;
    }

    /** True when only id and/or key were requested (Cloud then allows up to 5000 issues a page). */
    static boolean idOrKeyOnly(Set<String> fields) {
        return fields.stream().allMatch(f -> f.equals("id") || f.equals("key"));
    }

    ObjectNode render(SimRequest r, Issue issue, Set<String> fields, boolean cloudSearch) {
        var node = Json.object();
        if (cloudSearch && idOrKeyOnly(fields)) {
            node.put("id", Long.toString(issue.id()));
            if (fields.contains("key")) {
                node.put("key", issue.key());
            }
            return node;
        }
        node.put("expand", "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations");
        node.put("id", Long.toString(issue.id()));
        node.put("self", r.link((site.cloud ? "/rest/api/3" : "/rest/api/2") + "/issue/" + issue.id()));
        node.put("key", issue.key());
        var values = Json.object();
        for (String field : fields) {
            field(r, issue, field, values);
        }
        node.set("fields", values);
        return node;
    }

    private void field(SimRequest r, Issue issue, String field, ObjectNode values) {
        switch (field) {
            case "summary" -> values.put("summary", issue.summary());
            case "issuetype" ->
                site.issueType(issue.typeId()).ifPresent(t -> values.set("issuetype", json.issueType(r, t)));
            case "status" -> site.status(issue.statusId()).ifPresent(s -> values.set("status", json.status(r, s)));
            case "priority" ->
                site.priority(issue.priorityId()).ifPresent(p -> values.set("priority", json.priority(r, p)));
            case "resolution" -> {
                if (issue.resolutionId() == 0) {
                    values.putNull("resolution");
                } else {
                    site.resolution(issue.resolutionId())
                            .ifPresent(x -> values.set("resolution", json.resolution(r, x)));
                }
            }
            case "project" -> values.set("project", json.project(r, issue.project()));
            case "created" -> values.put("created", JiraJson.time(issue.created()));
            case "updated" -> values.put("updated", JiraJson.time(issue.updated()));
            case "reporter" -> values.set("reporter", json.user(r, issue.reporterRef()));
            case "assignee" -> values.set("assignee", json.user(r, issue.assigneeRef()));
            case "labels" -> values.set("labels", Json.array().add("generated"));
            case "attachment" -> {
                ArrayNode list = Json.array();
                issues.attachments(site, issue).forEach(a -> list.add(json.attachment(r, a)));
                values.set("attachment", list);
            }
            case "issuelinks" -> {
                ArrayNode list = Json.array();
                issues.links(site, issue).forEach(l -> list.add(json.link(r, l)));
                values.set("issuelinks", list);
            }
            case "comment" -> {
                var comments = issues.comments(site, issue);
                ArrayNode list = Json.array();
                comments.forEach(c -> list.add(json.comment(r, issue, c)));
                var page = Json.object();
                page.set("comments", list);
                page.put("maxResults", comments.size())
                        .put("total", comments.size())
                        .put("startAt", 0);
                values.set("comment", page);
            }
            case "worklog" -> {
                var worklogs = issues.worklogs(site, issue);
                ArrayNode list = Json.array();
                worklogs.forEach(w -> list.add(json.worklog(r, issue, w)));
                var page = Json.object().put("startAt", 0).put("maxResults", 20).put("total", worklogs.size());
                page.set("worklogs", list);
                values.set("worklog", page);
            }
            default -> site.customField(field).ifPresent(f -> values.putNull(f.fieldId()));
        }
    }
}
