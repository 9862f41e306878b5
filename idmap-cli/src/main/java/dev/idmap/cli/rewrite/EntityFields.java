package dev.idmap.cli.rewrite;

import dev.idmap.core.model.EntityType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Field and column names that name an entity type, shared by the JSON and CSV recognisers. Names are compared
 * without case, spaces or punctuation, so {@code projectId}, {@code project_id} and Jira's CSV export column
 * {@code Project id} are one name. A name of several types ({@code commentId}: Jira or Confluence) resolves only
 * when exactly one of them knows the id.
 */
final class EntityFields {

    private static final Map<String, List<EntityType>> BY_NAME = Map.ofEntries(
            Map.entry("projectid", List.of(EntityType.PROJECT)),
            Map.entry("issueid", List.of(EntityType.ISSUE)),
            Map.entry("parentid", List.of(EntityType.ISSUE)),
            Map.entry("statusid", List.of(EntityType.ISSUE_STATUS)),
            Map.entry("issuetypeid", List.of(EntityType.ISSUE_TYPE)),
            Map.entry("priorityid", List.of(EntityType.PRIORITY)),
            Map.entry("resolutionid", List.of(EntityType.RESOLUTION)),
            Map.entry("componentid", List.of(EntityType.COMPONENT)),
            Map.entry("versionid", List.of(EntityType.VERSION)),
            Map.entry("fixversionid", List.of(EntityType.VERSION)),
            Map.entry("filterid", List.of(EntityType.FILTER)),
            Map.entry("boardid", List.of(EntityType.BOARD)),
            Map.entry("rapidviewid", List.of(EntityType.BOARD)),
            Map.entry("sprintid", List.of(EntityType.SPRINT)),
            Map.entry("dashboardid", List.of(EntityType.DASHBOARD)),
            Map.entry("worklogid", List.of(EntityType.WORKLOG)),
            Map.entry("issuelinkid", List.of(EntityType.ISSUE_LINK)),
            Map.entry("issuelinktypeid", List.of(EntityType.ISSUE_LINK_TYPE)),
            Map.entry("projectcategoryid", List.of(EntityType.PROJECT_CATEGORY)),
            Map.entry("projectroleid", List.of(EntityType.PROJECT_ROLE)),
            Map.entry("customfieldid", List.of(EntityType.CUSTOM_FIELD)),
            Map.entry("optionid", List.of(EntityType.CUSTOM_FIELD_OPTION)),
            Map.entry("commentid", List.of(EntityType.COMMENT, EntityType.CONFLUENCE_COMMENT)),
            Map.entry("attachmentid", List.of(EntityType.ATTACHMENT, EntityType.CONFLUENCE_ATTACHMENT)),
            Map.entry("spaceid", List.of(EntityType.SPACE)),
            Map.entry("pageid", List.of(EntityType.PAGE, EntityType.BLOG_POST)),
            Map.entry("contentid", List.of(EntityType.PAGE, EntityType.BLOG_POST)),
            Map.entry("blogpostid", List.of(EntityType.BLOG_POST)));

    /**
     * Objects whose {@code id} is of a type because of the key that holds them, as in Jira's issue JSON:
     * {@code "project": {"id": "10000"}}, {@code "components": [{"id": "10100"}]}.
     */
    private static final Map<String, List<EntityType>> HOLDERS = Map.ofEntries(
            Map.entry("project", List.of(EntityType.PROJECT)),
            Map.entry("issuetype", List.of(EntityType.ISSUE_TYPE)),
            Map.entry("status", List.of(EntityType.ISSUE_STATUS)),
            Map.entry("priority", List.of(EntityType.PRIORITY)),
            Map.entry("resolution", List.of(EntityType.RESOLUTION)),
            Map.entry("fixversions", List.of(EntityType.VERSION)),
            Map.entry("versions", List.of(EntityType.VERSION)),
            Map.entry("components", List.of(EntityType.COMPONENT)),
            Map.entry("parent", List.of(EntityType.ISSUE)));

    private EntityFields() {}

    static String normalised(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** The types a field or column of this name holds ids of. */
    static Optional<List<EntityType>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(normalised(name)));
    }

    /** The types of the {@code id} of an object held under this key. */
    static Optional<List<EntityType>> byHolder(String key) {
        return Optional.ofNullable(HOLDERS.get(normalised(key)));
    }

    static boolean isJql(String name) {
        var normalised = normalised(name);
        return normalised.equals("jql") || normalised.endsWith("jql");
    }

    static boolean isUserKey(String name) {
        return normalised(name).equals("userkey");
    }
}
