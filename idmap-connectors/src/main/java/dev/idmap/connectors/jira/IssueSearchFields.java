package dev.idmap.connectors.jira;

import dev.idmap.core.crawl.CrawlScope;
import dev.idmap.core.model.EntityType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code fields} of a project's issue search walk: exactly what the scope delivers. The page size depends on
 * it: Cloud's {@code /search/jql} gives 5000 issues a page when only id and key are asked for, 100 otherwise.
 *
 * <p>The status, issue type, priority and resolution of each issue are read (and recorded on the issue as
 * {@code statusId}, {@code issueTypeId}, {@code priorityId}, {@code resolutionId}) when the walk reads content
 * anyway, or when the run needs those configuration types; an issues-only walk stays id/key-only.
 *
 * @param names the field names to ask for, in a stable order (id and key come anyway)
 * @param usage whether the issues' status, issue type, priority and resolution are among them
 */
public record IssueSearchFields(List<String> names, boolean usage) {

    /** The types one walk of a project's issues can deliver, issues first. */
    public static final List<EntityType> DELIVERED = List.of(
            EntityType.ISSUE, EntityType.COMMENT, EntityType.WORKLOG, EntityType.ATTACHMENT, EntityType.ISSUE_LINK);

    /** The configuration types whose use by each issue the walk can record. */
    public static final Set<EntityType> USAGE_OF =
            Set.of(EntityType.ISSUE_STATUS, EntityType.ISSUE_TYPE, EntityType.PRIORITY, EntityType.RESOLUTION);

    private static final Map<EntityType, String> CONTENT = contentFields();

    private static final List<String> USAGE_FIELDS = List.of("status", "issuetype", "priority", "resolution");

    public IssueSearchFields {
        names = List.copyOf(names);
    }

    public static IssueSearchFields of(CrawlScope scope) {
        var names = new ArrayList<String>();
        var issues = scope.delivers(EntityType.ISSUE);
        if (issues) {
            names.add("key");
        }
        var content = false;
        for (var field : CONTENT.entrySet()) {
            if (scope.delivers(field.getKey())) {
                names.add(field.getValue());
                content = true;
            }
        }
        var usage = issues && (content || !scope.usageOf().isEmpty());
        if (usage) {
            names.addAll(USAGE_FIELDS);
        }
        return new IssueSearchFields(names, usage);
    }

    private static Map<EntityType, String> contentFields() {
        var fields = new LinkedHashMap<EntityType, String>();
        fields.put(EntityType.COMMENT, "comment");
        fields.put(EntityType.WORKLOG, "worklog");
        fields.put(EntityType.ATTACHMENT, "attachment");
        fields.put(EntityType.ISSUE_LINK, "issuelinks");
        return fields;
    }
}
