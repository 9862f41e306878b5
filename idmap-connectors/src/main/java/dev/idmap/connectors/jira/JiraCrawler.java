package dev.idmap.connectors.jira;

import static dev.idmap.connectors.atlassian.AtlassianJson.instant;
import static dev.idmap.connectors.atlassian.AtlassianJson.text;

import dev.idmap.connectors.ListingCrawler;
import dev.idmap.connectors.atlassian.Attributes;
import dev.idmap.connectors.http.Pages;
import dev.idmap.connectors.http.Query;
import dev.idmap.connectors.http.SiteClient;
import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.CrawlScope;
import dev.idmap.core.crawl.EntitySink;
import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.crawl.SkippedDetail;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * What Jira Data Center and Jira Cloud crawl alike: the table of listings (one per entity type), planning per
 * project, the agile boards and sprints, and issues with their content (comments, worklogs, attachments, links)
 * read in one issue search walk per project, with a per-issue request only where an embedded list is incomplete.
 * Subclasses register the listings that differ and say how to walk the issues of a project.
 */
public abstract class JiraCrawler extends ListingCrawler<String> {

    /** Agile 1.0 documents no maximum; ask for many and follow what the site echoes. */
    private static final int AGILE_PAGE = 1000;

    protected final String api;
    private volatile Map<String, String> projectIdsByKey;
    private final Map<String, List<JsonNode>> remembered = new ConcurrentHashMap<>();

    protected JiraCrawler(SiteClient client, Side side, String api) {
        super(client, side);
        this.api = api;
        wholeSite(EntityType.PROJECT_CATEGORY, (key, sink) -> projectCategories(sink));
        wholeSiteRecordingUse(EntityType.PROJECT, Set.of(EntityType.PROJECT_ROLE), (key, scope, sink) -> {
            var roles = scope.usageOf().contains(EntityType.PROJECT_ROLE);
            projects().forEach(p -> sink.accept(roles ? withRolesInUse(project(p), sink) : project(p)));
        });
        wholeSite(EntityType.ISSUE_LINK_TYPE, (key, sink) -> issueLinkTypes(sink));
        wholeSite(EntityType.PROJECT_ROLE, (key, sink) -> projectRoles(sink));
        wholeSite(EntityType.CUSTOM_FIELD, (key, sink) -> forEachCustomField(f -> sink.accept(customField(f))));
        wholeSite(EntityType.BOARD, (key, sink) -> forEachBoard(b -> sink.accept(board(b, sink))));
        wholeSite(EntityType.SPRINT, (key, sink) -> sprints(sink));
        perContainerJointly(IssueSearchFields.DELIVERED, IssueSearchFields.USAGE_OF, this::issuePass);
    }

    // --- the table: listings per project

    protected final void perProject(EntityType type, ScopeCrawl<String> crawl) {
        perContainer(type, crawl);
    }

    @Override
    protected Collection<String> containerKeys() {
        return projectIdsByKey().keySet();
    }

    /** Per-project listings receive the project key. */
    @Override
    protected String container(String projectKey) {
        return projectKey;
    }

    /**
     * Checks the credentials ({@code /myself}: 401 fails fast) and the global permission an inventory needs:
     * {@code /mypermissions} where the site offers it, else one cheap administrators-only listing (403 fails fast).
     */
    @Override
    public void verifyAccess() {
        JsonNode myself;
        try {
            myself = client.get(api + "/myself", api + "/myself", Query.of());
        } catch (CrawlFailure failure) {
            if (failure.kind() == CrawlFailure.Kind.NOT_OFFERED) {
                throw new CrawlFailure(
                        CrawlFailure.Kind.UNEXPECTED,
                        client.site() + " answered 404 for GET " + api + "/myself: "
                                + (side() == Side.DESTINATION
                                        ? "is this the Jira Cloud site (a Server/Data Center site has no " + api + ")?"
                                        : "is this a Jira Server/Data Center site, and is the base URL right (with"
                                                + " its context path, e.g. https://jira.example.com/jira)?"),
                        failure.exchange().orElseThrow());
            }
            throw failure;
        }
        requireDeployment();
        var permissions = client.getIfFound(
                api + "/mypermissions", api + "/mypermissions", Query.of("permissions", "ADMINISTER,USER_PICKER"));
        if (permissions.isEmpty()) {
            var probe = administratorsOnlyListing();
            client.get(probe, probe, Query.of("maxResults", 1));
            return;
        }
        var administer = permissions.get().path("permissions").path("ADMINISTER");
        if (administer.isObject() && !administer.path("havePermission").asBoolean(false)) {
            throw new CrawlFailure(
                    CrawlFailure.Kind.PERMISSION,
                    client.site() + ": the account '" + displayName(myself)
                            + "' lacks the global permission 'Administer Jira', which listing custom field"
                            + " options, roles, filters and every project needs; grant it or use an"
                            + " administrator's account (GET " + api + "/mypermissions)");
        }
    }

    /**
     * Refuses a Cloud site given as the source or a Server/Data Center site given as the destination, before any crawl:
     * {@code GET /serverInfo} names the deployment type (a site without it is taken as it was given).
     */
    private void requireDeployment() {
        client.getIfFound(api + "/serverInfo", api + "/serverInfo", Query.of()).ifPresent(info -> {
            var type = text(info, "deploymentType");
            if (type == null) {
                return;
            }
            var cloud = type.equalsIgnoreCase("Cloud");
            if (side() == Side.SOURCE && cloud) {
                throw new CrawlFailure(
                        CrawlFailure.Kind.UNEXPECTED,
                        client.site() + " is a Jira Cloud site (serverInfo deploymentType Cloud): the source must be"
                                + " the Server/Data Center site the data was migrated from; are the source and the"
                                + " destination swapped?");
            }
            if (side() == Side.DESTINATION && !cloud) {
                throw new CrawlFailure(
                        CrawlFailure.Kind.UNEXPECTED,
                        client.site() + " is a Jira " + type + " site (serverInfo deploymentType " + type + "): the"
                                + " destination must be the Cloud site the data was migrated to; are the source and"
                                + " the destination swapped?");
            }
        });
    }

    /** A listing only administrators may read, asked for one item to check the permission. */
    protected abstract String administratorsOnlyListing();

    private static String displayName(JsonNode myself) {
        var name = text(myself, "displayName");
        return name == null ? String.valueOf(text(myself, "name")) : name;
    }

    // --- what subclasses say

    /** The user id of the crawl contract: DC user key, Cloud accountId. */
    protected abstract String userId(JsonNode user);

    protected abstract void forEachProject(Consumer<JsonNode> each);

    protected abstract SiteEntity project(JsonNode project);

    protected abstract void forEachCustomField(Consumer<JsonNode> each);

    /**
     * Every issue of the project in id order, with the given {@code fields} (id and key are always there), handed
     * to {@code each} as its search page is read, and {@code afterEachPage} run once each page is read: {@code each}
     * sends no requests (see {@link dev.idmap.connectors.http.SiteClient#getStreamed}), what needs them runs there.
     */
    protected abstract void forEachIssue(
            String projectKey, List<String> fields, Consumer<JsonNode> each, Runnable afterEachPage);

    protected abstract int commentPageSize();

    /** All worklogs of an issue whose search page did not carry them all. */
    protected abstract void issueWorklogs(String issueId, Consumer<JsonNode> each);

    // --- projects

    /** The id of a project on this site; the project list is read once per crawler (projects are few). */
    protected final String projectId(String projectKey) {
        var id = projectIdsByKey().get(projectKey);
        if (id == null) {
            throw new CrawlFailure(
                    CrawlFailure.Kind.UNEXPECTED, client.site() + " has no project with key " + projectKey);
        }
        return id;
    }

    private Map<String, String> projectIdsByKey() {
        var known = projectIdsByKey;
        if (known == null) {
            var ids = new TreeMap<String, String>();
            projects().forEach(p -> ids.put(text(p, "key"), text(p, "id")));
            known = Collections.unmodifiableMap(ids);
            projectIdsByKey = known;
        }
        return known;
    }

    /**
     * The project with attribute {@code roleIds}: the roles that have actors in it, as usage evidence for roles
     * renamed "X (migrated)". One request for the project's roles, then one per role ({@code /project/{key}/role}
     * names them, {@code /project/{key}/role/{id}} lists the actors). A project whose role listing answers 404 keeps
     * no {@code roleIds}; a role that answers 404 counts as not in use; both are recorded as details not available.
     */
    private SiteEntity withRolesInUse(SiteEntity project, EntitySink sink) {
        var key = project.name();
        var inUse = new java.util.TreeSet<Long>();
        var listed = followUp(
                sink::skipped,
                EntityType.PROJECT_ROLE,
                "project " + key,
                "the roles in use in these projects are unknown: no role gets usage evidence from them",
                () -> {
                    var roles = client.get(
                            api + "/project/{projectIdOrKey}/role", api + "/project/" + key + "/role", Query.of());
                    for (var entry : roles.properties()) {
                        var url = entry.getValue().asString();
                        var roleId = url.substring(url.lastIndexOf('/') + 1);
                        followUp(
                                sink::skipped,
                                EntityType.PROJECT_ROLE,
                                "role " + roleId + " in project " + key,
                                "whether these roles are in use in their projects is unknown",
                                () -> {
                                    var role = client.get(
                                            api + "/project/{projectIdOrKey}/role/{id}",
                                            api + "/project/" + key + "/role/" + roleId,
                                            Query.of());
                                    if (!role.path("actors").isEmpty()) {
                                        inUse.add(Long.parseLong(roleId));
                                    }
                                });
                    }
                });
        if (!listed) {
            return project;
        }
        var attributes = new java.util.HashMap<>(project.attributes());
        attributes.put(
                "roleIds", String.join(",", inUse.stream().map(String::valueOf).toList()));
        return new SiteEntity(project.type(), project.id(), project.parentId(), project.name(), attributes);
    }

    // --- global configuration alike on both sides

    private void projectCategories(EntitySink sink) {
        client.get(api + "/projectCategory", api + "/projectCategory", Query.of())
                .forEach(c -> sink.accept(
                        new SiteEntity(EntityType.PROJECT_CATEGORY, text(c, "id"), null, text(c, "name"), Map.of())));
    }

    private void issueLinkTypes(EntitySink sink) {
        client.get(api + "/issueLinkType", api + "/issueLinkType", Query.of())
                .path("issueLinkTypes")
                .forEach(t -> sink.accept(new SiteEntity(
                        EntityType.ISSUE_LINK_TYPE,
                        text(t, "id"),
                        null,
                        text(t, "name"),
                        Attributes.of()
                                .with("inward", text(t, "inward"))
                                .with("outward", text(t, "outward"))
                                .build())));
    }

    private void projectRoles(EntitySink sink) {
        client.get(api + "/role", api + "/role", Query.of())
                .forEach(r -> sink.accept(
                        new SiteEntity(EntityType.PROJECT_ROLE, text(r, "id"), null, text(r, "name"), Map.of())));
    }

    /** Custom fields from the one-request field list; system fields are left out. */
    protected final void customFieldsFromFieldList(Consumer<JsonNode> each) {
        remembered(
                        "fields",
                        all -> client.get(api + "/field", api + "/field", Query.of())
                                .forEach(all))
                .forEach(f -> {
                    if (f.path("custom").asBoolean(false)) {
                        each.accept(f);
                    }
                });
    }

    /**
     * A configuration listing read once per crawler and kept: projects, fields, boards and contexts number in the
     * hundreds or thousands (never issues or their content), and several entity types need them.
     */
    protected final List<JsonNode> remembered(String listing, Consumer<Consumer<JsonNode>> read) {
        var known = remembered.get(listing);
        if (known != null) {
            return known;
        }
        var items = new ArrayList<JsonNode>();
        read.accept(items::add);
        var listed = List.copyOf(items);
        var raced = remembered.putIfAbsent(listing, listed);
        return raced == null ? listed : raced;
    }

    private List<JsonNode> projects() {
        return remembered("projects", this::forEachProject);
    }

    private SiteEntity customField(JsonNode field) {
        return new SiteEntity(
                EntityType.CUSTOM_FIELD,
                text(field, "id"),
                null,
                text(field, "name"),
                Attributes.of()
                        .with("fieldType", text(field.path("schema"), "custom"))
                        .with("projectId", teamManagedProject(field))
                        .build());
    }

    /**
     * The project of a team-managed (project-scoped) Cloud field: {@code scope: {type: PROJECT, project: {id}}}.
     * Global fields, and every Data Center field, have none.
     */
    private static String teamManagedProject(JsonNode field) {
        var scope = field.path("scope");
        return "PROJECT".equals(text(scope, "type")) ? text(scope.path("project"), "id") : null;
    }

    /** Field types whose values are options. */
    protected static boolean hasOptions(JsonNode field) {
        var type = text(field.path("schema"), "custom");
        return type != null
                && (type.endsWith(":select")
                        || type.endsWith(":multiselect")
                        || type.endsWith(":radiobuttons")
                        || type.endsWith(":multicheckboxes")
                        || type.endsWith(":cascadingselect"));
    }

    // --- agile

    private void forEachBoard(Consumer<JsonNode> each) {
        remembered(
                        "boards",
                        all -> Pages.offset(
                                client,
                                "/rest/agile/1.0/board",
                                "/rest/agile/1.0/board",
                                Query.of(),
                                "values",
                                AGILE_PAGE,
                                all))
                .forEach(each);
    }

    /**
     * A board with its filter, from its configuration; a configuration the account may not read (403: Cloud asks for
     * board admin) or that is gone (404) leaves the board without filter evidence, recorded as a detail not available.
     */
    private SiteEntity board(JsonNode board, EntitySink sink) {
        var id = text(board, "id");
        var configuration = client.getIfPermitted(
                "/rest/agile/1.0/board/{boardId}/configuration",
                "/rest/agile/1.0/board/" + id + "/configuration",
                Query.of(),
                refused -> sink.skipped(new SkippedDetail(
                        EntityType.BOARD, "board " + id, refused, "these boards are matched without their filter")));
        return new SiteEntity(
                EntityType.BOARD,
                id,
                null,
                text(board, "name"),
                Attributes.of()
                        .with("type", text(board, "type"))
                        .with(
                                "filterId",
                                configuration
                                        .map(c -> text(c.path("filter"), "id"))
                                        .orElse(null))
                        .with("projectKey", text(board.path("location"), "projectKey"))
                        .build());
    }

    /**
     * Sprints of every scrum board. A sprint shows on every board whose filter covers its issues, so it is taken
     * from its origin board, or from the first listing board when its origin board is not visible.
     */
    private void sprints(EntitySink sink) {
        var scrumBoards = new ArrayList<String>();
        var boardIds = new HashSet<String>();
        forEachBoard(b -> {
            boardIds.add(text(b, "id"));
            if ("scrum".equals(text(b, "type"))) {
                scrumBoards.add(text(b, "id"));
            }
        });
        var adopted = new HashSet<String>();
        for (var boardId : scrumBoards) {
            Pages.offset(
                    client,
                    "/rest/agile/1.0/board/{boardId}/sprint",
                    "/rest/agile/1.0/board/" + boardId + "/sprint",
                    Query.of(),
                    "values",
                    AGILE_PAGE,
                    s -> {
                        var origin = text(s, "originBoardId");
                        var own = boardId.equals(origin) || (origin == null && adopted.add(text(s, "id")));
                        var orphan = origin != null && !boardIds.contains(origin) && adopted.add(text(s, "id"));
                        if (own || orphan) {
                            sink.accept(sprint(s, origin == null || orphan ? boardId : origin));
                        }
                    });
        }
    }

    private static SiteEntity sprint(JsonNode sprint, String boardId) {
        return new SiteEntity(
                EntityType.SPRINT,
                text(sprint, "id"),
                boardId,
                text(sprint, "name"),
                Attributes.of()
                        .with("state", text(sprint, "state"))
                        .with("startDate", instant(text(sprint, "startDate")))
                        .with("endDate", instant(text(sprint, "endDate")))
                        .with("completeDate", instant(text(sprint, "completeDate")))
                        .build());
    }

    // --- issues and their content

    /**
     * One walk of a project's issues delivering what the scope asks for: the issues, and from each issue's search
     * entry its comments, worklogs, attachments and links (a per-issue request only where an embedded list is
     * incomplete).
     */
    private void issuePass(String projectKey, CrawlScope scope, EntitySink sink) {
        var fields = IssueSearchFields.of(scope);
        var projectId = scope.delivers(EntityType.ISSUE) ? projectId(projectKey) : null;
        var afterPage = new ArrayList<Runnable>();
        forEachIssue(
                projectKey,
                fields.names(),
                issue -> {
                    if (projectId != null) {
                        sink.accept(issue(issue, projectId, fields.usage()));
                    }
                    if (scope.delivers(EntityType.COMMENT)) {
                        comments(issue, sink, afterPage);
                    }
                    if (scope.delivers(EntityType.WORKLOG)) {
                        worklogs(issue, sink, afterPage);
                    }
                    if (scope.delivers(EntityType.ATTACHMENT)) {
                        attachments(issue, sink);
                    }
                    if (scope.delivers(EntityType.ISSUE_LINK)) {
                        issueLinks(issue, sink);
                    }
                },
                () -> {
                    afterPage.forEach(Runnable::run);
                    afterPage.clear();
                });
    }

    /** An issue, with the ids of the status, issue type, priority and resolution it uses when they were read. */
    private static SiteEntity issue(JsonNode issue, String projectId, boolean usage) {
        var attributes = Attributes.of();
        if (usage) {
            var fields = issue.path("fields");
            attributes
                    .with("statusId", text(fields.path("status"), "id"))
                    .with("issueTypeId", text(fields.path("issuetype"), "id"))
                    .with("priorityId", text(fields.path("priority"), "id"))
                    .with("resolutionId", text(fields.path("resolution"), "id"));
        }
        return new SiteEntity(EntityType.ISSUE, text(issue, "id"), projectId, text(issue, "key"), attributes.build());
    }

    /** The comments of an issue: those its search entry carries, else a listing of them added to {@code later}. */
    private void comments(JsonNode issue, EntitySink sink, List<Runnable> later) {
        var issueId = text(issue, "id");
        var issueKey = text(issue, "key");
        Consumer<JsonNode> emit = c -> sink.accept(new SiteEntity(
                EntityType.COMMENT,
                text(c, "id"),
                issueId,
                null,
                Attributes.of()
                        .with("author", userId(c.path("author")))
                        .with("created", instant(text(c, "created")))
                        .build()));
        var embedded = issue.path("fields").path("comment");
        if (complete(embedded, "comments")) {
            embedded.path("comments").forEach(emit);
        } else {
            later.add(() -> followUp(
                    sink::skipped,
                    EntityType.COMMENT,
                    "issue " + issueKey,
                    "the comments of these issues are not in the reports",
                    () -> Pages.offset(
                            client,
                            api + "/issue/{issueIdOrKey}/comment",
                            api + "/issue/" + issueId + "/comment",
                            Query.of("orderBy", "created"),
                            "comments",
                            commentPageSize(),
                            emit)));
        }
    }

    /** The worklogs of an issue: those its search entry carries, else a listing of them added to {@code later}. */
    private void worklogs(JsonNode issue, EntitySink sink, List<Runnable> later) {
        var issueId = text(issue, "id");
        var issueKey = text(issue, "key");
        Consumer<JsonNode> emit = w -> sink.accept(new SiteEntity(
                EntityType.WORKLOG,
                text(w, "id"),
                issueId,
                null,
                Attributes.of()
                        .with("author", userId(w.path("author")))
                        .with("started", instant(text(w, "started")))
                        .with("timeSpentSeconds", text(w, "timeSpentSeconds"))
                        .build()));
        var embedded = issue.path("fields").path("worklog");
        if (complete(embedded, "worklogs")) {
            embedded.path("worklogs").forEach(emit);
        } else {
            later.add(() -> followUp(
                    sink::skipped,
                    EntityType.WORKLOG,
                    "issue " + issueKey,
                    "the worklogs of these issues are not in the reports",
                    () -> issueWorklogs(issueId, emit)));
        }
    }

    private void attachments(JsonNode issue, EntitySink sink) {
        var issueId = text(issue, "id");
        issue.path("fields")
                .path("attachment")
                .forEach(a -> sink.accept(new SiteEntity(
                        EntityType.ATTACHMENT,
                        text(a, "id"),
                        issueId,
                        text(a, "filename"),
                        Attributes.of()
                                .with("size", text(a, "size"))
                                .with("created", instant(text(a, "created")))
                                .with("author", userId(a.path("author")))
                                .build())));
    }

    /**
     * Links of an issue. A link shows on both its issues; it is taken once, from the issue whose entry names the
     * other end as {@code outwardIssue} (that issue is the link's inward end).
     */
    private static void issueLinks(JsonNode issue, EntitySink sink) {
        var issueId = text(issue, "id");
        issue.path("fields").path("issuelinks").forEach(link -> {
            var outward = link.path("outwardIssue");
            if (outward.isObject()) {
                sink.accept(new SiteEntity(
                        EntityType.ISSUE_LINK,
                        text(link, "id"),
                        null,
                        null,
                        Attributes.of()
                                .with("typeId", text(link.path("type"), "id"))
                                .with("inwardIssueId", issueId)
                                .with("outwardIssueId", text(outward, "id"))
                                .build()));
            }
        });
    }

    /** An embedded list is complete when present and not shorter than its {@code total}. */
    private static boolean complete(JsonNode embedded, String itemsField) {
        if (!embedded.isObject() || !embedded.path(itemsField).isArray()) {
            return false;
        }
        var total = embedded.path("total");
        return !total.isNumber() || total.asLong() <= embedded.path(itemsField).size();
    }

    /** A JQL string literal. */
    protected static String jqlString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
