package dev.idmap.core.match;

import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How one entity type is matched. A rule is data: it says which natural-key parts must agree, which types must be
 * matched before it, and how to stage an entity so that the database can join candidates.
 */
public sealed interface MatchRule permits KeyRule, UserRule, SpaceRule {

    EntityType type();

    /** Whether several source entities may map to one Cloud entity (server users merged into one account). */
    boolean mergeAllowed();

    /** The staged form of one entity: its match keys and the references the join resolves. */
    StagedEntity stage(SiteEntity entity, Side side);

    /** Types whose decisions this rule reads; they are crawled and matched first. */
    default Set<EntityType> dependencies() {
        return Set.of();
    }

    /** This type plus everything it transitively depends on. */
    static Set<EntityType> closure(EntityType type, MatchRules rules) {
        var result = new LinkedHashSet<EntityType>();
        var pending = new java.util.ArrayDeque<EntityType>();
        pending.add(type);
        while (!pending.isEmpty()) {
            var next = pending.pop();
            if (result.add(next)) {
                pending.addAll(rules.ruleFor(next).dependencies());
            }
        }
        return result;
    }
}
