package dev.idmap.core.match;

import static dev.idmap.core.match.KeyRule.NameKey.EXACT;
import static dev.idmap.core.match.KeyRule.NameKey.MIGRATED_SUFFIX;
import static dev.idmap.core.match.KeyRule.NameKey.NONE;
import static dev.idmap.core.match.KeyRule.ReferenceCheck.REQUIRED_WHEN_MAPPED;
import static dev.idmap.core.match.KeyRule.ReferenceCheck.REQUIRED_WHEN_SHOWN;
import static dev.idmap.core.model.EntityType.*;

import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The matching column of the entity-type table: one rule per {@link EntityType}, as data. Adding a type is adding
 * a row here (and its crawler), nothing else.
 */
public final class MatchRules {

    /** Staged columns for attributes that carry {@link Evidence.Kind#USED_BY_MATCHED} observations. */
    public static final int MAX_USAGE_ATTRIBUTES = 4;

    private final Map<EntityType, MatchRule> rules;
    private final Map<EntityType, List<Evidence>> evidence;
    private final Map<EntityType, List<String>> usageAttributes;

    private MatchRules(Map<EntityType, MatchRule> rules, List<Evidence> evidence) {
        this.rules = Map.copyOf(rules);
        var byType = new EnumMap<EntityType, List<Evidence>>(EntityType.class);
        var usage = new EnumMap<EntityType, List<String>>(EntityType.class);
        for (var e : evidence) {
            check(e);
            byType.computeIfAbsent(e.resolves(), t -> new ArrayList<>()).add(e);
            if (e.kind().readsMatchedCarriers()) {
                var attributes = usage.computeIfAbsent(e.carrier(), t -> new ArrayList<>());
                attributes.add(e.attribute());
                if (attributes.size() > MAX_USAGE_ATTRIBUTES) {
                    throw new IllegalStateException(
                            e.carrier() + " carries more than " + MAX_USAGE_ATTRIBUTES + " usage attributes");
                }
            }
        }
        byType.replaceAll((t, list) -> List.copyOf(list));
        usage.replaceAll((t, list) -> List.copyOf(list));
        this.evidence = Map.copyOf(byType);
        this.usageAttributes = Map.copyOf(usage);
    }

    private void check(Evidence e) {
        if (!(ruleFor(e.resolves()) instanceof KeyRule)) {
            throw new IllegalStateException("evidence can only settle key-rule decisions, not " + e.resolves());
        }
        if (e.kind() == Evidence.Kind.CONTAINED_BY
                && !(ruleFor(e.carrier()) instanceof KeyRule carrier
                        && carrier.withinContainer()
                        && e.carrier().parent().equals(Optional.of(e.resolves())))) {
            throw new IllegalStateException(e.carrier() + " is not matched inside a " + e.resolves());
        }
        if (e.kind() == Evidence.Kind.REFERENCED_IN_KEY && referenceIndex(e).isEmpty()) {
            throw new IllegalStateException(
                    e.carrier() + " has no key reference '" + e.attribute() + "' to " + e.resolves());
        }
    }

    /** The rules that encode how Atlassian's migration assistants carry entities to Cloud. */
    public static MatchRules standard() {
        var table = new EnumMap<EntityType, MatchRule>(EntityType.class);
        for (var rule : List.of(
                // --- Jira: identity
                new UserRule(JIRA_USER),
                KeyRule.byName(JIRA_GROUP, "group-name", EXACT),
                // --- Jira: configuration (renamed "X (migrated)" on clashes, except where linked by name)
                KeyRule.byName(PROJECT_CATEGORY, "name", MIGRATED_SUFFIX),
                KeyRule.byName(PROJECT, "project-key", EXACT),
                KeyRule.byName(PRIORITY, "name", MIGRATED_SUFFIX),
                KeyRule.byName(RESOLUTION, "resolution-linked-by-name", EXACT),
                KeyRule.byName(ISSUE_TYPE, "name-within-project-scope", MIGRATED_SUFFIX)
                        .insideContainer()
                        .withTieAttributes(AttributeKey.of("subtask"))
                        .linkedByName("Epic", "Story"),
                KeyRule.byName(ISSUE_STATUS, "name-within-project-scope", MIGRATED_SUFFIX)
                        .insideContainer()
                        .withTieAttributes(AttributeKey.of("category")),
                KeyRule.byName(ISSUE_LINK_TYPE, "name", MIGRATED_SUFFIX)
                        .withTieAttributes(AttributeKey.of("inward"), AttributeKey.of("outward")),
                KeyRule.byName(PROJECT_ROLE, "name", MIGRATED_SUFFIX),
                // a team-managed Cloud field (projectId set) is never a DC field's counterpart: DC fields are global
                KeyRule.byName(CUSTOM_FIELD, "name-and-field-type", MIGRATED_SUFFIX)
                        .withKeyAttributes(AttributeKey.of("fieldType"), AttributeKey.of("projectId")),
                KeyRule.byName(CUSTOM_FIELD_CONTEXT, "name-within-field", MIGRATED_SUFFIX)
                        .insideContainer()
                        .withTieAttributes(AttributeKey.of("global")),
                KeyRule.byName(CUSTOM_FIELD_OPTION, "value-within-field", EXACT)
                        .insideContainer()
                        .withReferences(Reference.to("parentOptionId", CUSTOM_FIELD_OPTION, "parent option"))
                        .withTieAttributes(AttributeKey.of("disabled")),
                // --- Jira: project content
                KeyRule.byName(COMPONENT, "name-within-project", EXACT).insideContainer(),
                KeyRule.byName(VERSION, "name-within-project", EXACT).insideContainer(),
                KeyRule.byName(FILTER, "name-and-owner", EXACT)
                        .withReferences(Reference.to("owner", JIRA_USER, "owner")),
                // Data Center shows no dashboard owner: the owner is checked where a site shows it
                KeyRule.byName(DASHBOARD, "name", EXACT)
                        .withCheckedReference(Reference.to("owner", JIRA_USER, "owner"), REQUIRED_WHEN_SHOWN),
                KeyRule.byName(BOARD, "name-and-type", EXACT)
                        .withKeyAttributes(AttributeKey.of("type"))
                        .withTieReference(Reference.to("filterId", FILTER, "filter")),
                KeyRule.byName(SPRINT, "name-within-board", EXACT)
                        .insideContainer()
                        .withTieAttributes(AttributeKey.of("startDate"), AttributeKey.of("endDate")),
                KeyRule.byName(ISSUE, "issue-key", EXACT).withAliases("historicalKeys"),
                // the author must agree when mapped; an author with no Cloud match (hidden e-mail) leaves the
                // item to its timestamp within the mapped issue, which the migration keeps
                KeyRule.byName(COMMENT, "created-within-issue", NONE)
                        .insideContainer()
                        .withKeyAttributes(AttributeKey.of("created"))
                        .withCheckedReference(Reference.to("author", JIRA_USER, "author"), REQUIRED_WHEN_MAPPED),
                KeyRule.byName(WORKLOG, "started-within-issue", NONE)
                        .insideContainer()
                        .withKeyAttributes(AttributeKey.of("started"), AttributeKey.of("timeSpentSeconds"))
                        .withCheckedReference(Reference.to("author", JIRA_USER, "author"), REQUIRED_WHEN_MAPPED),
                KeyRule.byName(ATTACHMENT, "file-within-issue", EXACT)
                        .insideContainer()
                        .withKeyAttributes(AttributeKey.of("size"), AttributeKey.of("created"))
                        .withCheckedReference(Reference.to("author", JIRA_USER, "author"), REQUIRED_WHEN_MAPPED),
                KeyRule.byName(ISSUE_LINK, "mapped-endpoints-and-type", NONE)
                        .withReferences(
                                Reference.to("typeId", ISSUE_LINK_TYPE, "link type"),
                                Reference.to("inwardIssueId", ISSUE, "inward issue"),
                                Reference.to("outwardIssueId", ISSUE, "outward issue")),
                // --- Confluence
                new UserRule(CONFLUENCE_USER),
                KeyRule.byName(CONFLUENCE_GROUP, "group-name", EXACT),
                SpaceRule.standard(),
                KeyRule.byName(PAGE, "title-within-space", EXACT).insideContainer(),
                KeyRule.byName(BLOG_POST, "title-and-day-within-space", EXACT)
                        .insideContainer()
                        .withKeyAttributes(AttributeKey.day("created")),
                KeyRule.byName(CONFLUENCE_ATTACHMENT, "file-within-content", EXACT)
                        .withKeyAttributes(AttributeKey.of("size"))
                        .withReferences(new Reference("containerId", Set.of(PAGE, BLOG_POST), "page or blog post")),
                KeyRule.byName(CONFLUENCE_COMMENT, "author-and-created-within-content", NONE)
                        .withKeyAttributes(AttributeKey.of("created"))
                        .withReferences(
                                new Reference("containerId", Set.of(PAGE, BLOG_POST), "page or blog post"),
                                Reference.to("author", CONFLUENCE_USER, "author")))) {
            if (table.put(rule.type(), rule) != null) {
                throw new IllegalStateException("two rules for " + rule.type());
            }
        }
        // which migrated data tells "X" from "X (migrated)" when the name cannot
        var evidence = List.of(
                Evidence.usedBy(PROJECT_CATEGORY, PROJECT, "categoryId"),
                Evidence.usedEachBy(PROJECT_ROLE, PROJECT, "roleIds"),
                Evidence.usedBy(PRIORITY, ISSUE, "priorityId"),
                Evidence.usedBy(ISSUE_TYPE, ISSUE, "issueTypeId"),
                Evidence.usedBy(ISSUE_STATUS, ISSUE, "statusId"),
                Evidence.referencedBy(ISSUE_LINK_TYPE, ISSUE_LINK, "typeId"),
                Evidence.contents(CUSTOM_FIELD, CUSTOM_FIELD_OPTION));
        return new MatchRules(table, evidence);
    }

    /** The evidence that may settle ambiguous decisions of {@code type}, in table order. */
    public List<Evidence> evidenceFor(EntityType type) {
        return evidence.getOrDefault(type, List.of());
    }

    /** Attributes of {@code carrier} staged because they carry evidence (at most {@value #MAX_USAGE_ATTRIBUTES}). */
    public List<String> usageAttributes(EntityType carrier) {
        return usageAttributes.getOrDefault(carrier, List.of());
    }

    /** The index of the carrier's key reference that an evidence of kind {@code REFERENCED_IN_KEY} names. */
    Optional<Integer> referenceIndex(Evidence e) {
        if (!(ruleFor(e.carrier()) instanceof KeyRule carrier)) {
            return Optional.empty();
        }
        for (int i = 0; i < carrier.references().size(); i++) {
            var reference = carrier.references().get(i);
            if (reference.attribute().equals(e.attribute())
                    && reference.targets().contains(e.resolves())) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /**
     * Types to match before {@code type}: its dependencies, plus what its evidence reads when the run has it
     * (matched carriers; for a referencing carrier, whatever else its key needs mapped). Evidence never pulls a
     * type into a run: a run without issues settles no status by issues.
     */
    public Set<EntityType> matchAfter(EntityType type) {
        var after = new LinkedHashSet<>(ruleFor(type).dependencies());
        for (var e : evidenceFor(type)) {
            switch (e.kind()) {
                case USED_BY_MATCHED, USED_EACH_BY_MATCHED -> after.add(e.carrier());
                case REFERENCED_IN_KEY, CONTAINED_BY ->
                    after.addAll(ruleFor(e.carrier()).dependencies());
            }
        }
        after.remove(type);
        return after;
    }

    public MatchRule ruleFor(EntityType type) {
        var rule = rules.get(type);
        if (rule == null) {
            throw new IllegalArgumentException("no match rule for " + type);
        }
        return rule;
    }

    public boolean covers(EntityType type) {
        return rules.containsKey(type);
    }

    /** The requested types plus what they depend on (empty request = every type of the product). */
    public Set<EntityType> withDependencies(Product product, Set<EntityType> requested) {
        var wanted = requested.isEmpty() ? Set.copyOf(EntityType.of(product)) : requested;
        var result = new LinkedHashSet<EntityType>();
        for (var type : wanted) {
            result.addAll(MatchRule.closure(type, this));
        }
        return result;
    }

    /** The given types with containers before their contents (a stable topological order by table order). */
    public List<EntityType> dependencyOrder(Set<EntityType> types) {
        var ordered = new ArrayList<EntityType>();
        var remaining = new ArrayList<EntityType>();
        for (var type : EntityType.values()) {
            if (types.contains(type)) {
                remaining.add(type);
            }
        }
        while (!remaining.isEmpty()) {
            var ready = remaining.stream()
                    .filter(t -> ordered.containsAll(
                            matchAfter(t).stream().filter(types::contains).toList()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("dependency cycle among " + remaining));
            ordered.add(ready);
            remaining.remove(ready);
        }
        return ordered;
    }
}
