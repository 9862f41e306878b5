package dev.idmap.core.match;

import dev.idmap.core.model.EntityType;
import dev.idmap.core.storage.StagedTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Counts, in the staged data, the observations that the {@link Evidence} of one type makes about an ambiguous
 * decision's candidates. Only ambiguous decisions ask, so the work is nil on a run without ambiguity.
 *
 * <p>Used-by evidence reads every matched carrier once (one grouped join, the result holds one row per pair of
 * used ids, e.g. per pair of statuses) and keeps that small table for the type's remaining decisions. Referenced-in-
 * key evidence asks, per candidate, how many source carriers have a Cloud twin with the candidate in place of the
 * reference: one index probe per carrier on the key table, as in matching.
 */
final class EvidenceFinder {

    private final Connection connection;
    private final String runId;
    private final StagedTables tables;
    private final MatchRules rules;
    private final List<Evidence> evidence;
    private final Map<Evidence, Map<String, Map<String, Long>>> usedPairs = new HashMap<>();
    private final Map<Evidence, Boolean> carriersDecided = new HashMap<>();

    EvidenceFinder(Connection connection, String runId, StagedTables tables, MatchRules rules, EntityType type) {
        this.connection = connection;
        this.runId = runId;
        this.tables = tables;
        this.rules = rules;
        this.evidence = rules.evidenceFor(type);
    }

    /** How the carriers are named in a reason, e.g. {@code issues or issue links}. */
    String carriers() {
        return evidence.stream().map(e -> Labels.plural(e.carrier())).distinct().collect(Collectors.joining(" or "));
    }

    /** Per candidate, the observations landing on it, summed over every evidence of the type. */
    Map<String, Long> observe(String sourceId, List<String> candidates) throws SQLException {
        var counts = new TreeMap<String, Long>();
        for (var e : evidence) {
            if (!carrierDecided(e)) {
                continue; // the run does not cover the carrier: nothing observed, nothing settled
            }
            switch (e.kind()) {
                case USED_BY_MATCHED, USED_EACH_BY_MATCHED -> {
                    var pairs = usedPairs(e).getOrDefault(sourceId, Map.of());
                    for (var candidate : candidates) {
                        counts.merge(candidate, pairs.getOrDefault(candidate, 0L), Long::sum);
                    }
                }
                case REFERENCED_IN_KEY, CONTAINED_BY -> {
                    for (var candidate : candidates) {
                        counts.merge(candidate, referencing(e, sourceId, candidate), Long::sum);
                    }
                }
            }
        }
        return counts;
    }

    /**
     * Whether what the evidence reads is decided: the carrier itself, or what else the carrier's key needs. Asked
     * once per evidence and type: the decisions it reads do not change while the type is matched.
     */
    private boolean carrierDecided(Evidence e) throws SQLException {
        var known = carriersDecided.get(e);
        if (known == null) {
            known = allDecided(neededFor(e));
            carriersDecided.put(e, known);
        }
        return known;
    }

    private Set<EntityType> neededFor(Evidence e) {
        var needed = new LinkedHashSet<EntityType>();
        if (e.kind().readsMatchedCarriers()) {
            needed.add(e.carrier());
        } else {
            needed.addAll(rules.ruleFor(e.carrier()).dependencies());
            needed.remove(e.resolves());
        }
        return needed;
    }

    /** Whether every one of the types has decisions in this run. */
    private boolean allDecided(Set<EntityType> types) throws SQLException {
        for (var type : types) {
            try (var query = connection.prepareStatement("select 1 from " + tables.decision()
                    + " where run_id = ? and entity_type = ? fetch first 1 rows only")) {
                query.setString(1, runId);
                query.setString(2, type.name());
                try (var result = query.executeQuery()) {
                    if (!result.next()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Source used id → (Cloud used id → number of matched carriers showing that pair). */
    private Map<String, Map<String, Long>> usedPairs(Evidence e) throws SQLException {
        var known = usedPairs.get(e);
        if (known != null) {
            return known;
        }
        var column = "use" + (rules.usageAttributes(e.carrier()).indexOf(e.attribute()) + 1);
        if (e.kind() == Evidence.Kind.USED_EACH_BY_MATCHED) {
            var pairs = eachPairs(e, column);
            usedPairs.put(e, pairs);
            return pairs;
        }
        var sql = "select s." + column + " su, d." + column + " du, count(*) n" + matchedPairs(column) + " group by s."
                + column + ", d." + column;
        var pairs = new HashMap<String, Map<String, Long>>();
        try (var query = connection.prepareStatement(sql)) {
            query.setString(1, runId);
            query.setString(2, e.carrier().name());
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    pairs.computeIfAbsent(result.getString("su"), k -> new HashMap<>())
                            .put(result.getString("du"), result.getLong("n"));
                }
            }
        }
        usedPairs.put(e, pairs);
        return pairs;
    }

    /** As {@link #usedPairs} for lists of ids: every source id of a matched pair against every Cloud id of it. */
    private Map<String, Map<String, Long>> eachPairs(Evidence e, String column) throws SQLException {
        var sql = "select s." + column + " su, d." + column + " du" + matchedPairs(column);
        var pairs = new HashMap<String, Map<String, Long>>();
        try (var query = connection.prepareStatement(sql)) {
            query.setFetchSize(1000);
            query.setString(1, runId);
            query.setString(2, e.carrier().name());
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    for (var used : ids(result.getString("su"))) {
                        var observed = pairs.computeIfAbsent(used, k -> new HashMap<>());
                        for (var cloud : ids(result.getString("du"))) {
                            observed.merge(cloud, 1L, Long::sum);
                        }
                    }
                }
            }
        }
        return pairs;
    }

    /**
     * The matched carriers of a type (bind run id and carrier type) joined to their Cloud twins, where both show
     * the usage column.
     */
    private String matchedPairs(String column) {
        return " from " + tables.entity() + " s"
                + " join " + tables.decision() + " m on m.run_id = s.run_id and m.entity_type = s.entity_type"
                + "   and m.source_id = s.id and m.status = 'MATCHED'"
                + " join " + tables.entity() + " d on d.run_id = s.run_id and d.side = 'D'"
                + "   and d.entity_type = s.entity_type and d.id = m.cloud_id"
                + " where s.run_id = ? and s.side = 'S' and s.entity_type = ?"
                + "   and s." + column + " is not null and d." + column + " is not null";
    }

    private static List<String> ids(String list) {
        return java.util.Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(id -> !id.isEmpty())
                .toList();
    }

    /**
     * How many source carriers that reference (or sit in) {@code sourceId} have a Cloud carrier with the same key
     * and anchor once {@code candidate} stands in for the reference (or the container).
     */
    private long referencing(Evidence e, String sourceId, String candidate) throws SQLException {
        var carrier = (KeyRule) rules.ruleFor(e.carrier());
        var contained = e.kind() == Evidence.Kind.CONTAINED_BY;
        int index = contained
                ? EntityMatcher.SUBSTITUTE_CONTAINER
                : rules.referenceIndex(e).orElseThrow();
        var joins = new StringBuilder();
        joins.append(
                " left join " + tables.decision() + " pm on pm.run_id = s.run_id and pm.entity_type = s.parent_type"
                        + " and pm.source_id = s.parent_id and pm.status = 'MATCHED'\n");
        var anchor = EntityMatcher.anchorExpression(carrier, tables, joins, index, new ArrayList<>());
        // the carriers' anchors are computed in a derived table first ("offset 0 rows" keeps it one): probing the
        // Cloud keys with the anchor as a plain column lets PostgreSQL use both key columns of the index, where
        // the anchor expression over the joined decisions was only a filter over every Cloud key of the same
        // match key (9.4 s against 60 ms per candidate for an issue link type at 100,000 issues)
        var sql = "select count(*) from (select s.run_id, s.entity_type, sk.match_key, " + anchor + " anchor"
                + " from " + tables.entity() + " s" + joins
                + " join " + tables.key() + " sk on sk.run_id = s.run_id and sk.side = 'S'"
                + "   and sk.entity_type = s.entity_type and sk.id = s.id"
                + " where s.run_id = ? and s.side = 'S' and s.entity_type = ? and "
                + (contained ? "s.parent_id" : "s.ref" + (index + 1)) + " = ?"
                + " offset 0 rows) x"
                + " where exists (select 1 from " + tables.key() + " k where k.run_id = x.run_id and k.side = 'D'"
                + "   and k.entity_type = x.entity_type and k.match_key = x.match_key and k.anchor = x.anchor)";
        try (var query = connection.prepareStatement(sql)) {
            query.setString(1, candidate); // in the anchor, which comes first now
            query.setString(2, runId);
            query.setString(3, e.carrier().name());
            query.setString(4, sourceId);
            try (var result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
