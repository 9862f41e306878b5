package dev.idmap.connectors.jira.cloud;

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
import dev.idmap.core.crawl.SkippedDetail;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Crawls a Jira Cloud site (the migration's destination) through REST API 3 and agile 1.0, and answers which
 * accountId each server user became ({@code /user/bulk/migration}).
 */
public final class JiraCloudCrawler extends JiraCrawler {

    private static final String API = "/rest/api/3";
    /** {@code /search/jql}: "It returns max 5000 issues" when only id/key are asked for. */
    private static final int SEARCH_PAGE = 5000;
    /** {@code /users/search}: "limited to 1000". */
    private static final int USER_PAGE = 1000;
    /** {@code /project/search}: "Must be less than or equal to 100". */
    private static final int PROJECT_PAGE = 100;
    /** {@code /statuses/search}: default 200, no maximum documented. */
    private static final int STATUS_PAGE = 200;
    /** {@code /issue/{id}/worklog}: default 5000. */
    private static final int WORKLOG_PAGE = 5000;
    /** {@code /issue/{id}/comment}: default 100, no maximum documented; the echoed value is followed. */
    private static final int COMMENT_PAGE = 5000;
    /** Endpoints with no documented maximum: ask for many and follow the echoed {@code maxResults}. */
    private static final int LARGE_PAGE = 1000;
    /** Users named per {@code /user/bulk/migration} request (repeated query parameters). */
    private static final int MIGRATION_BATCH = 100;

    public JiraCloudCrawler(SiteClient client) {
        super(client, Side.DESTINATION, API);
        wholeSite(EntityType.JIRA_USER, (key, sink) -> users(sink));
        wholeSite(EntityType.JIRA_GROUP, (key, sink) -> groups(sink));
        wholeSite(EntityType.PRIORITY, (key, sink) -> searchedList("/priority/search", EntityType.PRIORITY, sink));
        wholeSite(
                EntityType.RESOLUTION, (key, sink) -> searchedList("/resolution/search", EntityType.RESOLUTION, sink));
        wholeSite(EntityType.ISSUE_TYPE, (key, sink) -> issueTypes(sink));
        wholeSite(EntityType.ISSUE_STATUS, (key, sink) -> statuses(sink));
        wholeSite(EntityType.CUSTOM_FIELD_CONTEXT, (key, sink) -> contexts(sink));
        wholeSite(EntityType.CUSTOM_FIELD_OPTION, (key, sink) -> options(sink));
        wholeSite(EntityType.FILTER, (key, sink) -> filters(sink));
        wholeSite(EntityType.DASHBOARD, (key, sink) -> dashboards(sink));
        perProject(EntityType.COMPONENT, this::components);
        perProject(EntityType.VERSION, this::versions);
    }

    /** {@code /role} needs 'Administer Jira'. */
    @Override
    protected String administratorsOnlyListing() {
        return API + "/role";
    }

    @Override
    protected String userId(JsonNode user) {
        return text(user, "accountId");
    }

    // --- users and groups

    private void users(EntitySink sink) {
        Pages.offset(
                client,
                API + "/users/search",
                API + "/users/search",
                Query.of(),
                null,
                USER_PAGE,
                u -> sink.accept(new SiteEntity(
                        EntityType.JIRA_USER,
                        text(u, "accountId"),
                        null,
                        null,
                        Attributes.of()
                                .with("email", email(u))
                                .with("displayName", text(u, "displayName"))
                                .with("active", bool(u, "active"))
                                .with("accountType", text(u, "accountType"))
                                .build())));
    }

    /**
     * Asks {@code /user/bulk/migration} in batches of {@value #MIGRATION_BATCH} users; a batch is paged on until
     * every user it named is answered or a page comes back empty (users that were not migrated are absent).
     */
    @Override
    public boolean keepsMigrationRecords() {
        return true;
    }

    /**
     * A site without the migration records (404) answers no user, and is not asked again: a detail not available,
     * users are matched by e-mail address alone.
     */
    @Override
    public Map<String, String> migratedAccountIds(
            Collection<String> serverUsers, boolean byKey, Consumer<SkippedDetail> skipped) {
        var accountIds = new TreeMap<String, String>();
        followUpUnlessMissing(
                API + "/user/bulk/migration",
                skipped,
                EntityType.JIRA_USER,
                "no migration records: server users are matched by e-mail address only",
                () -> askMigrationRecords(serverUsers, byKey, accountIds));
        return accountIds;
    }

    private void askMigrationRecords(Collection<String> serverUsers, boolean byKey, Map<String, String> accountIds) {
        var parameter = byKey ? "key" : "username";
        var users = new ArrayList<>(new TreeSet<>(serverUsers));
        for (int from = 0; from < users.size(); from += MIGRATION_BATCH) {
            var batch = users.subList(from, Math.min(users.size(), from + MIGRATION_BATCH));
            var query = Query.of().andEach(parameter, batch);
            int startAt = 0;
            while (startAt < batch.size()) {
                var page = client.get(
                        API + "/user/bulk/migration",
                        API + "/user/bulk/migration",
                        query.with("startAt", startAt).with("maxResults", batch.size()));
                page.forEach(m -> {
                    var user = text(m, parameter);
                    var accountId = text(m, "accountId");
                    if (user != null && accountId != null) {
                        accountIds.put(user, accountId);
                    }
                });
                if (page.isEmpty()) {
                    break;
                }
                startAt += page.size();
            }
        }
    }

    private void groups(EntitySink sink) {
        Pages.offset(
                client,
                API + "/group/bulk",
                API + "/group/bulk",
                Query.of(),
                "values",
                LARGE_PAGE,
                g -> sink.accept(
                        new SiteEntity(EntityType.JIRA_GROUP, text(g, "groupId"), null, text(g, "name"), Map.of())));
    }

    // --- configuration

    @Override
    protected void forEachProject(Consumer<JsonNode> each) {
        Pages.offset(
                client,
                API + "/project/search",
                API + "/project/search",
                Query.of("orderBy", "key", "expand", "lead"),
                "values",
                PROJECT_PAGE,
                each);
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
                        .with("style", text(project, "style"))
                        .with("categoryId", text(project.path("projectCategory"), "id"))
                        .with("lead", text(project.path("lead"), "accountId"))
                        .build());
    }

    private void searchedList(String path, EntityType type, EntitySink sink) {
        Pages.offset(
                client,
                API + path,
                API + path,
                Query.of(),
                "values",
                LARGE_PAGE,
                item -> sink.accept(new SiteEntity(type, text(item, "id"), null, text(item, "name"), Map.of())));
    }

    private void issueTypes(EntitySink sink) {
        client.get(API + "/issuetype", API + "/issuetype", Query.of())
                .forEach(t -> sink.accept(new SiteEntity(
                        EntityType.ISSUE_TYPE,
                        text(t, "id"),
                        projectScope(t.path("scope")),
                        text(t, "name"),
                        Attributes.of()
                                .with("subtask", bool(t, "subtask"))
                                .with("hierarchyLevel", text(t, "hierarchyLevel"))
                                .build())));
    }

    /** Statuses with their scope: team-managed projects have their own, named like the global ones. */
    private void statuses(EntitySink sink) {
        Pages.offset(
                client,
                API + "/statuses/search",
                API + "/statuses/search",
                Query.of(),
                "values",
                STATUS_PAGE,
                s -> sink.accept(new SiteEntity(
                        EntityType.ISSUE_STATUS,
                        text(s, "id"),
                        projectScope(s.path("scope")),
                        text(s, "name"),
                        Attributes.of()
                                .with("category", statusCategoryKey(text(s, "statusCategory")))
                                .build())));
    }

    /** {@code JiraStatus.statusCategory} is TODO / IN_PROGRESS / DONE; the contract uses the category keys. */
    private static String statusCategoryKey(String category) {
        if (category == null) {
            return null;
        }
        return switch (category) {
            case "TODO" -> "new";
            case "IN_PROGRESS" -> "indeterminate";
            case "DONE" -> "done";
            default -> category.toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String projectScope(JsonNode scope) {
        return "PROJECT".equals(text(scope, "type")) ? text(scope.path("project"), "id") : null;
    }

    @Override
    protected void forEachCustomField(Consumer<JsonNode> each) {
        customFieldsFromFieldList(each);
    }

    private void forEachContext(String fieldId, Consumer<JsonNode> each) {
        remembered(
                        "contexts of " + fieldId,
                        all -> Pages.offset(
                                client,
                                API + "/field/{fieldId}/context",
                                API + "/field/" + fieldId + "/context",
                                Query.of(),
                                "values",
                                LARGE_PAGE,
                                all))
                .forEach(each);
    }

    /**
     * Contexts of every custom field; the project mapping is read only for fields that have a context limited
     * to projects (and left out where the site does not offer it).
     */
    private void contexts(EntitySink sink) {
        var fieldIds = new ArrayList<String>();
        forEachCustomField(f -> fieldIds.add(text(f, "id")));
        for (var fieldId : fieldIds) {
            var contexts = new ArrayList<JsonNode>();
            followUp(
                    sink::skipped,
                    EntityType.CUSTOM_FIELD_CONTEXT,
                    "field " + fieldId,
                    "the contexts of these fields are not in the reports",
                    () -> forEachContext(fieldId, contexts::add));
            var projectIds = new HashMap<String, TreeSet<Long>>();
            var mapped =
                    contexts.stream().allMatch(c -> c.path("isGlobalContext").asBoolean(false))
                            || Pages.offsetIfFound(
                                    client,
                                    API + "/field/{fieldId}/context/projectmapping",
                                    API + "/field/" + fieldId + "/context/projectmapping",
                                    Query.of(),
                                    "values",
                                    LARGE_PAGE,
                                    m -> {
                                        var projectId = text(m, "projectId");
                                        if (projectId != null) {
                                            projectIds
                                                    .computeIfAbsent(text(m, "contextId"), c -> new TreeSet<>())
                                                    .add(Long.parseLong(projectId));
                                        }
                                    });
            for (var context : contexts) {
                var contextId = text(context, "id");
                var projects = projectIds.get(contextId);
                sink.accept(new SiteEntity(
                        EntityType.CUSTOM_FIELD_CONTEXT,
                        contextId,
                        fieldId,
                        text(context, "name"),
                        Attributes.of()
                                .with("global", bool(context, "isGlobalContext"))
                                .with(
                                        "projectIds",
                                        mapped && projects != null
                                                ? String.join(
                                                        ",",
                                                        projects.stream()
                                                                .map(String::valueOf)
                                                                .toList())
                                                : null)
                                .build()));
            }
        }
    }

    /** Options of every option-typed field, context by context; cascading children name their parent. */
    private void options(EntitySink sink) {
        var fieldIds = new ArrayList<String>();
        forEachCustomField(f -> {
            if (hasOptions(f)) {
                fieldIds.add(text(f, "id"));
            }
        });
        for (var fieldId : fieldIds) {
            var contextIds = new ArrayList<String>();
            followUp(
                    sink::skipped,
                    EntityType.CUSTOM_FIELD_OPTION,
                    "field " + fieldId,
                    "the options of these fields are not in the reports",
                    () -> forEachContext(fieldId, c -> contextIds.add(text(c, "id"))));
            for (var contextId : contextIds) {
                followUp(
                        sink::skipped,
                        EntityType.CUSTOM_FIELD_OPTION,
                        "context " + contextId + " of field " + fieldId,
                        "the options of these contexts are not in the reports",
                        () -> Pages.offset(
                                client,
                                API + "/field/{fieldId}/context/{contextId}/option",
                                API + "/field/" + fieldId + "/context/" + contextId + "/option",
                                Query.of(),
                                "values",
                                LARGE_PAGE,
                                o -> sink.accept(new SiteEntity(
                                        EntityType.CUSTOM_FIELD_OPTION,
                                        text(o, "id"),
                                        fieldId,
                                        text(o, "value"),
                                        Attributes.of()
                                                .with("parentOptionId", text(o, "optionId"))
                                                .with("contextId", contextId)
                                                .with("disabled", bool(o, "disabled"))
                                                .build()))));
            }
        }
    }

    private void filters(EntitySink sink) {
        Pages.offset(
                client,
                API + "/filter/search",
                API + "/filter/search",
                Query.of("expand", "jql,owner", "overrideSharePermissions", true)
                        .and("orderBy", "id"),
                "values",
                LARGE_PAGE,
                f -> sink.accept(new SiteEntity(
                        EntityType.FILTER,
                        text(f, "id"),
                        null,
                        text(f, "name"),
                        Attributes.of()
                                .with("owner", text(f.path("owner"), "accountId"))
                                .with("jql", text(f, "jql"))
                                .build())));
    }

    private void dashboards(EntitySink sink) {
        Pages.offset(
                client,
                API + "/dashboard/search",
                API + "/dashboard/search",
                Query.of("expand", "owner", "orderBy", "id"),
                "values",
                LARGE_PAGE,
                d -> sink.accept(new SiteEntity(
                        EntityType.DASHBOARD,
                        text(d, "id"),
                        null,
                        text(d, "name"),
                        Attributes.of()
                                .with("owner", text(d.path("owner"), "accountId"))
                                .build())));
    }

    // --- project content

    private void components(String projectKey, EntitySink sink) {
        var projectId = projectId(projectKey);
        Pages.offset(
                client,
                API + "/project/{projectIdOrKey}/component",
                API + "/project/" + projectKey + "/component",
                Query.of(),
                "values",
                LARGE_PAGE,
                c -> sink.accept(new SiteEntity(
                        EntityType.COMPONENT,
                        text(c, "id"),
                        projectId,
                        text(c, "name"),
                        Attributes.of()
                                .with("lead", text(c.path("lead"), "accountId"))
                                .build())));
    }

    private void versions(String projectKey, EntitySink sink) {
        var projectId = projectId(projectKey);
        Pages.offset(
                client,
                API + "/project/{projectIdOrKey}/version",
                API + "/project/" + projectKey + "/version",
                Query.of(),
                "values",
                LARGE_PAGE,
                v -> sink.accept(new SiteEntity(
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

    // --- issues

    /**
     * Walks a project's issues through {@code /search/jql} and its {@code nextPageToken} (the offset search is
     * gone from Cloud), asking for as many issues per page as the site gives when only a few fields are read.
     */
    @Override
    protected void forEachIssue(
            String projectKey, List<String> fields, Consumer<JsonNode> each, Runnable afterEachPage) {
        var query = Query.of("jql", "project = " + jqlString(projectKey) + " ORDER BY id ASC")
                .and("maxResults", SEARCH_PAGE)
                .and("fields", String.join(",", fields));
        String token = null;
        while (true) {
            var page = client.getStreamed(
                    API + "/search/jql", API + "/search/jql", query.with("nextPageToken", token), "issues", each);
            afterEachPage.run();
            var next = page.rest().path("nextPageToken");
            if (page.rest().path("isLast").asBoolean(false)
                    || !next.isString()
                    || next.asString().isEmpty()) {
                return;
            }
            token = next.asString();
        }
    }

    @Override
    protected int commentPageSize() {
        return COMMENT_PAGE;
    }

    @Override
    protected void issueWorklogs(String issueId, Consumer<JsonNode> each) {
        Pages.offset(
                client,
                API + "/issue/{issueIdOrKey}/worklog",
                API + "/issue/" + issueId + "/worklog",
                Query.of(),
                "worklogs",
                WORKLOG_PAGE,
                each);
    }
}
