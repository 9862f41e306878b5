package dev.idmap.core.match;

import static dev.idmap.core.match.KeyRule.NameKey.EXACT;
import static dev.idmap.core.match.KeyRule.NameKey.MIGRATED_SUFFIX;
import static dev.idmap.core.match.KeyRule.NameKey.NONE;
import static dev.idmap.core.model.EntityType.*;

import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The matching column of the entity-type table: one rule per {@link EntityType}, as data. Adding a type is adding
 * a row here (and its crawler), nothing else.
 */
public final class MatchRules {

    private final Map<EntityType, MatchRule> rules;

    private MatchRules(Map<EntityType, MatchRule> rules) {
        this.rules = Map.copyOf(rules);
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
                KeyRule.byName(CUSTOM_FIELD, "name-and-field-type", MIGRATED_SUFFIX)
                        .withKeyAttributes(AttributeKey.of("fieldType")),
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
                KeyRule.byName(DASHBOARD, "name-and-owner", EXACT)
                        .withReferences(Reference.to("owner", JIRA_USER, "owner")),
                KeyRule.byName(BOARD, "name-and-type", EXACT)
                        .withKeyAttributes(AttributeKey.of("type"))
                        .withTieReference(Reference.to("filterId", FILTER, "filter")),
                KeyRule.byName(SPRINT, "name-within-board", EXACT)
                        .insideContainer()
                        .withTieAttributes(AttributeKey.of("startDate"), AttributeKey.of("endDate")),
                KeyRule.byName(ISSUE, "issue-key", EXACT).withAliases("historicalKeys"),
                KeyRule.byName(COMMENT, "author-and-created-within-issue", NONE)
                        .insideContainer()
                        .withKeyAttributes(AttributeKey.of("created"))
                        .withReferences(Reference.to("author", JIRA_USER, "author")),
                KeyRule.byName(WORKLOG, "author-and-started-within-issue", NONE)
                        .insideContainer()
                        .withKeyAttributes(AttributeKey.of("started"), AttributeKey.of("timeSpentSeconds"))
                        .withReferences(Reference.to("author", JIRA_USER, "author")),
                KeyRule.byName(ATTACHMENT, "file-within-issue", EXACT)
                        .insideContainer()
                        .withKeyAttributes(AttributeKey.of("size"), AttributeKey.of("created"))
                        .withReferences(Reference.to("author", JIRA_USER, "author")),
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
        return new MatchRules(table);
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
                    .filter(t -> ordered.containsAll(ruleFor(t).dependencies().stream()
                            .filter(types::contains)
                            .toList()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("dependency cycle among " + remaining));
            ordered.add(ready);
            remaining.remove(ready);
        }
        return ordered;
    }
}
