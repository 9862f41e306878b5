package dev.idmap.connectors.jira.dc;

import static dev.idmap.connectors.atlassian.AtlassianJson.bool;
import static dev.idmap.connectors.atlassian.AtlassianJson.email;
import static dev.idmap.connectors.atlassian.AtlassianJson.text;

import dev.idmap.connectors.atlassian.Attributes;
import dev.idmap.connectors.http.Pages;
import dev.idmap.connectors.http.Query;
import dev.idmap.connectors.http.SiteClient;
import dev.idmap.connectors.jira.JiraCrawler;
import dev.idmap.core.crawl.EntitySink;
import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Crawls a Jira Data Center site (the migration's source) through REST API 2 and agile 1.0. DC has no
 * field contexts, and no team-managed projects, so statuses and issue types are all global.
 */
public final class JiraDcCrawler extends JiraCrawler {

    private static final String API = "/rest/api/2";
    /** {@code /user/list}: "defaults to 2000". */
    private static final int USER_LIST_PAGE = 2000;
    /** {@code /user/search}: "The maximum allowed value is 1000". */
    private static final int USER_SEARCH_PAGE = 1000;
    /** {@code /search}: the default {@code jira.search.views.default.max}; the echoed value is followed. */
    private static final int SEARCH_PAGE = 1000;

    private static final int DASHBOARD_PAGE = 1000;
    private static final int OPTION_PAGE = 1000;
    private static final int COMMENT_PAGE = 1000;
    /** Asked of the group picker; the site cuts it at its autocomplete limit. */
    private static final int GROUP_PAGE = 1000;

    private static final String GROUP_NAME_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-_. ";
    /** Jira numbers filters from 10000. */
    private static final long FIRST_FILTER_ID = 10000;
    /** Ids in a row past the highest known filter that must be absent before probing stops. */
    private static final long FILTER_PROBE_GAP = 100;

    public JiraDcCrawler(SiteClient client) {
        super(client, Side.SOURCE, API);
        wholeSite(EntityType.JIRA_USER, (key, sink) -> users(sink));
        wholeSite(EntityType.JIRA_GROUP, (key, sink) -> groups(sink));
        wholeSite(EntityType.PRIORITY, (key, sink) -> namedList("/priority", EntityType.PRIORITY, sink));
        wholeSite(EntityType.RESOLUTION, (key, sink) -> namedList("/resolution", EntityType.RESOLUTION, sink));
        wholeSite(EntityType.ISSUE_TYPE, (key, sink) -> issueTypes(sink));
        wholeSite(EntityType.ISSUE_STATUS, (key, sink) -> statuses(sink));
        wholeSite(EntityType.CUSTOM_FIELD_OPTION, (key, sink) -> customFieldOptions(sink));
        wholeSite(EntityType.FILTER, (key, sink) -> filters(sink));
        wholeSite(EntityType.DASHBOARD, (key, sink) -> dashboards(sink));
        perProject(EntityType.COMPONENT, this::components);
        perProject(EntityType.VERSION, this::versions);
    }

    /** {@code /customFields} (paged custom field beans) needs 'Administer Jira'. */
    @Override
    protected String administratorsOnlyListing() {
        return API + "/customFields";
    }

    @Override
    protected String userId(JsonNode user) {
        return text(user, "key");
    }

    // --- users and groups

    /**
     * Every user through the {@code /user/list} cursor (DC 10.3+); older sites answer 404 there and are read
     * through {@code /user/search?username=.}, which some versions cap (JRASERVER-65089, JRASERVER-78660).
     */
    private void users(EntitySink sink) {
        Consumer<JsonNode> emit = u -> sink.accept(new SiteEntity(
                EntityType.JIRA_USER,
                text(u, "key"),
                null,
                text(u, "name"),
                Attributes.of()
                        .with("email", email(u))
                        .with("displayName", text(u, "displayName"))
                        .with("active", bool(u, "active"))
                        .build()));
        var first = client.getIfFound(API + "/user/list", API + "/user/list", Query.of("maxResults", USER_LIST_PAGE));
        if (first.isEmpty()) {
            Pages.offset(
                    client,
                    API + "/user/search",
                    API + "/user/search",
                    Query.of("username", ".", "includeInactive", true),
                    null,
                    USER_SEARCH_PAGE,
                    emit);
            return;
        }
        var page = first.get();
        page.path("values").forEach(emit);
        if (!page.path("isLast").asBoolean(false)
                && page.path("nextCursor").isValueNode()
                && !page.path("values").isEmpty()) {
            Pages.cursor(
                    client,
                    API + "/user/list",
                    API + "/user/list",
                    Query.of(),
                    USER_LIST_PAGE,
                    page.path("nextCursor").asString(),
                    emit);
        }
    }

    /**
     * Groups from the group picker, the only group listing of DC REST. Its answer is cut at
     * {@code jira.ajax.autocomplete.limit} (default 20) while {@code total} still counts every match, so a query
     * whose answer was cut is refined: every group containing {@code q} either is {@code q} or contains {@code q}
     * preceded or followed by one more character. Characters are drawn from the names seen so far and the usual
     * group-name alphabet. Group names are few, so they are collected and sorted before they are handed on.
     */
    private void groups(EntitySink sink) {
        var names = new TreeSet<String>();
        var alphabet = new TreeSet<Character>();
        for (char c : GROUP_NAME_ALPHABET.toCharArray()) {
            alphabet.add(c);
        }
        var queries = new ArrayDeque<String>(List.of(""));
        var asked = new HashSet<String>();
        while (!queries.isEmpty()) {
            var query = queries.poll();
            if (!asked.add(query)) {
                continue;
            }
            var page = client.get(
                    API + "/groups/picker", API + "/groups/picker", Query.of("query", query, "maxResults", GROUP_PAGE));
            var groups = page.path("groups");
            groups.forEach(g -> {
                var name = text(g, "name");
                names.add(name);
                name.toLowerCase(Locale.ROOT).chars().forEach(c -> alphabet.add((char) c));
            });
            if (page.path("total").asLong(0) > groups.size()) {
                for (var c : alphabet) {
                    queries.add(query + c);
                    queries.add(c + query);
                }
            }
        }
        for (var name : names) {
            sink.accept(new SiteEntity(EntityType.JIRA_GROUP, name, null, name, Map.of()));
        }
    }

    // --- configuration

    @Override
    protected void forEachProject(Consumer<JsonNode> each) {
        client.get(API + "/project", API + "/project", Query.of("expand", "lead"))
                .forEach(each);
    }

    @Override
    protected SiteEntity project(JsonNode project) {
        return new SiteEntity(
                EntityType.PROJECT,
                text(project, "id"),
                null,
                text(project, "key"),
                Attributes.of()
                        .with("name", text(project, "name"))
                        .with("categoryId", text(project.path("projectCategory"), "id"))
                        .with("lead", text(project.path("lead"), "key"))
                        .build());
    }

    private void namedList(String path, EntityType type, EntitySink sink) {
        client.get(API + path, API + path, Query.of())
                .forEach(item ->
                        sink.accept(new SiteEntity(type, text(item, "id"), null, text(item, "name"), Map.of())));
    }

    private void issueTypes(EntitySink sink) {
        client.get(API + "/issuetype", API + "/issuetype", Query.of())
                .forEach(t -> sink.accept(new SiteEntity(
                        EntityType.ISSUE_TYPE,
                        text(t, "id"),
                        null,
                        text(t, "name"),
                        Attributes.of().with("subtask", bool(t, "subtask")).build())));
    }

    private void statuses(EntitySink sink) {
        client.get(API + "/status", API + "/status", Query.of())
                .forEach(s -> sink.accept(new SiteEntity(
                        EntityType.ISSUE_STATUS,
                        text(s, "id"),
                        null,
                        text(s, "name"),
                        Attributes.of()
                                .with("category", text(s.path("statusCategory"), "key"))
                                .build())));
    }

    @Override
    protected void forEachCustomField(Consumer<JsonNode> each) {
        customFieldsFromFieldList(each);
    }

    /**
     * Options of every option-typed field, page by page ({@code page} numbered from 1). Cascading children are
     * named by their parent's {@code childrenIds}; a child the listing leaves out is read by its id.
     */
    private void customFieldOptions(EntitySink sink) {
        var fields = new ArrayList<JsonNode>();
        forEachCustomField(f -> {
            if (hasOptions(f)) {
                fields.add(f);
            }
        });
        for (var field : fields) {
            var fieldId = text(field, "id");
            var numericId = fieldId.substring(fieldId.lastIndexOf('_') + 1);
            var options = new ArrayList<JsonNode>();
            followUp(
                    sink::skipped,
                    EntityType.CUSTOM_FIELD_OPTION,
                    "field " + fieldId,
                    "the options of these fields are not in the reports",
                    () -> forEachOption(numericId, options::add));
            var parents = new HashMap<String, String>();
            var listed = new LinkedHashSet<String>();
            for (var option : options) {
                listed.add(text(option, "id"));
                option.path("childrenIds").forEach(child -> parents.put(child.asString(), text(option, "id")));
            }
            for (var option : options) {
                sink.accept(option(option, fieldId, parents.get(text(option, "id"))));
            }
            for (var child : parents.keySet().stream()
                    .sorted(Comparator.comparingLong(Long::parseLong))
                    .toList()) {
                if (!listed.contains(child)) {
                    client.getIfFound(API + "/customFieldOption/{id}", API + "/customFieldOption/" + child, Query.of())
                            .ifPresent(option -> sink.accept(option(option, fieldId, parents.get(child))));
                }
            }
        }
    }

    private void forEachOption(String numericFieldId, Consumer<JsonNode> each) {
        long seen = 0;
        for (int page = 1; ; page++) {
            var answer = client.get(
                    API + "/customFields/{customFieldId}/options",
                    API + "/customFields/" + numericFieldId + "/options",
                    Query.of("page", page, "maxResults", OPTION_PAGE));
            var items = answer.path("options");
            items.forEach(each);
            seen += items.size();
            if (items.isEmpty()
                    || (answer.path("total").isNumber()
                            && seen >= answer.path("total").asLong())) {
                return;
            }
        }
    }

    private static SiteEntity option(JsonNode option, String fieldId, String parentOptionId) {
        return new SiteEntity(
                EntityType.CUSTOM_FIELD_OPTION,
                text(option, "id"),
                fieldId,
                text(option, "value"),
                Attributes.of()
                        .with("parentOptionId", parentOptionId)
                        .with("disabled", bool(option, "disabled"))
                        .build());
    }

    // --- project content

    private void components(String projectKey, EntitySink sink) {
        var projectId = projectId(projectKey);
        client.get(
                        API + "/project/{projectIdOrKey}/components",
                        API + "/project/" + projectKey + "/components",
                        Query.of())
                .forEach(c -> sink.accept(new SiteEntity(
                        EntityType.COMPONENT,
                        text(c, "id"),
                        projectId,
                        text(c, "name"),
                        Attributes.of()
                                .with("lead", text(c.path("lead"), "key"))
                                .build())));
    }

    private void versions(String projectKey, EntitySink sink) {
        var projectId = projectId(projectKey);
        client.get(API + "/project/{projectIdOrKey}/versions", API + "/project/" + projectKey + "/versions", Query.of())
                .forEach(v -> sink.accept(new SiteEntity(
                        EntityType.VERSION,
                        text(v, "id"),
                        projectId,
                        text(v, "name"),
                        Attributes.of()
                                .with("released", bool(v, "released"))
                                .with("archived", bool(v, "archived"))
                                .with("releaseDate", text(v, "releaseDate"))
                                .build())));
    }

    /**
     * DC REST has no "all filters" listing (JRASERVER-74986). The crawling account's favourites come in one
     * request; the rest are found by probing ids with {@code GET /filter/{id}} from Jira's first filter id (10000)
     * until {@value #FILTER_PROBE_GAP} ids in a row beyond the highest known one answer "not available" (400/404).
     * Filters the account may not see stay invisible, as they would to any REST client.
     */
    private void filters(EntitySink sink) {
        var filters = new TreeMap<Long, JsonNode>();
        client.get(API + "/filter/favourite", API + "/filter/favourite", Query.of())
                .forEach(f -> filters.put(Long.parseLong(text(f, "id")), f));
        long highestKnown = filters.isEmpty() ? FIRST_FILTER_ID - 1 : filters.lastKey();
        long misses = 0;
        for (long id = FIRST_FILTER_ID; id <= highestKnown || misses < FILTER_PROBE_GAP; id++) {
            if (filters.containsKey(id)) {
                misses = 0;
                continue;
            }
            var answer = client.send(API + "/filter/{id}", API + "/filter/" + id, Query.of());
            if (answer.status() / 100 == 2) {
                filters.put(id, answer.body());
                highestKnown = Math.max(highestKnown, id);
                misses = 0;
            } else if (answer.status() == 400 || answer.status() == 404) {
                misses = id > highestKnown ? misses + 1 : 0;
            } else {
                throw client.unexpected(API + "/filter/{id}", answer);
            }
        }
        filters.values()
                .forEach(f -> sink.accept(new SiteEntity(
                        EntityType.FILTER,
                        text(f, "id"),
                        null,
                        text(f, "name"),
                        Attributes.of()
                                .with("owner", text(f.path("owner"), "key"))
                                .with("jql", text(f, "jql"))
                                .build())));
    }

    private void dashboards(EntitySink sink) {
        Pages.offset(
                client,
                API + "/dashboard",
                API + "/dashboard",
                Query.of(),
                "dashboards",
                DASHBOARD_PAGE,
                d -> sink.accept(new SiteEntity(
                        EntityType.DASHBOARD,
                        text(d, "id"),
                        null,
                        text(d, "name"),
                        Attributes.of()
                                .with("owner", text(d.path("owner"), "key"))
                                .build())));
    }

    // --- issues

    /**
     * Walks a project's issues by id range, {@code project = X AND id > N ORDER BY id ASC}, always from offset
     * 0: deep offsets hit the search window ({@code jira.search.platform.max.result.window}, 10,000).
     */
    @Override
    protected void forEachIssue(
            String projectKey, List<String> fields, Consumer<JsonNode> each, Runnable afterEachPage) {
        String lastId = null;
        while (true) {
            var jql = "project = " + jqlString(projectKey) + (lastId == null ? "" : " AND id > " + lastId)
                    + " ORDER BY id ASC";
            var last = new String[1];
            var page = client.getStreamed(
                    API + "/search",
                    API + "/search",
                    Query.of("jql", jql, "startAt", 0)
                            .and("maxResults", SEARCH_PAGE)
                            .and("fields", String.join(",", fields)),
                    "issues",
                    issue -> {
                        last[0] = text(issue, "id");
                        each.accept(issue);
                    });
            afterEachPage.run();
            var total = page.rest().path("total");
            if (page.items() == 0 || last[0] == null || (total.isNumber() && page.items() >= total.asLong())) {
                return;
            }
            lastId = last[0];
        }
    }

    @Override
    protected int commentPageSize() {
        return COMMENT_PAGE;
    }

    /** DC's worklog listing takes no paging parameters and answers every worklog of the issue. */
    @Override
    protected void issueWorklogs(String issueId, Consumer<JsonNode> each) {
        client.get(API + "/issue/{issueIdOrKey}/worklog", API + "/issue/" + issueId + "/worklog", Query.of())
                .path("worklogs")
                .forEach(each);
    }
}
