package dev.idmap.core.match;

import dev.idmap.core.model.EntityType;
import java.util.List;

/**
 * An entity reduced to the columns the matching join uses.
 *
 * @param keys the match keys; source entities have one, destination entities may add aliases (a stripped
 *     {@code (migrated)} suffix, historical issue keys) at a priority ({@code 0} best)
 * @param references same-side ids of referenced entities, in the rule's reference order (at most three)
 * @param tieKey attributes that break a tie between several candidates
 * @param tieReference a same-side id that breaks a tie once mapped (a board's filter)
 * @param anchor the container (when the rule matches within it) and the references, joined by {@code |}: on
 *     the destination side these are final Cloud ids, and the matcher computes the same string for a source
 *     entity from its mapped container and references, so that one index probe on (key, anchor) finds exactly
 *     the candidates
 */
public record StagedEntity(
        String id,
        String parentId,
        EntityType parentType,
        String name,
        List<MatchKey> keys,
        List<String> references,
        String tieKey,
        String tieReference,
        String anchor) {

    public static final int MAX_REFERENCES = 3;

    public StagedEntity {
        keys = List.copyOf(keys);
        if (references.size() > MAX_REFERENCES) {
            throw new IllegalArgumentException("at most " + MAX_REFERENCES + " references");
        }
        references = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(references));
    }

    public String reference(int index) {
        return index < references.size() ? references.get(index) : null;
    }

    /** One key under which an entity can be found; lower priority numbers win over higher ones. */
    public record MatchKey(String key, int priority) {}
}
