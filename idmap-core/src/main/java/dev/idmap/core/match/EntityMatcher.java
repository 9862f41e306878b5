package dev.idmap.core.match;

import dev.idmap.core.model.EntityType;
import dev.idmap.core.storage.PostgresCopy;
import dev.idmap.core.storage.StagedTables;
import dev.idmap.core.storage.StagingFailure;
import dev.idmap.core.storage.StagingStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import javax.sql.DataSource;

/**
 * Matches the staged entities of one type. The database does the work that grows with the site: it joins every
 * source entity with the destination entities sharing its key, inside the mapped container and with mapped
 * references, ordered by source id. Java then walks that stream one source entity at a time, so the heap holds
 * the candidates of a single entity, never a whole type. Decisions go back to the database in batches.
 */
public final class EntityMatcher implements AutoCloseable {

    private final MatchRules rules;
    private final Connection reader;
    private final Connection writerConnection;
    private EvidenceFinder evidence;
    /** The tables of the run being matched. */
    private StagedTables tables;

    static final int SUBSTITUTE_NONE = -1;
    static final int SUBSTITUTE_CONTAINER = -2;

    /** Opens the two connections (one streaming candidates, one writing decisions) it keeps until closed. */
    public EntityMatcher(DataSource dataSource, MatchRules rules) {
        this.rules = rules;
        try {
            this.reader = dataSource.getConnection();
            this.writerConnection = dataSource.getConnection();
            reader.setAutoCommit(false);
        } catch (SQLException e) {
            throw new StagingFailure("cannot connect to the staging database", e);
        }
    }

    @Override
    public void close() {
        try (reader;
                writerConnection) {
            reader.rollback();
        } catch (SQLException e) {
            throw new StagingFailure("cannot close the matcher's connections", e);
        }
    }

    /** Decides every staged source entity of {@code type} in run {@code runId}; returns how many. */
    public long match(String runId, EntityType type, LongConsumer progress) {
        try {
            var postgres = PostgresCopy.isPostgres(reader);
            if (postgres) {
                try (var statement = reader.createStatement()) {
                    statement.execute("set local work_mem = '16MB'");
                }
            }
            tables = StagedTables.of(runId, postgres);
            evidence = new EvidenceFinder(writerConnection, runId, tables, rules, type);
            deleteDecisions(writerConnection, tables, runId, type);
            long count = 0;
            try (var writer = new DecisionWriter(writerConnection, tables.decision(), runId)) {
                switch (rules.ruleFor(type)) {
                    case KeyRule rule -> {
                        var self = rule.selfReference();
                        if (self.isEmpty()) {
                            count += matchByKey(reader, writer, runId, rule, "", progress);
                        } else {
                            // cascading children after their parents, whose decisions they read
                            var column = "s.ref" + (self.get() + 1);
                            count += matchByKey(reader, writer, runId, rule, " and " + column + " is null", progress);
                            writer.flush();
                            if (!rule.mergeAllowed()) {
                                new ClaimResolver(reader, writerConnection, tables.decision(), runId, type).resolve();
                            }
                            count += matchByKey(
                                    reader, writer, runId, rule, " and " + column + " is not null", progress);
                        }
                    }
                    case UserRule rule -> count += matchUsers(reader, writer, runId, rule, progress);
                    case SpaceRule rule -> {
                        count += matchByKey(reader, writer, runId, rule.byKey(), SpaceRule.KEY_PASS, progress);
                        count += matchByKey(reader, writer, runId, rule.byOwner(), SpaceRule.OWNER_PASS, progress);
                    }
                }
            }
            if (!rules.ruleFor(type).mergeAllowed()) {
                new ClaimResolver(reader, writerConnection, tables.decision(), runId, type).resolve();
            }
            reader.commit();
            return count;
        } catch (SQLException e) {
            throw new StagingFailure("cannot match " + type + " of run " + runId, e);
        }
    }

    private static void deleteDecisions(Connection connection, StagedTables tables, String runId, EntityType type)
            throws SQLException {
        try (var delete = connection.prepareStatement(
                "delete from " + tables.decision() + " where run_id = ? and entity_type = ?")) {
            delete.setString(1, runId);
            delete.setString(2, type.name());
            delete.executeUpdate();
        }
    }

    private long matchByKey(
            Connection reader,
            DecisionWriter writer,
            String runId,
            KeyRule rule,
            String passCondition,
            LongConsumer progress)
            throws SQLException {
        var sql = keyQuery(rule, passCondition);
        long count = 0;
        try (var statement = reader.prepareStatement(sql)) {
            statement.setFetchSize(StagingStore.FETCH);
            statement.setString(1, runId);
            statement.setString(2, rule.type().name());
            try (var result = statement.executeQuery()) {
                SourceRow current = null;
                while (result.next()) {
                    var sourceId = result.getString("sid");
                    if (current == null || !current.id.equals(sourceId)) {
                        if (current != null) {
                            decideAndWrite(writer, rule, current);
                            if (++count % 1000 == 0) {
                                progress.accept(count);
                            }
                        }
                        current = SourceRow.read(result, rule);
                    }
                    current.addCandidate(result);
                }
                if (current != null) {
                    decideAndWrite(writer, rule, current);
                    count++;
                }
            }
        }
        progress.accept(count);
        return count;
    }

    private String keyQuery(KeyRule rule, String passCondition) {
        var select = new StringBuilder(
                "select s.id sid, s.name sname, s.parent_id sparent, sp.name scontainer, pm.cloud_id pcloud,"
                        + " k.id kid, k.priority kpriority, d.id did, d.name dname,"
                        + " case when d.tie_key = s.tie_key then 1 else 0 end tie_attr");
        // a type's parent type is fixed (KeyRule.stage): as a literal, PostgreSQL reads only the parents' rows (an
        // index range) instead of hashing every source entity of the run
        var parentType = rule.type().parent().map(p -> "'" + p.name() + "'").orElse("s.parent_type");
        var joins = new StringBuilder("""
                 from %2$s s
                 left join %2$s sp on sp.run_id = s.run_id and sp.side = 'S'
                   and sp.entity_type = %1$s and sp.id = s.parent_id
                 left join %3$s pm on pm.run_id = s.run_id and pm.entity_type = %1$s
                   and pm.source_id = s.parent_id and pm.status = 'MATCHED'
                """.formatted(parentType, tables.entity(), tables.decision()));
        var mappedReferences = new ArrayList<String>();
        var anchor = anchorExpression(rule, tables, joins, SUBSTITUTE_NONE, mappedReferences);
        for (int i = 0; i < rule.references().size(); i++) {
            var n = i + 1;
            select.append(", s.ref").append(n).append(" sref").append(n);
            select.append(", ").append(mappedReferences.get(i)).append(" mref").append(n);
        }
        if (rule.tieReference().isPresent()) {
            var mapped = mappedReference(
                    tables, joins, "mt", "s.tie_ref", rule.tieReference().get());
            select.append(", case when d.tie_ref = ").append(mapped).append(" then 1 else 0 end tie_ref");
            select.append(", s.tie_ref stie, ").append(mapped).append(" mtie");
        } else {
            select.append(", 0 tie_ref, cast(null as varchar(1)) stie, cast(null as varchar(1)) mtie");
        }
        var anchored = rule.withinContainer() || !rule.references().isEmpty();
        if (anchored) {
            // a Cloud entity with the same key elsewhere makes a better reason than "absent"; a candidate is one
            // (its key shares the match key), so the lookup is made only for the rows without one
            select.append(", case when k.id is not null then 1 when exists (select 1 from " + tables.key() + " x"
                    + " where x.run_id = s.run_id"
                    + " and x.side = 'D' and x.entity_type = s.entity_type and x.match_key = sk.match_key)"
                    + " then 1 else 0 end near");
        } else {
            select.append(", 0 near");
        }
        joins.append("""
                 left join %1$s sk on sk.run_id = s.run_id and sk.side = 'S'
                   and sk.entity_type = s.entity_type and sk.id = s.id
                 left join %1$s k on k.run_id = s.run_id and k.side = 'D'
                   and k.entity_type = s.entity_type and k.match_key = sk.match_key and k.anchor = """.formatted(tables.key()));
        joins.append(anchor);
        joins.append("""

                 left join %s d on d.run_id = k.run_id and d.side = 'D'
                   and d.entity_type = k.entity_type and d.id = k.id""".formatted(tables.entity()));
        return select + joins.toString() + "\n where s.run_id = ? and s.side = 'S' and s.entity_type = ?"
                + passCondition + " order by s.id, d.id, k.priority";
    }

    /**
     * The SQL expression of a source entity's anchor in Cloud terms (see {@link StagedEntity#anchor()}): null, so
     * no candidate, when a part of it is not mapped. The join to the container's decision is alias {@code pm}.
     *
     * @param substituted the index of a reference whose Cloud id is a bind parameter instead of its mapping (a
     *     candidate tried in its place), {@link #SUBSTITUTE_CONTAINER} for the container, or {@link #SUBSTITUTE_NONE}
     * @param mapped receives the expression of each reference's mapped Cloud id
     */
    static StringBuilder anchorExpression(
            KeyRule rule, StagedTables tables, StringBuilder joins, int substituted, List<String> mapped) {
        var container = substituted == SUBSTITUTE_CONTAINER ? "cast(? as varchar(512))" : "pm.cloud_id";
        var anchor = new StringBuilder(
                rule.withinContainer() ? "(case when s.parent_id is null then '' else " + container + " end)" : "''");
        for (int i = 0; i < rule.references().size(); i++) {
            var n = i + 1;
            var cloud = i == substituted
                    ? "cast(? as varchar(512))"
                    : mappedReference(
                            tables,
                            joins,
                            "m" + n,
                            "s.ref" + n,
                            rule.references().get(i));
            mapped.add(cloud);
            anchor.append(" || '")
                    .append(KeyRule.ANCHOR_SEPARATOR)
                    .append("' || (case when s.ref")
                    .append(n)
                    .append(" is null then '' else ")
                    .append(cloud)
                    .append(" end)");
        }
        return anchor;
    }

    /**
     * Joins the decisions of a reference's target type(s), one equality join per type so that every lookup is a
     * primary-key lookup on both databases, and returns the SQL expression of the mapped Cloud id.
     */
    static String mappedReference(
            StagedTables tables, StringBuilder joins, String alias, String column, Reference reference) {
        var expressions = new java.util.ArrayList<String>();
        var targets = reference.targets().stream().sorted().toList();
        for (int t = 0; t < targets.size(); t++) {
            var a = alias + "_" + t;
            joins.append(" left join ")
                    .append(tables.decision())
                    .append(' ')
                    .append(a)
                    .append(" on ")
                    .append(a)
                    .append(".run_id = s.run_id and ")
                    .append(a)
                    .append(".entity_type = '")
                    .append(targets.get(t).name())
                    .append("' and ")
                    .append(a)
                    .append(".source_id = ")
                    .append(column)
                    .append(" and ")
                    .append(a)
                    .append(".status = 'MATCHED'\n");
            expressions.add(a + ".cloud_id");
        }
        return expressions.size() == 1 ? expressions.getFirst() : "coalesce(" + String.join(", ", expressions) + ")";
    }

    private void decideAndWrite(DecisionWriter writer, KeyRule rule, SourceRow row) throws SQLException {
        var decision = Decide.byKey(rule, row.facts(), row.candidates());
        if (decision instanceof MatchDecision.Ambiguous ambiguous
                && !rules.evidenceFor(rule.type()).isEmpty()) {
            decision = Decide.byEvidence(
                    rule, ambiguous, evidence.observe(row.id, ambiguous.candidates()), evidence.carriers());
        }
        String cloudKey = null;
        if (decision instanceof MatchDecision.Matched matched) {
            cloudKey = row.names.get(matched.cloudId());
        }
        writer.write(rule.type(), row.id, decision, row.name, cloudKey, row.container);
    }

    private long matchUsers(
            Connection reader, DecisionWriter writer, String runId, UserRule rule, LongConsumer progress)
            throws SQLException {
        var sql = """
                select s.id sid, s.name sname, mk.account_id by_key, mu.account_id by_username,
                  sk.match_key email, k.id did
                from %1$s s
                left join idmap_stage_user_migration mk on mk.run_id = s.run_id and mk.by_key = true
                  and mk.server_user = s.id
                left join idmap_stage_user_migration mu on mu.run_id = s.run_id and mu.by_key = false
                  and mu.server_user = s.name
                left join %2$s sk on sk.run_id = s.run_id and sk.side = 'S'
                  and sk.entity_type = s.entity_type and sk.id = s.id
                left join %2$s k on k.run_id = s.run_id and k.side = 'D'
                  and k.entity_type = s.entity_type and k.match_key = sk.match_key
                where s.run_id = ? and s.side = 'S' and s.entity_type = ?
                order by s.id, k.id""".formatted(tables.entity(), tables.key());
        long count = 0;
        try (var statement = reader.prepareStatement(sql)) {
            statement.setFetchSize(StagingStore.FETCH);
            statement.setString(1, runId);
            statement.setString(2, rule.type().name());
            try (var result = statement.executeQuery()) {
                String currentId = null;
                Decide.UserFacts facts = null;
                var emailCandidates = new ArrayList<String>();
                while (result.next()) {
                    var sourceId = result.getString("sid");
                    if (!sourceId.equals(currentId)) {
                        if (facts != null) {
                            writeUser(writer, rule, facts, emailCandidates);
                            count++;
                        }
                        currentId = sourceId;
                        facts = new Decide.UserFacts(
                                sourceId,
                                result.getString("sname"),
                                result.getString("by_key"),
                                result.getString("by_username"),
                                result.getString("email"));
                        emailCandidates.clear();
                    }
                    var candidate = result.getString("did");
                    if (candidate != null && !emailCandidates.contains(candidate)) {
                        emailCandidates.add(candidate);
                    }
                }
                if (facts != null) {
                    writeUser(writer, rule, facts, emailCandidates);
                    count++;
                }
            }
        }
        progress.accept(count);
        return count;
    }

    private static void writeUser(DecisionWriter writer, UserRule rule, Decide.UserFacts facts, List<String> byEmail)
            throws SQLException {
        writer.write(rule.type(), facts.id(), Decide.user(facts, byEmail), facts.username(), null, null);
    }

    /** One source entity and the destination candidates the join found for it. */
    private static final class SourceRow {
        final String id;
        final String name;
        final String container;
        final Decide.KeyFacts partial;
        final Map<String, Decide.Candidate> byId = new TreeMap<>();
        final Map<String, String> names = new TreeMap<>();
        boolean nearMiss;

        private SourceRow(String id, String name, String container, Decide.KeyFacts partial) {
            this.id = id;
            this.name = name;
            this.container = container;
            this.partial = partial;
        }

        static SourceRow read(ResultSet result, KeyRule rule) throws SQLException {
            var unmappedReferences = new ArrayList<String>();
            for (int i = 0; i < rule.references().size(); i++) {
                var sourceRef = result.getString("sref" + (i + 1));
                if (sourceRef != null && result.getString("mref" + (i + 1)) == null) {
                    unmappedReferences.add(rule.references().get(i).role() + " " + sourceRef);
                }
            }
            var parent = result.getString("sparent");
            var container = result.getString("scontainer");
            var parentUnmapped = rule.withinContainer() && parent != null && result.getString("pcloud") == null;
            if (rule.tieReferenceCheck() == KeyRule.ReferenceCheck.REQUIRED_WHEN_SHOWN
                    && result.getString("stie") != null
                    && result.getString("mtie") == null) {
                unmappedReferences.add(rule.tieReference().orElseThrow().role() + " " + result.getString("stie"));
            }
            var tie = result.getString("stie") == null
                    ? Decide.TieReference.NOT_SHOWN
                    : result.getString("mtie") == null ? Decide.TieReference.UNMAPPED : Decide.TieReference.MAPPED;
            var facts = new Decide.KeyFacts(
                    result.getString("sname"),
                    parentUnmapped ? (container != null ? container : parent) : null,
                    unmappedReferences,
                    false,
                    tie);
            return new SourceRow(result.getString("sid"), result.getString("sname"), container, facts);
        }

        void addCandidate(ResultSet result) throws SQLException {
            if (result.getInt("near") == 1) {
                nearMiss = true;
            }
            var destination = result.getString("did");
            if (destination == null) {
                return;
            }
            var candidate = new Decide.Candidate(
                    destination,
                    result.getString("dname"),
                    result.getInt("kpriority"),
                    result.getInt("tie_attr") == 1,
                    result.getInt("tie_ref") == 1);
            byId.merge(destination, candidate, (a, b) -> a.priority() <= b.priority() ? a : b);
            names.put(destination, result.getString("dname"));
        }

        Decide.KeyFacts facts() {
            return new Decide.KeyFacts(
                    partial.name(),
                    partial.unmappedContainer(),
                    partial.unmappedReferences(),
                    nearMiss,
                    partial.tieReference());
        }

        List<Decide.Candidate> candidates() {
            return List.copyOf(byId.values());
        }
    }
}
