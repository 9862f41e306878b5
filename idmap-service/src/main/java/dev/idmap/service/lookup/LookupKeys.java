package dev.idmap.service.lookup;

import dev.idmap.core.model.EntityType;
import java.util.Set;

/**
 * The entity types whose natural key identifies one entity on its site, so that a lookup may name the entity by
 * that key instead of its id: a user by username (its id is the user key), a group by name, an issue by issue key,
 * a project or space by key. Other types' keys (names of statuses, fields, filters…) can repeat and are not keys.
 */
final class LookupKeys {

    /** Longer keys are not stored for lookup (they are in the detailed report). */
    static final int MAX_LENGTH = 300;

    private static final Set<EntityType> KEYED = Set.of(
            EntityType.JIRA_USER,
            EntityType.JIRA_GROUP,
            EntityType.CONFLUENCE_USER,
            EntityType.CONFLUENCE_GROUP,
            EntityType.ISSUE,
            EntityType.PROJECT,
            EntityType.SPACE);

    private LookupKeys() {}

    static boolean identifies(EntityType type) {
        return KEYED.contains(type);
    }

    /** The key to store for lookup, or null. */
    static String lookupKey(EntityType type, String key) {
        return identifies(type) && key != null && key.length() <= MAX_LENGTH ? key : null;
    }
}
