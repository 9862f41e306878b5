package dev.idmap.core.match;

import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Matches by a natural key: the name (as configured), some attributes, and references that must map onto each
 * other, optionally within the mapped container ({@link EntityType#parent()}).
 *
 * <p>Candidates are the destination entities sharing the key. Among them the lowest key priority wins (an issue's
 * current key beats a historical key); a remaining tie is broken by {@code tieAttributes} and
 * {@code tieReference} only when exactly one candidate agrees on them; otherwise the decision is ambiguous.
 *
 * @param rule the name recorded with a match, e.g. {@code project-key}
 * @param name how the entity's name takes part in the key
 * @param keyAttributes attributes that must be equal
 * @param references references that must map onto each other (at most three)
 * @param tieAttributes attributes that break ties
 * @param tieReference a reference that breaks ties
 * @param tieReferenceCheck what the tie reference does besides breaking ties
 * @param withinContainer whether a candidate must live in the mapped container
 * @param aliasAttribute destination attribute with comma-separated alternative names at priority 1 (issues'
 *     historical keys)
 * @param linkedByName names the migration assistant links to the existing Cloud entity instead of suffixing
 *     (Epic, Story): no {@code (migrated)} alias is made for them
 * @param unmatchedReason how the type words an UNMATCHED decision, where the generic reason would mislead (a
 *     personal space has no key of its own to be absent under)
 * @param mergeAllowed whether several source entities may map to one Cloud entity
 */
public record KeyRule(
        EntityType type,
        String rule,
        NameKey name,
        List<AttributeKey> keyAttributes,
        List<Reference> references,
        List<AttributeKey> tieAttributes,
        Optional<Reference> tieReference,
        ReferenceCheck tieReferenceCheck,
        boolean withinContainer,
        String aliasAttribute,
        Set<String> linkedByName,
        Optional<Function<Decide.KeyFacts, String>> unmatchedReason,
        boolean mergeAllowed)
        implements MatchRule {

    private static final String SEPARATOR = "\u001f";

    /** Separates the parts of an anchor; the matcher builds the same string in SQL. */
    public static final String ANCHOR_SEPARATOR = "|";

    /** How a name enters the key. */
    public enum NameKey {
        /** The type has no name (comments, worklogs, links). */
        NONE,
        EXACT,
        /** Keys such as Confluence space keys that the product compares case-insensitively. */
        CASE_INSENSITIVE,
        /** Configuration the migration assistant may rename to {@code X (migrated)} / {@code X (migrated N)}. */
        MIGRATED_SUFFIX
    }

    /** What a tie reference does besides breaking ties. */
    public enum ReferenceCheck {
        /** Nothing: it only breaks ties (a board's filter). */
        TIE_BREAK_ONLY,
        /**
         * Once mapped, it must agree; when the source shows none, or one with no Cloud match, the rest of the key
         * decides (a comment's author whose account is not identifiable: its time within the mapped issue).
         */
        REQUIRED_WHEN_MAPPED,
        /**
         * Where the source shows it, it must be mapped and agree; only where the source shows none does the rest
         * of the key decide (a dashboard: Data Center shows no owner).
         */
        REQUIRED_WHEN_SHOWN
    }

    public KeyRule {
        keyAttributes = List.copyOf(keyAttributes);
        references = List.copyOf(references);
        tieAttributes = List.copyOf(tieAttributes);
        linkedByName = Set.copyOf(linkedByName);
        if (references.size() > StagedEntity.MAX_REFERENCES) {
            throw new IllegalArgumentException(type + ": at most " + StagedEntity.MAX_REFERENCES + " references");
        }
    }

    /** A rule matching by name alone, globally; refine it with the {@code with…} methods. */
    public static KeyRule byName(EntityType type, String rule, NameKey name) {
        return new KeyRule(
                type,
                rule,
                name,
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                ReferenceCheck.TIE_BREAK_ONLY,
                false,
                null,
                Set.of(),
                Optional.empty(),
                false);
    }

    public KeyRule insideContainer() {
        return edit(draft -> draft.withinContainer = true);
    }

    public KeyRule withKeyAttributes(AttributeKey... attributes) {
        return edit(draft -> draft.keyAttributes = List.of(attributes));
    }

    public KeyRule withReferences(Reference... refs) {
        return edit(draft -> draft.references = List.of(refs));
    }

    public KeyRule withTieAttributes(AttributeKey... attributes) {
        return edit(draft -> draft.tieAttributes = List.of(attributes));
    }

    /** A reference that only breaks ties between candidates (a board's filter). */
    public KeyRule withTieReference(Reference reference) {
        return withCheckedReference(reference, ReferenceCheck.TIE_BREAK_ONLY);
    }

    /** A reference that breaks ties and rules candidates out as {@code check} says. */
    public KeyRule withCheckedReference(Reference reference, ReferenceCheck check) {
        return edit(draft -> {
            draft.tieReference = Optional.of(reference);
            draft.tieReferenceCheck = check;
        });
    }

    public KeyRule withAliases(String attribute) {
        return edit(draft -> draft.aliasAttribute = attribute);
    }

    public KeyRule linkedByName(String... names) {
        return edit(draft -> draft.linkedByName = Set.of(names));
    }

    public KeyRule withUnmatchedReason(Function<Decide.KeyFacts, String> reason) {
        return edit(draft -> draft.unmatchedReason = Optional.of(reason));
    }

    private KeyRule edit(java.util.function.Consumer<Draft> change) {
        var draft = new Draft(this);
        change.accept(draft);
        return draft.rule();
    }

    /** A mutable copy for the {@code with…} methods. */
    private static final class Draft {
        private final KeyRule from;
        List<AttributeKey> keyAttributes;
        List<Reference> references;
        List<AttributeKey> tieAttributes;
        Optional<Reference> tieReference;
        ReferenceCheck tieReferenceCheck;
        boolean withinContainer;
        String aliasAttribute;
        Set<String> linkedByName;
        Optional<Function<Decide.KeyFacts, String>> unmatchedReason;

        Draft(KeyRule from) {
            this.from = from;
            keyAttributes = from.keyAttributes;
            references = from.references;
            tieAttributes = from.tieAttributes;
            tieReference = from.tieReference;
            tieReferenceCheck = from.tieReferenceCheck;
            withinContainer = from.withinContainer;
            aliasAttribute = from.aliasAttribute;
            linkedByName = from.linkedByName;
            unmatchedReason = from.unmatchedReason;
        }

        KeyRule rule() {
            return new KeyRule(
                    from.type,
                    from.rule,
                    from.name,
                    keyAttributes,
                    references,
                    tieAttributes,
                    tieReference,
                    tieReferenceCheck,
                    withinContainer,
                    aliasAttribute,
                    linkedByName,
                    unmatchedReason,
                    from.mergeAllowed);
        }
    }

    @Override
    public Set<EntityType> dependencies() {
        var result = new LinkedHashSet<EntityType>();
        if (withinContainer) {
            type.parent().ifPresent(result::add);
        }
        references.forEach(r -> result.addAll(r.targets()));
        tieReference.ifPresent(r -> result.addAll(r.targets()));
        result.remove(type);
        return result;
    }

    /** The index of a reference to this very type (cascading option → parent option), if any. */
    public Optional<Integer> selfReference() {
        for (int i = 0; i < references.size(); i++) {
            if (references.get(i).targets().contains(type)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    @Override
    public StagedEntity stage(SiteEntity entity, Side side) {
        var attributePart = new StringBuilder();
        for (var attribute : keyAttributes) {
            attributePart.append(SEPARATOR).append(attribute.normalize(entity.attribute(attribute.attribute())));
        }
        var keys = new ArrayList<StagedEntity.MatchKey>();
        keys.add(new StagedEntity.MatchKey(namePart(entity.name()) + attributePart, 0));
        if (side == Side.DESTINATION) {
            if (name == NameKey.MIGRATED_SUFFIX) {
                MigratedSuffix.strip(entity.name())
                        .filter(stripped -> !linkedByName.contains(stripped))
                        .ifPresent(stripped -> keys.add(new StagedEntity.MatchKey(stripped + attributePart, 0)));
            }
            if (aliasAttribute != null && entity.attribute(aliasAttribute) != null) {
                for (var alias : entity.attribute(aliasAttribute).split(",")) {
                    var trimmed = alias.trim();
                    if (!trimmed.isEmpty() && !trimmed.equals(entity.name())) {
                        keys.add(new StagedEntity.MatchKey(namePart(trimmed) + attributePart, 1));
                    }
                }
            }
        }
        var refs = references.stream()
                .map(r -> blankToNull(entity.attribute(r.attribute())))
                .toList();
        var tie = new StringBuilder();
        for (var attribute : tieAttributes) {
            tie.append(attribute.normalize(entity.attribute(attribute.attribute())))
                    .append(SEPARATOR);
        }
        var tieRef = tieReference
                .map(r -> blankToNull(entity.attribute(r.attribute())))
                .orElse(null);
        var parentId = blankToNull(entity.parentId());
        var anchor = new StringBuilder(withinContainer && parentId != null ? parentId : "");
        refs.forEach(r -> anchor.append(ANCHOR_SEPARATOR).append(r == null ? "" : r));
        return new StagedEntity(
                entity.id(),
                parentId,
                type.parent().orElse(null),
                entity.name(),
                keys.stream().map(KeyRule::bounded).distinct().toList(),
                refs,
                tie.toString(),
                tieRef,
                anchor.toString());
    }

    /** Keeps index entries small (PostgreSQL caps a B-tree entry near 2.7 kB): long keys become their hash. */
    static StagedEntity.MatchKey bounded(StagedEntity.MatchKey key) {
        if (key.key().length() <= 400) {
            return key;
        }
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.key().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new StagedEntity.MatchKey(
                    "#sha256:" + java.util.HexFormat.of().formatHex(digest), key.priority());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String namePart(String value) {
        return switch (name) {
            case NONE -> "";
            case EXACT, MIGRATED_SUFFIX -> value == null ? "" : value;
            case CASE_INSENSITIVE -> value == null ? "" : value.toLowerCase(Locale.ROOT);
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
