package dev.idmap.core.match;

import dev.idmap.core.model.EntityType;

/** Words for entity types in reasons. */
final class Labels {

    private Labels() {}

    static String of(EntityType type) {
        return switch (type) {
            case JIRA_USER, CONFLUENCE_USER -> "user";
            case JIRA_GROUP, CONFLUENCE_GROUP -> "group";
            case PROJECT_CATEGORY -> "project category";
            case PROJECT -> "project";
            case PRIORITY -> "priority";
            case RESOLUTION -> "resolution";
            case ISSUE_TYPE -> "issue type";
            case ISSUE_STATUS -> "status";
            case ISSUE_LINK_TYPE -> "issue link type";
            case PROJECT_ROLE -> "project role";
            case CUSTOM_FIELD -> "custom field";
            case CUSTOM_FIELD_CONTEXT -> "custom field context";
            case CUSTOM_FIELD_OPTION -> "option";
            case COMPONENT -> "component";
            case VERSION -> "version";
            case FILTER -> "filter";
            case DASHBOARD -> "dashboard";
            case BOARD -> "board";
            case SPRINT -> "sprint";
            case ISSUE -> "issue";
            case COMMENT -> "comment";
            case WORKLOG -> "worklog";
            case ATTACHMENT -> "attachment";
            case ISSUE_LINK -> "issue link";
            case SPACE -> "space";
            case PAGE -> "page";
            case BLOG_POST -> "blog post";
            case CONFLUENCE_ATTACHMENT -> "attachment";
            case CONFLUENCE_COMMENT -> "comment";
        };
    }

    /** The plural of {@link #of}: statuses, priorities, issues. */
    static String plural(EntityType type) {
        var one = of(type);
        if (one.endsWith("s")) {
            return one + "es";
        }
        return one.endsWith("y") ? one.substring(0, one.length() - 1) + "ies" : one + "s";
    }

    /** How the natural key of a source entity reads in a sentence. */
    static String describe(KeyRule rule, String name) {
        var type = rule.type();
        return switch (type) {
            case PROJECT -> "project key " + name;
            case ISSUE -> "issue key " + name;
            case SPACE -> "space key " + name;
            default -> rule.name() == KeyRule.NameKey.NONE ? "with the same " + keyWords(rule) : "'" + name + "'";
        };
    }

    private static String keyWords(KeyRule rule) {
        var words = new java.util.ArrayList<String>();
        rule.references().forEach(r -> words.add(r.role()));
        rule.keyAttributes().forEach(a -> words.add(a.attribute()));
        return String.join(", ", words);
    }

    /** A hint for the most common reason a type is absent. */
    static String absenceHint(EntityType type) {
        return switch (type) {
            case PROJECT -> " (project not migrated?)";
            case ISSUE -> " (issue deleted, or its project not migrated?)";
            case SPACE -> " (space not migrated?)";
            case RESOLUTION -> " (resolutions are never migrated; create it in Cloud and map again)";
            default -> "";
        };
    }
}
