package dev.idmap.sim.jira;

import dev.idmap.sim.SimScale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The size knobs of a generated Jira migration. The special cases (see the module README) appear a fixed number of
 * times whatever the size; the knobs only add plain entities around them.
 */
public record JiraScenario(
        long seed,
        int projects,
        int issuesPerProject,
        int users,
        int groups,
        int customFields,
        int optionsPerField,
        int componentsPerProject,
        int versionsPerProject,
        int sprintsPerBoard,
        int filters,
        int dashboards,
        int maxCommentsPerIssue,
        int maxWorklogsPerIssue,
        int maxAttachmentsPerIssue) {

    /** Knob names accepted in a {@link SimScale}, in the order of the record. */
    public static final Set<String> KNOBS = Set.of(
            "projects",
            "issuesPerProject",
            "users",
            "groups",
            "customFields",
            "optionsPerField",
            "componentsPerProject",
            "versionsPerProject",
            "sprintsPerBoard",
            "filters",
            "dashboards",
            "maxCommentsPerIssue",
            "maxWorklogsPerIssue",
            "maxAttachmentsPerIssue");

    public JiraScenario {
        require(projects >= 4, "projects >= 4 (two are left behind, two carry issue-level special cases)");
        require(issuesPerProject >= 10, "issuesPerProject >= 10");
        require(users >= 20, "users >= 20 (17 carry user special cases)");
        require(groups >= 3, "groups >= 3");
        require(customFields >= 0, "customFields >= 0");
        require(optionsPerField >= 2, "optionsPerField >= 2");
        require(componentsPerProject >= 1 && versionsPerProject >= 1, "at least one component and version per project");
        require(sprintsPerBoard >= 2, "sprintsPerBoard >= 2");
        require(filters >= 5, "filters >= 5");
        require(dashboards >= 4, "dashboards >= 4");
        require(maxCommentsPerIssue >= 1 && maxCommentsPerIssue <= 9, "maxCommentsPerIssue within 1..9");
        require(maxWorklogsPerIssue >= 0 && maxWorklogsPerIssue <= 9, "maxWorklogsPerIssue within 0..9");
        require(maxAttachmentsPerIssue >= 0 && maxAttachmentsPerIssue <= 9, "maxAttachmentsPerIssue within 0..9");
        require((long) projects * issuesPerProject <= 50_000_000L, "at most 50,000,000 issues");
    }

    private static void require(boolean condition, String rule) {
        if (!condition) {
            throw new IllegalArgumentException("Jira scenario needs " + rule);
        }
    }

    public long totalIssues() {
        return (long) projects * issuesPerProject;
    }

    /** The named scale's knob values, then the scale's overrides. */
    public static JiraScenario of(long seed, SimScale scale) {
        for (String knob : scale.overrides().keySet()) {
            if (!KNOBS.contains(knob)) {
                throw new IllegalArgumentException("unknown Jira knob '" + knob + "'; known: " + KNOBS);
            }
        }
        Map<String, Long> base = switch (scale.base()) {
            case "small" -> knobs(6, 25, 30, 6, 8, 4, 2, 2, 3, 8, 5, 3, 2, 2);
            case "medium" -> knobs(12, 2_000, 300, 20, 40, 6, 4, 4, 6, 60, 30, 4, 3, 2);
            case "large" -> knobs(40, 25_000, 2_000, 50, 150, 8, 5, 5, 10, 400, 200, 4, 3, 2);
            default -> throw new IllegalArgumentException("unknown scale " + scale.base());
        };
        java.util.function.ToIntFunction<String> k = name -> Math.toIntExact(scale.knob(name, base.get(name)));
        return new JiraScenario(
                seed,
                k.applyAsInt("projects"),
                k.applyAsInt("issuesPerProject"),
                k.applyAsInt("users"),
                k.applyAsInt("groups"),
                k.applyAsInt("customFields"),
                k.applyAsInt("optionsPerField"),
                k.applyAsInt("componentsPerProject"),
                k.applyAsInt("versionsPerProject"),
                k.applyAsInt("sprintsPerBoard"),
                k.applyAsInt("filters"),
                k.applyAsInt("dashboards"),
                k.applyAsInt("maxCommentsPerIssue"),
                k.applyAsInt("maxWorklogsPerIssue"),
                k.applyAsInt("maxAttachmentsPerIssue"));
    }

    private static Map<String, Long> knobs(long... values) {
        String[] names = {
            "projects",
            "issuesPerProject",
            "users",
            "groups",
            "customFields",
            "optionsPerField",
            "componentsPerProject",
            "versionsPerProject",
            "sprintsPerBoard",
            "filters",
            "dashboards",
            "maxCommentsPerIssue",
            "maxWorklogsPerIssue",
            "maxAttachmentsPerIssue"
        };
        var map = new LinkedHashMap<String, Long>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], values[i]);
        }
        return map;
    }
}
