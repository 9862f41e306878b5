package dev.idmap.core.storage;

import dev.idmap.core.crawl.CrawlScope;
import dev.idmap.core.crawl.EntitySink;
import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.crawl.SkippedDetails;
import dev.idmap.core.match.MatchRules;
import dev.idmap.core.match.StagedEntity;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import javax.sql.DataSource;

/**
 * Staged crawl data and checkpoints. A part (run × side × scope) is finished when its row in
 * {@code idmap_stage_part} exists; that row is written in the same transaction as the part's last batch, so a part
 * without it is unfinished and is wiped and crawled again.
 *
 * <p>Memory: a part writer holds at most {@value #BATCH} staged rows before flushing them, whatever the size of
 * the scope; readers stream with a bounded fetch size.
 */
public final class StagingStore {

    static final int BATCH = 500;

    public static final int FETCH = 1000;

    private final DataSource dataSource;
    private final MatchRules rules;
    private final InstantSource clock;
    /** Whether the staging database is PostgreSQL, asked once on first use. */
    private volatile Boolean postgres;
    /** The runs whose own tables this store has made sure of (created if they were missing). */
    private final Set<String> ownTablesEnsured = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public StagingStore(DataSource dataSource, MatchRules rules, InstantSource clock) {
        this.dataSource = dataSource;
        this.rules = rules;
        this.clock = clock;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The tables of a run's entities and keys ({@link StagedTables}). */
    public StagedTables tables(String runId) {
        return StagedTables.of(runId, isPostgres());
    }

    private boolean isPostgres() {
        var known = postgres;
        if (known == null) {
            try (var connection = dataSource.getConnection()) {
                known = PostgresCopy.isPostgres(connection);
            } catch (SQLException e) {
                throw new StagingFailure("cannot connect to the staging database", e);
            }
            postgres = known;
        }
        return known;
    }

    public boolean isFinished(String runId, Side side, String scope) {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(
                        "select 1 from idmap_stage_part where run_id = ? and side = ? and scope = ?")) {
            statement.setString(1, runId);
            statement.setString(2, side.name());
            statement.setString(3, scope);
            try (var result = statement.executeQuery()) {
                return result.next();
            }
        } catch (SQLException e) {
            throw new StagingFailure("cannot read checkpoint " + runId + "/" + side + "/" + scope, e);
        }
    }

    /** The checkpoints of a run, as {@code SIDE/scope} strings: one query instead of one per part. */
    public java.util.Set<String> finishedParts(String runId) {
        try (var connection = dataSource.getConnection();
                var statement =
                        connection.prepareStatement("select side, scope from idmap_stage_part where run_id = ?")) {
            statement.setString(1, runId);
            var result = new java.util.HashSet<String>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(rows.getString(1) + "/" + rows.getString(2));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StagingFailure("cannot read the checkpoints of run " + runId, e);
        }
    }

    public static String partName(Side side, String scope) {
        return side.name() + "/" + scope;
    }

    /** A connection for a whole crawl phase; connections can be expensive to open (≈ 50 ms on PostgreSQL). */
    public Connection openSession() {
        try {
            var connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            throw new StagingFailure("cannot connect to the staging database", e);
        }
    }

    /**
     * Starts (or restarts) a part on the session's connection: whatever an interrupted attempt staged for it is
     * removed first. The caller must {@link PartWriter#finish()} or {@link PartWriter#close()} it.
     *
     * <p>Only a part started before can have rows to remove, and the part-start table says which were: a first
     * start costs one insert, and the staging tables need no index on the scope (a restart's delete scans the run's
     * rows of that side instead, which only a resumed run pays).
     */
    public PartWriter startPart(Connection session, String runId, Side side, CrawlScope scope, LongConsumer progress) {
        try {
            var tables = ensuredTables(runId);
            if (startedBefore(session, runId, side, scope.name())) {
                for (var table : List.of(tables.entity(), tables.key(), StagingSchema.DETAIL)) {
                    try (var delete = session.prepareStatement(
                            "delete from " + table + " where run_id = ? and side = ? and scope = ?")) {
                        delete.setString(1, runId);
                        delete.setString(2, sideCode(side));
                        delete.setString(3, scope.name());
                        delete.executeUpdate();
                    }
                }
            } else {
                try (var insert = session.prepareStatement(
                        "insert into idmap_stage_part_start (run_id, side, scope) values (?, ?, ?)")) {
                    insert.setString(1, runId);
                    insert.setString(2, side.name());
                    insert.setString(3, scope.name());
                    insert.executeUpdate();
                }
            }
            session.commit();
            return new PartWriter(session, runId, side, scope, progress);
        } catch (SQLException e) {
            throw new StagingFailure("cannot start part " + runId + "/" + side + "/" + scope.name(), e);
        }
    }

    private static boolean startedBefore(Connection session, String runId, Side side, String scope)
            throws SQLException {
        try (var select = session.prepareStatement(
                "select 1 from idmap_stage_part_start where run_id = ? and side = ? and scope = ?")) {
            select.setString(1, runId);
            select.setString(2, side.name());
            select.setString(3, scope);
            try (var result = select.executeQuery()) {
                return result.next();
            }
        }
    }

    /** Records a finished part that has no staged entities of its own (e.g. the user migration lookup). */
    public void markFinished(String runId, Side side, String scope, long entities) {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            insertPart(connection, runId, side, scope, entities);
        } catch (SQLException e) {
            throw new StagingFailure("cannot checkpoint " + runId + "/" + side + "/" + scope, e);
        }
    }

    /** A part whose listing the site refused (see {@link dev.idmap.core.crawl.NotAvailable}). */
    public record Refusal(String part, String request, String answer) {}

    /**
     * Records a part the site does not offer as finished, with the request and the answer, so that a resumed run
     * neither asks again nor forgets the warning. Whatever an attempt staged for it is removed.
     */
    public void markRefused(String runId, Side side, String scope, String request, String answer) {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            var tables = ensuredTables(runId);
            for (var table : List.of(tables.entity(), tables.key(), StagingSchema.DETAIL)) {
                try (var delete = connection.prepareStatement(
                        "delete from " + table + " where run_id = ? and side = ? and scope = ?")) {
                    delete.setString(1, runId);
                    delete.setString(2, sideCode(side));
                    delete.setString(3, scope);
                    delete.executeUpdate();
                }
            }
            insertPart(connection, runId, side, scope, 0);
            try (var refused = connection.prepareStatement("update idmap_stage_part set refused_request = ?,"
                    + " refused_answer = ? where run_id = ? and side = ? and scope = ?")) {
                refused.setString(1, request);
                refused.setString(2, answer);
                refused.setString(3, runId);
                refused.setString(4, side.name());
                refused.setString(5, scope);
                refused.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new StagingFailure("cannot checkpoint the refused part " + runId + "/" + side + "/" + scope, e);
        }
    }

    /** The refused parts of a run, named as {@link #partName}, in name order. */
    public List<Refusal> refusals(String runId) {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement("select side, scope, refused_request, refused_answer"
                        + " from idmap_stage_part where run_id = ? and refused_request is not null"
                        + " order by side, scope")) {
            statement.setString(1, runId);
            var result = new ArrayList<Refusal>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(new Refusal(
                            rows.getString(1) + "/" + rows.getString(2), rows.getString(3), rows.getString(4)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StagingFailure("cannot read the refused parts of run " + runId, e);
        }
    }

    /**
     * Records the details a part's crawl went on without; call just before the part is finished. A part started
     * again (or refused) loses what an earlier attempt recorded, as it loses its entities, so a part redone after an
     * interruption counts its details once.
     */
    public void saveSkippedDetails(String runId, Side side, String scope, List<SkippedDetails.Group> groups) {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var delete = connection.prepareStatement(
                    "delete from idmap_stage_detail where run_id = ? and side = ? and scope = ?")) {
                delete.setString(1, runId);
                delete.setString(2, sideCode(side));
                delete.setString(3, scope);
                delete.executeUpdate();
            }
            try (var insert = connection.prepareStatement("insert into idmap_stage_detail (run_id, side, scope,"
                    + " entity_type, endpoint, status, request, answer, consequence, items, examples)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (var group : groups) {
                    int i = 1;
                    insert.setString(i++, runId);
                    insert.setString(i++, sideCode(side));
                    insert.setString(i++, scope);
                    insert.setString(i++, group.type().name());
                    insert.setString(i++, group.endpoint());
                    insert.setInt(i++, group.status());
                    insert.setString(i++, fit(group.request()));
                    insert.setString(i++, fit(group.answer()));
                    insert.setString(i++, fit(group.consequence()));
                    insert.setLong(i++, group.items());
                    insert.setString(i, fit(String.join("\n", group.examples())));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new StagingFailure("cannot record the skipped details of " + runId + "/" + side + "/" + scope, e);
        }
    }

    /** A text cut to the columns' 4000 characters (a request may name a hundred users). */
    private static String fit(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 3999) + "…";
    }

    /** The skipped details of a run's parts, as {@link #saveSkippedDetails} recorded them. */
    public List<SkippedDetails.Group> skippedDetails(String runId) {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement("select side, entity_type, endpoint, status, request,"
                        + " answer, consequence, items, examples from idmap_stage_detail where run_id = ?"
                        + " order by side, scope, entity_type, endpoint, status")) {
            statement.setString(1, runId);
            var result = new ArrayList<SkippedDetails.Group>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    var examples = rows.getString(9);
                    result.add(new SkippedDetails.Group(
                            rows.getString(1).equals(sideCode(Side.SOURCE)) ? Side.SOURCE : Side.DESTINATION,
                            EntityType.valueOf(rows.getString(2)),
                            rows.getString(3),
                            rows.getInt(4),
                            rows.getString(5),
                            rows.getString(6),
                            rows.getString(7),
                            rows.getLong(8),
                            examples.isEmpty() ? List.of() : List.of(examples.split("\n"))));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StagingFailure("cannot read the skipped details of run " + runId, e);
        }
    }

    /**
     * Gives the UNMATCHED decisions of a type (within one container when {@code container} is not null) the reason
     * that the destination did not list the type: the matcher could only say that no counterpart was found.
     */
    public void explainUnmatched(String runId, EntityType type, String container, String reason) {
        var sql = "update " + tables(runId).decision() + " set reason = ? where run_id = ? and entity_type = ?"
                + " and status = 'UNMATCHED'" + (container == null ? "" : " and container = ?");
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(sql)) {
            statement.setString(1, reason);
            statement.setString(2, runId);
            statement.setString(3, type.name());
            if (container != null) {
                statement.setString(4, container);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StagingFailure("cannot explain the unmatched " + type + " of run " + runId, e);
        }
    }

    private void insertPart(Connection connection, String runId, Side side, String scope, long entities)
            throws SQLException {
        try (var insert = connection.prepareStatement("insert into idmap_stage_part"
                + " (run_id, side, scope, entities, finished_at) values (?, ?, ?, ?, ?)")) {
            insert.setString(1, runId);
            insert.setString(2, side.name());
            insert.setString(3, scope);
            insert.setLong(4, entities);
            insert.setTimestamp(5, Timestamp.from(clock.instant()));
            insert.executeUpdate();
        }
    }

    /** Streams the staged source users' keys (or usernames) in chunks of {@code chunkSize}. */
    public void forEachSourceUserChunk(
            String runId,
            EntityType userType,
            boolean byKey,
            int chunkSize,
            java.util.function.Consumer<List<String>> chunk) {
        // usernames are only asked for users the key lookup did not find: fewer requests to a rate-limited site
        var column = byKey ? "s.id" : "s.name";
        var sql = "select " + column + " from " + tables(runId).entity() + " s where s.run_id = ? and s.side = 'S'"
                + " and s.entity_type = ? and " + column + " is not null"
                + (byKey
                        ? ""
                        : " and not exists (select 1 from idmap_stage_user_migration m where m.run_id = s.run_id"
                                + " and m.by_key = true and m.server_user = s.id)")
                + " order by " + column;
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(FETCH);
                statement.setString(1, runId);
                statement.setString(2, userType.name());
                try (var result = statement.executeQuery()) {
                    var buffer = new ArrayList<String>(chunkSize);
                    while (result.next()) {
                        buffer.add(result.getString(1));
                        if (buffer.size() == chunkSize) {
                            chunk.accept(List.copyOf(buffer));
                            buffer.clear();
                        }
                    }
                    if (!buffer.isEmpty()) {
                        chunk.accept(List.copyOf(buffer));
                    }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new StagingFailure("cannot read staged users of run " + runId, e);
        }
    }

    /** Forgets the user migration records of a run (before the lookup is redone). */
    public void clearUserMigration(String runId) {
        update("delete from idmap_stage_user_migration where run_id = ?", runId);
    }

    public void saveUserMigration(String runId, boolean byKey, Map<String, String> accountIds) {
        if (accountIds.isEmpty()) {
            return;
        }
        try (var connection = dataSource.getConnection();
                var insert = connection.prepareStatement("insert into idmap_stage_user_migration"
                        + " (run_id, by_key, server_user, account_id) values (?, ?, ?, ?)")) {
            for (var entry : new java.util.TreeMap<>(accountIds).entrySet()) {
                insert.setString(1, runId);
                insert.setBoolean(2, byKey);
                insert.setString(3, entry.getKey());
                insert.setString(4, entry.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new StagingFailure("cannot store user migration records of run " + runId, e);
        }
    }

    /** Refreshes the statistics of the run's decisions, which grow while types are matched one after another. */
    public void analyzeDecisions(String runId) {
        analyze(List.of(tables(runId).decision()));
    }

    private void analyze(List<String> tables) {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            for (var table : tables) {
                statement.execute(isPostgres() ? "analyze " + table : "analyze table " + table);
            }
        } catch (SQLException e) {
            throw new StagingFailure("cannot analyze the staging tables", e);
        }
    }

    /**
     * A run whose staged data is kept: interrupted, or not yet discarded.
     *
     * @param partsFinished crawl parts checkpointed so far
     */
    public record StagedRun(
            String runId,
            String product,
            String sourceUrl,
            String destinationUrl,
            java.time.Instant startedAt,
            long partsFinished) {}

    /**
     * Registers a run before its first part; a run id already registered must be for the same product and sites
     * (its checkpoints are only valid for those). Returns the run as registered before, if it was.
     */
    public java.util.Optional<StagedRun> registerRun(
            String runId, String product, String sourceUrl, String destinationUrl) {
        var known = stagedRun(runId);
        if (known.isPresent()) {
            var run = known.get();
            if (!run.product().equals(product)
                    || !run.sourceUrl().equals(sourceUrl)
                    || !run.destinationUrl().equals(destinationUrl)) {
                throw new IllegalArgumentException("run " + runId + " was started for " + run.product() + " "
                        + run.sourceUrl() + " -> " + run.destinationUrl() + ", not " + product + " " + sourceUrl
                        + " -> " + destinationUrl + "; give the new run another id");
            }
            ensuredTables(runId);
            return known;
        }
        try (var connection = dataSource.getConnection();
                var insert = connection.prepareStatement("insert into idmap_stage_run"
                        + " (run_id, product, source_url, destination_url, started_at) values (?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(true);
            insert.setString(1, runId);
            insert.setString(2, product);
            insert.setString(3, sourceUrl);
            insert.setString(4, destinationUrl);
            insert.setTimestamp(5, Timestamp.from(clock.instant()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new StagingFailure("cannot register run " + runId, e);
        }
        ensuredTables(runId);
        return java.util.Optional.empty();
    }

    /**
     * The run's tables, after creating its own tables (PostgreSQL) if they are not there yet: once per run and
     * store, at the run's registration or at the first part staged or refused. A run that had checkpoints but no
     * tables of its own was staged by an earlier version into the shared tables: its checkpoints are forgotten with
     * the tables' creation, so that it is crawled again into its own. A run without a decision table of its own may
     * have decisions in the shared table of an earlier version: they are removed (decisions are made again by every
     * run, resumed or not).
     */
    private StagedTables ensuredTables(String runId) {
        var tables = tables(runId);
        if (!tables.ownTables() || ownTablesEnsured.contains(runId)) {
            return tables;
        }
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            boolean staged = exists(connection, tables.entity());
            boolean decided = exists(connection, tables.decision());
            try (var statement = connection.createStatement()) {
                for (var ddl : StagingSchema.ownTables(tables)) {
                    statement.execute(ddl);
                }
            }
            if (!staged) {
                for (var table : List.of(StagingSchema.PART, StagingSchema.PART_START)) {
                    try (var forget = connection.prepareStatement("delete from " + table + " where run_id = ?")) {
                        forget.setString(1, runId);
                        forget.executeUpdate();
                    }
                }
            }
            if (!decided) {
                forgetSharedDecisions(connection, runId);
            }
            connection.commit();
        } catch (SQLException e) {
            throw new StagingFailure("cannot create the staging tables of run " + runId, e);
        }
        ownTablesEnsured.add(runId);
        return tables;
    }

    /** Removes a run's decisions from the shared table of an earlier version, where a PostgreSQL database has it. */
    private static void forgetSharedDecisions(Connection connection, String runId) throws SQLException {
        if (exists(connection, StagingSchema.DECISION)) {
            try (var forget =
                    connection.prepareStatement("delete from " + StagingSchema.DECISION + " where run_id = ?")) {
                forget.setString(1, runId);
                forget.executeUpdate();
            }
        }
    }

    /**
     * Ends a run's crawl: on PostgreSQL its own tables get their indexes, built once from the loaded rows (an entity
     * listed twice, such as a sprint under two boards, is then staged once, see {@link #removeDuplicates}); then the
     * planner statistics are refreshed: freshly filled tables have none, and PostgreSQL would plan the matching joins
     * as if they were empty (nested scans instead of index probes). Safe to call again (a resumed run whose crawl
     * was over).
     */
    public void finishCrawl(String runId) {
        var tables = ensuredTables(runId);
        if (tables.ownTables()) {
            buildIndexes(runId, tables);
            execute(StagingSchema.dropOwnDecisionReportIndex(tables), runId);
        }
        analyze(List.of(tables.entity(), tables.key(), tables.decision()));
    }

    /**
     * Ends a run's matching: on PostgreSQL its own decisions get the report's order as an index, built once from the
     * decided rows, which the report and the service's lookups then read in order; then their statistics are
     * refreshed. Safe to call again.
     */
    public void finishMatch(String runId) {
        var tables = ensuredTables(runId);
        if (tables.ownTables()) {
            execute(StagingSchema.ownDecisionReportIndex(tables), runId);
        }
        analyze(List.of(tables.decision()));
    }

    /**
     * Builds the three indexes in one transaction: all or none, and the larger sort memory ({@code set local}) ends
     * with it, so that a pooled connection goes back as it came. A duplicate fails the unique build and rolls the
     * transaction back; the duplicates are then removed and the builds start again.
     */
    private void buildIndexes(String runId, StagedTables tables) {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                buildIndexes(statement, tables);
            } catch (SQLException duplicate) {
                if (!UNIQUE_VIOLATION.equals(duplicate.getSQLState())) {
                    throw duplicate;
                }
                connection.rollback();
                removeDuplicates(statement, tables);
                buildIndexes(statement, tables);
            }
            connection.commit();
        } catch (SQLException e) {
            throw new StagingFailure("cannot index the staged entities of run " + runId, e);
        }
    }

    private static void buildIndexes(Statement statement, StagedTables tables) throws SQLException {
        // the rows are sorted once for each index; more sort memory keeps most of that off the disk
        statement.execute("set local maintenance_work_mem = '128MB'");
        statement.execute(StagingSchema.ownEntityIndex(tables));
        for (var ddl : StagingSchema.ownKeyIndexes(tables)) {
            statement.execute(ddl);
        }
    }

    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * Keeps one row of an entity staged more than once, the one at the lowest row position (the first one staged,
     * unless a part started again reused the space of its earlier rows), and one of each of its distinct keys. The
     * listings that repeat an entity repeat the same one; an entity that changed between two listings keeps the keys
     * of both, and its candidates under either are weighed as usual (ambiguous when they differ, never a guess).
     */
    private static void removeDuplicates(Statement statement, StagedTables tables) throws SQLException {
        statement.execute("""
                delete from %1$s a using %1$s b
                where a.side = b.side and a.entity_type = b.entity_type and a.id = b.id and a.ctid > b.ctid""".formatted(tables.entity()));
        statement.execute("""
                delete from %1$s a using %1$s b
                where a.side = b.side and a.entity_type = b.entity_type and a.id = b.id
                  and a.match_key = b.match_key and a.anchor = b.anchor and a.priority = b.priority
                  and a.ctid > b.ctid""".formatted(tables.key()));
    }

    /** The registered runs whose staged data is kept, most recently started first. */
    public List<StagedRun> stagedRuns() {
        return queryRuns("", null);
    }

    private java.util.Optional<StagedRun> stagedRun(String runId) {
        return queryRuns(" where r.run_id = ?", runId).stream().findFirst();
    }

    private List<StagedRun> queryRuns(String condition, String runId) {
        var sql = "select r.run_id, r.product, r.source_url, r.destination_url, r.started_at,"
                + " (select count(*) from idmap_stage_part p where p.run_id = r.run_id)"
                + " from idmap_stage_run r" + condition + " order by r.started_at desc, r.run_id";
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(sql)) {
            if (runId != null) {
                statement.setString(1, runId);
            }
            var runs = new ArrayList<StagedRun>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    runs.add(new StagedRun(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getTimestamp(5).toInstant(),
                            rows.getLong(6)));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new StagingFailure("cannot read the staged runs", e);
        }
    }

    /**
     * Removes everything staged for a run: entities, checkpoints, decisions and its registration. A run's own tables
     * go first, so that a discard cut short leaves the run registered, and discarded again later.
     */
    public void discard(String runId) {
        var tables = tables(runId);
        if (tables.ownTables()) {
            try (var connection = dataSource.getConnection();
                    var statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                statement.execute("drop table if exists " + tables.key());
                statement.execute("drop table if exists " + tables.entity());
                statement.execute("drop table if exists " + tables.decision());
                forgetSharedDecisions(connection, runId);
            } catch (SQLException e) {
                throw new StagingFailure("cannot drop the staging tables of run " + runId, e);
            }
            ownTablesEnsured.remove(runId);
        } else {
            update("delete from " + tables.key() + " where run_id = ?", runId);
            update("delete from " + tables.entity() + " where run_id = ?", runId);
            update("delete from " + tables.decision() + " where run_id = ?", runId);
        }
        for (var table : List.of(
                StagingSchema.USER_MIGRATION,
                StagingSchema.DETAIL,
                StagingSchema.PART_START,
                StagingSchema.PART,
                StagingSchema.RUN)) {
            update("delete from " + table + " where run_id = ?", runId);
        }
    }

    /** How many entities (of both sides) a run has staged: none once it is discarded. */
    public long stagedEntities(String runId) {
        var tables = tables(runId);
        try (var connection = dataSource.getConnection()) {
            if (tables.ownTables() && !exists(connection, tables.entity())) {
                return 0;
            }
            try (var count =
                    connection.prepareStatement("select count(*) from " + tables.entity() + " where run_id = ?")) {
                count.setString(1, runId);
                try (var result = count.executeQuery()) {
                    result.next();
                    return result.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new StagingFailure("cannot count the staged entities of run " + runId, e);
        }
    }

    /** Whether a table of that name is visible on the connection's search path (PostgreSQL). */
    private static boolean exists(Connection connection, String table) throws SQLException {
        try (var exists = connection.prepareStatement("select to_regclass(?) is not null")) {
            exists.setString(1, table);
            try (var result = exists.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    /** The runs that have anything staged (a registration, checkpoints or entities). */
    public Set<String> stagedRunIds() {
        var runs = new TreeSet<String>();
        var tables = isPostgres()
                ? List.of(StagingSchema.RUN, StagingSchema.PART)
                : List.of(StagingSchema.RUN, StagingSchema.PART, StagingSchema.ENTITY);
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            for (var table : tables) {
                try (var result = statement.executeQuery("select distinct run_id from " + table)) {
                    while (result.next()) {
                        runs.add(result.getString(1));
                    }
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new StagingFailure("cannot list the staged runs", e);
        }
    }

    /** Runs a statement without parameters (DDL) on its own connection, committed at once. */
    private void execute(String sql, String runId) {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute(sql);
        } catch (SQLException e) {
            throw new StagingFailure("cannot update staging for run " + runId, e);
        }
    }

    private void update(String sql, String runId) {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(sql)) {
            statement.setString(1, runId);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StagingFailure("cannot update staging for run " + runId, e);
        }
    }

    static String sideCode(Side side) {
        return side == Side.SOURCE ? "S" : "D";
    }

    private static final String ENTITY_COLUMNS = "run_id, side, entity_type, id, scope, parent_id, parent_type,"
            + " name, ref1, ref2, ref3, tie_ref, tie_key, use1, use2, use3, use4";
    private static final String KEY_COLUMNS = "run_id, side, entity_type, id, scope, match_key, anchor, priority";

    /** A staged entity waiting for its batch, with the values of its carrier's usage attributes. */
    private record Pending(StagedEntity staged, List<String> uses) {}

    /** Streams one part's entities into the staging tables in batches. */
    public final class PartWriter implements EntitySink, AutoCloseable {

        private final Connection connection;
        private final String runId;
        private final Side side;
        private final CrawlScope scope;
        /** {@link CrawlScope#name()}, built once: it is written with every row. */
        private final String scopeName;
        /** The run id and the scope as COPY text, escaped once for every row that carries them. */
        private final PostgresCopy.Escaped copyRunId;

        private final PostgresCopy.Escaped copyScope;

        private final StagedTables tables;

        private final LongConsumer progress;
        private final PreparedStatement insertEntity;
        private final PreparedStatement insertNewEntity;
        private final PreparedStatement insertKey;
        /** COPY on PostgreSQL, else null (batched inserts). */
        private final PostgresCopy copy;

        private final PostgresCopy.Rows entityRows = new PostgresCopy.Rows();
        private final PostgresCopy.Rows keyRows = new PostgresCopy.Rows();
        /** Rows not yet written, per type in the scope's order: a scope may deliver several types. */
        private final Map<EntityType, List<Pending>> pendingByType = new LinkedHashMap<>();

        private int pendingRows;
        private long count;
        private boolean closed;

        private PartWriter(Connection connection, String runId, Side side, CrawlScope scope, LongConsumer progress)
                throws SQLException {
            this.connection = connection;
            this.runId = runId;
            this.side = side;
            this.scope = scope;
            this.scopeName = scope.name();
            this.copyRunId = PostgresCopy.escaped(runId);
            this.copyScope = PostgresCopy.escaped(scopeName);
            this.tables = tables(runId);
            this.progress = progress;
            scope.types().forEach(type -> pendingByType.put(type, new ArrayList<>()));
            this.copy = PostgresCopy.of(connection).orElse(null);
            this.insertEntity = connection.prepareStatement("insert into " + tables.entity() + " (" + ENTITY_COLUMNS
                    + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            // a crawler may list an entity twice (a sprint under two boards): the first one staged wins
            this.insertNewEntity = connection.prepareStatement("""
                    insert into %1$s (run_id, side, entity_type, id, scope, parent_id, parent_type,
                      name, ref1, ref2, ref3, tie_ref, tie_key, use1, use2, use3, use4)
                    select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                    where not exists (select 1 from %1$s
                      where run_id = ? and side = ? and entity_type = ? and id = ?)""".formatted(tables.entity()));
            this.insertKey = connection.prepareStatement("""
                    insert into %s (run_id, side, entity_type, id, scope, match_key, anchor, priority)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""".formatted(tables.key()));
        }

        @Override
        public synchronized void accept(SiteEntity entity) {
            var pending = pendingByType.get(entity.type());
            if (pending == null) {
                throw new IllegalArgumentException("crawler of " + scope.name() + " delivered a " + entity.type());
            }
            var uses = rules.usageAttributes(entity.type()).stream()
                    .map(entity::attribute)
                    .toList();
            pending.add(new Pending(rules.ruleFor(entity.type()).stage(entity, side), uses));
            pendingRows++;
            count++;
            if (pendingRows >= BATCH) {
                try {
                    // one transaction per batch: measured against ten batches per transaction, H2 crawled slower
                    // with the larger transactions (benchmarks/CHANGES.md)
                    flush();
                    connection.commit();
                    progress.accept(count);
                } catch (SQLException e) {
                    throw new StagingFailure("cannot stage part " + scope.name(), e);
                }
            }
        }

        /**
         * Writes the pending rows. The fast path is a plain batched insert; only a batch that meets an entity staged
         * before (a duplicate in the crawl) is rolled back and written again row by row with a "where not exists".
         */
        private void flush() throws SQLException {
            if (pendingRows == 0) {
                return;
            }
            try {
                if (copy != null) {
                    PostgresCopy.commitWithoutWaiting(connection);
                    copyEachType();
                } else {
                    writeEachType(insertEntity, false);
                }
            } catch (SQLException duplicate) {
                connection.rollback();
                insertEntity.clearBatch();
                insertKey.clearBatch();
                writeEachType(insertNewEntity, true);
            }
            pendingByType.values().forEach(List::clear);
            pendingRows = 0;
        }

        /** The fast path on PostgreSQL: the batch's entities in one COPY, then their keys in another. */
        private void copyEachType() throws SQLException {
            var sideCode = sideCode(side);
            entityRows.clear();
            keyRows.clear();
            for (var typeRows : pendingByType.entrySet()) {
                var type = typeRows.getKey().name();
                for (var row : typeRows.getValue()) {
                    var staged = row.staged();
                    entityRows
                            .field(copyRunId)
                            .field(sideCode)
                            .field(type)
                            .field(staged.id())
                            .field(copyScope)
                            .field(staged.parentId())
                            .field(
                                    staged.parentType() == null
                                            ? null
                                            : staged.parentType().name())
                            .field(staged.name());
                    for (int r = 0; r < 3; r++) {
                        entityRows.field(staged.reference(r));
                    }
                    entityRows.field(staged.tieReference()).field(staged.tieKey());
                    for (int u = 0; u < MatchRules.MAX_USAGE_ATTRIBUTES; u++) {
                        entityRows.field(u < row.uses().size() ? row.uses().get(u) : null);
                    }
                    entityRows.end();
                    for (var key : staged.keys()) {
                        keyRows.field(copyRunId)
                                .field(sideCode)
                                .field(type)
                                .field(staged.id())
                                .field(copyScope)
                                .field(key.key())
                                .field(staged.anchor())
                                .field(key.priority())
                                .end();
                    }
                }
            }
            copy.copy(tables.entity(), ENTITY_COLUMNS, entityRows);
            copy.copy(tables.key(), KEY_COLUMNS, keyRows);
        }

        private void writeEachType(PreparedStatement statement, boolean deduplicate) throws SQLException {
            for (var typeRows : pendingByType.entrySet()) {
                if (!typeRows.getValue().isEmpty()) {
                    write(statement, typeRows.getKey(), typeRows.getValue(), deduplicate);
                }
            }
        }

        private void write(
                PreparedStatement statement, EntityType entityType, List<Pending> pending, boolean deduplicate)
                throws SQLException {
            var sideCode = sideCode(side);
            var type = entityType.name();
            for (var row : pending) {
                var staged = row.staged();
                int i = 1;
                statement.setString(i++, runId);
                statement.setString(i++, sideCode);
                statement.setString(i++, type);
                statement.setString(i++, staged.id());
                statement.setString(i++, scopeName);
                setNullable(statement, i++, staged.parentId());
                setNullable(
                        statement,
                        i++,
                        staged.parentType() == null ? null : staged.parentType().name());
                setNullable(statement, i++, staged.name());
                for (int r = 0; r < 3; r++) {
                    setNullable(statement, i++, staged.reference(r));
                }
                setNullable(statement, i++, staged.tieReference());
                statement.setString(i++, staged.tieKey());
                for (int u = 0; u < MatchRules.MAX_USAGE_ATTRIBUTES; u++) {
                    setNullable(
                            statement, i++, u < row.uses().size() ? row.uses().get(u) : null);
                }
                if (deduplicate) {
                    statement.setString(i++, runId);
                    statement.setString(i++, sideCode);
                    statement.setString(i++, type);
                    statement.setString(i, staged.id());
                }
                statement.addBatch();
            }
            var inserted = statement.executeBatch();
            for (int e = 0; e < pending.size(); e++) {
                if (deduplicate && inserted[e] == 0) {
                    continue; // a duplicate: its keys are already staged
                }
                var staged = pending.get(e).staged();
                for (var key : staged.keys()) {
                    int k = 1;
                    insertKey.setString(k++, runId);
                    insertKey.setString(k++, sideCode);
                    insertKey.setString(k++, type);
                    insertKey.setString(k++, staged.id());
                    insertKey.setString(k++, scopeName);
                    insertKey.setString(k++, key.key());
                    insertKey.setString(k++, staged.anchor());
                    insertKey.setInt(k, key.priority());
                    insertKey.addBatch();
                }
            }
            insertKey.executeBatch();
        }

        /** Flushes the last batch and records the checkpoint in the same transaction. */
        public synchronized long finish() {
            try {
                flush();
                insertPart(connection, runId, side, scope.name(), count);
                connection.commit();
                progress.accept(count);
                return count;
            } catch (SQLException e) {
                throw new StagingFailure("cannot finish part " + runId + "/" + side + "/" + scope.name(), e);
            } finally {
                close();
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                try {
                    connection.rollback();
                } finally {
                    insertEntity.close();
                    insertNewEntity.close();
                    insertKey.close();
                }
            } catch (SQLException e) {
                throw new StagingFailure("cannot close part " + scope.name(), e);
            }
        }

        private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
            if (value == null) {
                statement.setNull(index, Types.VARCHAR);
            } else {
                statement.setString(index, value);
            }
        }
    }
}
