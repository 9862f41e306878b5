package dev.idmap.core.match;

import dev.idmap.core.model.EntityType;
import java.util.Set;

/**
 * An attribute that holds the same-side id of another entity (an owner, an author, a linked issue). Two entities
 * agree on it when the source value's decision maps to the destination value.
 *
 * @param attribute the attribute name from the crawl contract
 * @param targets the type(s) the id refers to (a Confluence container is a page or a blog post)
 * @param role how a reason names it, e.g. {@code owner}
 */
public record Reference(String attribute, Set<EntityType> targets, String role) {

    public Reference {
        targets = Set.copyOf(targets);
    }

    public static Reference to(String attribute, EntityType target, String role) {
        return new Reference(attribute, Set.of(target), role);
    }
}
