package dev.idmap.core.match;

import static dev.idmap.core.model.EntityType.CONFLUENCE_USER;
import static dev.idmap.core.model.EntityType.SPACE;

import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import java.util.Set;

/**
 * Confluence spaces. A global space keeps its key in Cloud and matches by it, case-insensitively. A personal space is
 * re-keyed by the migration ({@code ~username} becomes {@code ~<accountId without ':' and '-'>}), so its key says
 * nothing on its own: it matches the Cloud personal space owned by its owner's <em>matched</em> account, through the
 * user decision and nothing else. An owner who is not matched leaves the space unmatched.
 *
 * <p>Both kinds are staged as one type and decided in two passes over the same staging: spaces with an owner
 * reference (personal spaces whose owner the site shows) by {@link #byOwner()}, the others by {@link #byKey()}, which
 * has no reference. A personal space whose site does not show its owner is compared by key like a global one: it is
 * found only if the migration kept its key, and only among Cloud spaces that show no owner either.
 *
 * @param byKey global spaces: by space key
 * @param byOwner personal spaces: by the {@code owner} reference to a {@link EntityType#CONFLUENCE_USER}
 */
public record SpaceRule(KeyRule byKey, KeyRule byOwner) implements MatchRule {

    /** The rule name recorded with a personal space's match. */
    public static final String BY_OWNER = "personal-space-owner";

    /** The crawl contract's attribute: the owner of a personal space (DC user key, Cloud accountId). */
    public static final String OWNER = "owner";

    public static final String PERSONAL = "personal";

    public SpaceRule {
        if (byKey.type() != SPACE
                || byOwner.type() != SPACE
                || byOwner.references().size() != 1) {
            throw new IllegalArgumentException("space rules: by key, and by one owner reference");
        }
    }

    public static SpaceRule standard() {
        return new SpaceRule(
                KeyRule.byName(SPACE, "space-key", KeyRule.NameKey.CASE_INSENSITIVE),
                KeyRule.byName(SPACE, BY_OWNER, KeyRule.NameKey.NONE)
                        .withUnmatchedReason(SpaceRule::whyUnmatched)
                        .withReferences(Reference.to(OWNER, CONFLUENCE_USER, "owner")));
    }

    @Override
    public EntityType type() {
        return SPACE;
    }

    @Override
    public boolean mergeAllowed() {
        return false;
    }

    @Override
    public Set<EntityType> dependencies() {
        return byOwner.dependencies();
    }

    /** Personal spaces with an owner are staged with it as their one reference; every other space by its key. */
    @Override
    public StagedEntity stage(SiteEntity entity, Side side) {
        return ownedPersonalSpace(entity) ? byOwner.stage(entity, side) : byKey.stage(entity, side);
    }

    /** The matcher's condition (on the staged source {@code s}) for the spaces {@link #byKey()} decides. */
    static final String KEY_PASS = " and s.ref1 is null";

    /** The matcher's condition for the spaces {@link #byOwner()} decides: those staged with their owner. */
    static final String OWNER_PASS = " and s.ref1 is not null";

    private static boolean ownedPersonalSpace(SiteEntity entity) {
        var owner = entity.attribute(OWNER);
        return PERSONAL.equals(entity.attribute("type")) && owner != null && !owner.isBlank();
    }

    /** Why a personal space found no Cloud space through its owner. */
    static String whyUnmatched(Decide.KeyFacts facts) {
        if (!facts.unmappedReferences().isEmpty()) {
            return "personal space " + facts.name() + ": its " + String.join(" and ", facts.unmappedReferences())
                    + " is not matched in Cloud, and the migration re-keys a personal space after its owner's"
                    + " account, so it cannot be looked up (owner not migrated?)";
        }
        return "personal space " + facts.name() + ": its owner is matched, but no Cloud personal space belongs to"
                + " the owner's account (personal space not migrated?)";
    }
}
