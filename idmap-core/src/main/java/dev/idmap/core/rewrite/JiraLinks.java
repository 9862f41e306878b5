package dev.idmap.core.rewrite;

import dev.idmap.core.model.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Jira links. Jira Cloud serves the Data Center paths (browse, issue navigator, boards, dashboards, REST), so a link
 * keeps its path and query and gets the Cloud host; every id in it must be provably of a known type and mapped:
 * path ids after a REST resource name ({@code /rest/api/2/issue/10001}), {@code customfield_N} anywhere, query
 * parameters named for an entity ({@code pid}, {@code projectId}, {@code filter}, {@code rapidView}, {@code id} on an
 * issue action), and the JQL of {@code jql=}. A link with any other number in it, or with an id the mapping cannot
 * resolve, is refused as a whole: moving it to the Cloud host would point at some other entity.
 */
final class JiraLinks {

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern CUSTOM_FIELD = Pattern.compile("customfield_([0-9]+)");
    private static final Pattern REST = Pattern.compile("/rest/(api/(?:2|3|latest)|agile/(?:1\\.0|latest))/.*");
    private static final Pattern ISSUE_ACTION = Pattern.compile("/secure/[A-Za-z]*Issue[A-Za-z]*(![A-Za-z]+)?\\.jspa");

    private static final Map<String, EntityType> REST_RESOURCES = Map.ofEntries(
            Map.entry("issue", EntityType.ISSUE),
            Map.entry("project", EntityType.PROJECT),
            Map.entry("status", EntityType.ISSUE_STATUS),
            Map.entry("priority", EntityType.PRIORITY),
            Map.entry("resolution", EntityType.RESOLUTION),
            Map.entry("issuetype", EntityType.ISSUE_TYPE),
            Map.entry("component", EntityType.COMPONENT),
            Map.entry("version", EntityType.VERSION),
            Map.entry("filter", EntityType.FILTER),
            Map.entry("dashboard", EntityType.DASHBOARD),
            Map.entry("comment", EntityType.COMMENT),
            Map.entry("worklog", EntityType.WORKLOG),
            Map.entry("attachment", EntityType.ATTACHMENT),
            Map.entry("issueLink", EntityType.ISSUE_LINK),
            Map.entry("issueLinkType", EntityType.ISSUE_LINK_TYPE),
            Map.entry("projectCategory", EntityType.PROJECT_CATEGORY),
            Map.entry("role", EntityType.PROJECT_ROLE),
            Map.entry("customFieldOption", EntityType.CUSTOM_FIELD_OPTION),
            Map.entry("board", EntityType.BOARD),
            Map.entry("sprint", EntityType.SPRINT));

    private static final Map<String, EntityType> PARAMETERS = Map.ofEntries(
            Map.entry("pid", EntityType.PROJECT),
            Map.entry("projectId", EntityType.PROJECT),
            Map.entry("filter", EntityType.FILTER),
            Map.entry("filterId", EntityType.FILTER),
            Map.entry("requestId", EntityType.FILTER),
            Map.entry("rapidView", EntityType.BOARD),
            Map.entry("selectPageId", EntityType.DASHBOARD),
            Map.entry("issuetype", EntityType.ISSUE_TYPE),
            Map.entry("issueId", EntityType.ISSUE),
            Map.entry("focusedCommentId", EntityType.COMMENT),
            Map.entry("focusedWorklogId", EntityType.WORKLOG));

    /** Numeric parameters that are not ids (paging, versions, cache busters). */
    static final Set<String> NOT_IDS = Set.of(
            "startIndex",
            "startAt",
            "maxResults",
            "page",
            "limit",
            "start",
            "version",
            "modificationDate",
            "api",
            "t",
            "cacheVersion",
            "decorator");

    private final IdMapping mapping;
    private final JqlRewriter jql;

    JiraLinks(IdMapping mapping) {
        this.mapping = mapping;
        this.jql = new JqlRewriter(mapping);
    }

    LinkForm translate(String path, List<Link.Param> query) {
        var what = new TreeSet<String>();
        var problems = new ArrayList<String>();
        var newPath = path(path, what, problems);
        var newQuery = new ArrayList<Link.Param>();
        for (var param : query) {
            newQuery.add(param(path, param, what, problems));
        }
        if (!problems.isEmpty()) {
            return new LinkForm.Refused(String.join("; ", problems));
        }
        return new LinkForm.Translated(
                newPath + Link.queryString(newQuery),
                what.isEmpty() ? "jira link (host only)" : "jira link: " + String.join(", ", what));
    }

    private String path(String path, Set<String> what, List<String> problems) {
        var segments = path.split("/", -1);
        var rest = REST.matcher(path).matches();
        int first = rest ? 4 : 0; // after "", "rest", "api", "2"
        for (int i = first; i < segments.length; i++) {
            var segment = segments[i];
            var customField = CUSTOM_FIELD.matcher(segment);
            if (customField.matches()) {
                segments[i] = resolve(EntityType.CUSTOM_FIELD, customField.group(1), what, problems)
                        .map(id -> "customfield_" + id)
                        .orElse(segment);
            } else if (DIGITS.matcher(segment).matches()) {
                var type = rest && i > first ? REST_RESOURCES.get(segments[i - 1]) : null;
                if (type == null) {
                    problems.add("the path number " + segment + " is not after a REST resource idmap knows");
                } else {
                    segments[i] = resolve(type, segment, what, problems).orElse(segment);
                }
            }
        }
        return String.join("/", segments);
    }

    private Link.Param param(String path, Link.Param param, Set<String> what, List<String> problems) {
        if (!param.hasValue()) {
            return param;
        }
        if (param.name().equals("jql")) {
            return jql(param, what, problems);
        }
        var value = param.decodedValue();
        var customField = CUSTOM_FIELD.matcher(value);
        if (customField.matches()) {
            return resolve(EntityType.CUSTOM_FIELD, customField.group(1), what, problems)
                    .map(id -> param.withValue("customfield_" + id))
                    .orElse(param);
        }
        if (!DIGITS.matcher(value).matches() || NOT_IDS.contains(param.name())) {
            return param;
        }
        var type = PARAMETERS.get(param.name());
        if (type == null
                && param.name().equals("id")
                && ISSUE_ACTION.matcher(path).matches()) {
            type = EntityType.ISSUE;
        }
        if (type == null) {
            problems.add("the parameter " + param + " is a number idmap cannot place");
            return param;
        }
        return resolve(type, value, what, problems).map(param::withValue).orElse(param);
    }

    private Link.Param jql(Link.Param param, Set<String> what, List<String> problems) {
        var query = param.decodedValue();
        var edits = jql.rewrite(query);
        for (var edit : edits) {
            switch (edit.decision()) {
                case Decision.Replaced replaced -> what.add(replaced.what());
                case Decision.Skipped skipped -> problems.add("in its JQL: " + skipped.reason());
            }
        }
        var rewritten = Edit.apply(query, edits);
        return rewritten.equals(query) ? param : param.withValue(Link.encode(rewritten));
    }

    private java.util.Optional<String> resolve(EntityType type, String id, Set<String> what, List<String> problems) {
        return switch (mapping.byId(type, id)) {
            case IdMapping.Mapped mapped -> {
                what.add(type.namespace());
                yield java.util.Optional.of(mapped.cloudId());
            }
            case IdMapping.NotMapped(var reason) -> {
                problems.add(reason);
                yield java.util.Optional.empty();
            }
        };
    }
}
