package dev.idmap.core.storage;

import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The engine's own tables, created with idempotent DDL ({@code create … if not exists}) that runs unchanged on H2
 * (PostgreSQL mode) and PostgreSQL. All names start with {@code idmap_stage_}, so the tables share a database with
 * the service's Flyway-managed schema without touching its history table; every row carries its run id. The bulk of
 * a run (entities, keys and decisions) is in tables of the run's own on PostgreSQL ({@link StagedTables}); the shared
 * entity, key and decision tables exist on H2 only (PostgreSQL databases of earlier versions may still hold them:
 * unused, and a discarded run's rows are removed from them).
 *
 * <p>Why not Flyway here: the engine is a library handed a {@code DataSource}; a second Flyway history in the same
 * schema would need coordination with the service's migrations for no gain while the staging tables are disposable
 * working data. Compatible growth is an idempotent {@code add column if not exists} of a nullable column; an
 * incompatible change gets new table names (a {@code _v2} suffix), never an in-place rewrite.
 */
public final class StagingSchema {

    static final String RUN = "idmap_stage_run";
    static final String PART = "idmap_stage_part";
    static final String PART_START = "idmap_stage_part_start";
    static final String ENTITY = "idmap_stage_entity";
    static final String KEY = "idmap_stage_key";
    static final String USER_MIGRATION = "idmap_stage_user_migration";
    static final String DECISION = "idmap_stage_decision";
    static final String DETAIL = "idmap_stage_detail";

    private static final List<String> DDL = List.of(
            """
            create table if not exists idmap_stage_run (
              run_id varchar(200) not null primary key,
              product varchar(20) not null,
              source_url varchar(1000) not null,
              destination_url varchar(1000) not null,
              started_at timestamp with time zone not null)""",
            """
            create table if not exists idmap_stage_part (
              run_id varchar(200) not null,
              side varchar(16) not null,
              scope varchar(600) not null,
              entities bigint not null,
              finished_at timestamp with time zone not null,
              primary key (run_id, side, scope))""",
            // a part whose listing the site does not offer: finished, with the request and the answer
            "alter table idmap_stage_part add column if not exists refused_request varchar(4000)",
            "alter table idmap_stage_part add column if not exists refused_answer varchar(4000)",
            """
            create table if not exists idmap_stage_part_start (
              run_id varchar(200) not null,
              side varchar(16) not null,
              scope varchar(600) not null,
              primary key (run_id, side, scope))""",
            """
            create table if not exists idmap_stage_user_migration (
              run_id varchar(200) not null,
              by_key boolean not null,
              server_user varchar(512) not null,
              account_id varchar(512) not null,
              primary key (run_id, by_key, server_user))""",
            // the details a part's crawl went on without, one row per kind (SkippedDetails.Group), recorded just
            // before the part's checkpoint and removed with its entities when it is started again, so that a resumed
            // run reports them; examples are the first few items, one per line
            """
            create table if not exists idmap_stage_detail (
              run_id varchar(200) not null,
              side varchar(1) not null,
              scope varchar(600) not null,
              entity_type varchar(40) not null,
              endpoint varchar(1000) not null,
              status int not null,
              request varchar(4000) not null,
              answer varchar(4000) not null,
              consequence varchar(4000) not null,
              items bigint not null,
              examples varchar(4000) not null,
              primary key (run_id, side, scope, entity_type, endpoint, status))""");

    /** The columns of a staged entity, in the shared table and in a run's own. */
    private static final String ENTITY_COLUMNS = """
              run_id varchar(200) not null,
              side varchar(1) not null,
              entity_type varchar(40) not null,
              id varchar(512) not null,
              scope varchar(600) not null,
              parent_id varchar(512),
              parent_type varchar(40),
              name varchar(4000),
              ref1 varchar(512),
              ref2 varchar(512),
              ref3 varchar(512),
              tie_ref varchar(512),
              tie_key varchar(4000) not null,
              use1 varchar(512),
              use2 varchar(512),
              use3 varchar(512),
              use4 varchar(512)""";

    /** The columns of a decision, in the shared table and in a run's own. */
    private static final String DECISION_COLUMNS = """
              run_id varchar(200) not null,
              entity_type varchar(40) not null,
              source_id varchar(512) not null,
              type_rank int not null,
              sort_num bigint,
              sort_text varchar(4100) not null,
              status varchar(10) not null,
              cloud_id varchar(512),
              rule varchar(100),
              candidates varchar(4000),
              reason varchar(4000),
              server_key varchar(4000),
              cloud_key varchar(4000),
              container varchar(4000)""";

    /** The columns of a staged match key, in the shared table and in a run's own. */
    private static final String KEY_COLUMNS = """
              run_id varchar(200) not null,
              side varchar(1) not null,
              entity_type varchar(40) not null,
              id varchar(512) not null,
              scope varchar(600) not null,
              match_key varchar(4000) not null,
              anchor varchar(2100) not null,
              priority int not null""";

    /**
     * The entity, key and decision tables all runs share on H2 (on PostgreSQL each run has its own:
     * {@link StagedTables}).
     */
    private static final List<String> SHARED_BULK_DDL = List.of(
            "create table if not exists idmap_stage_decision (" + DECISION_COLUMNS
                    + ", primary key (run_id, entity_type, source_id))",
            "create index if not exists idmap_stage_decision_cloud"
                    + " on idmap_stage_decision (run_id, entity_type, status, cloud_id)",
            "create index if not exists idmap_stage_decision_report"
                    + " on idmap_stage_decision (run_id, type_rank, sort_num, sort_text)",
            "create table if not exists idmap_stage_entity (" + ENTITY_COLUMNS
                    + ", primary key (run_id, side, entity_type, id))",
            // a part's rows are wiped only when it is started again, which the part-start table says; the index on
            // scope cost every staged row a B-tree insert for that rare delete (dropped from earlier versions)
            "drop index if exists idmap_stage_entity_scope",
            // usage-evidence columns (an issue's status, type, priority…), added to tables of earlier versions
            "alter table idmap_stage_entity add column if not exists use1 varchar(512)",
            "alter table idmap_stage_entity add column if not exists use2 varchar(512)",
            "alter table idmap_stage_entity add column if not exists use3 varchar(512)",
            "alter table idmap_stage_entity add column if not exists use4 varchar(512)",
            "create table if not exists idmap_stage_key (" + KEY_COLUMNS + ")",
            "create index if not exists idmap_stage_key_lookup"
                    + " on idmap_stage_key (run_id, side, entity_type, match_key, anchor)",
            "create index if not exists idmap_stage_key_entity on idmap_stage_key (run_id, side, entity_type, id)",
            "drop index if exists idmap_stage_key_scope");

    private StagingSchema() {}

    /**
     * The statements creating a run's own tables on PostgreSQL ({@link StagedTables#ownTables()}): the columns of the
     * shared tables; the entities and keys without key or index, so that COPY only appends while the crawl runs; the
     * decisions with their primary key alone, which the matching of later types joins.
     */
    static List<String> ownTables(StagedTables tables) {
        return List.of(
                "create table if not exists " + tables.entity() + " (" + ENTITY_COLUMNS + ")",
                "create table if not exists " + tables.key() + " (" + KEY_COLUMNS + ")",
                ownDecisionTable(tables));
    }

    /** A run's own decision table, keyed by type and server id (its run id is the same in every row). */
    static String ownDecisionTable(StagedTables tables) {
        return "create table if not exists " + tables.decision() + " (" + DECISION_COLUMNS
                + ", primary key (entity_type, source_id))";
    }

    /**
     * The report's order over a run's own decisions, built once when matching is over; the shared table of H2 has it
     * from the start.
     */
    static String ownDecisionReportIndex(StagedTables tables) {
        return "create index if not exists %1$s_report on %1$s (type_rank, sort_num, sort_text)"
                .formatted(tables.decision());
    }

    /** Removes the report's index of a run about to be matched (again): the decisions are rewritten without it. */
    static String dropOwnDecisionReportIndex(StagedTables tables) {
        return "drop index if exists " + tables.decision() + "_report";
    }

    /** The unique index of a run's own entity table, whose build fails while a duplicate is staged. */
    static String ownEntityIndex(StagedTables tables) {
        return "create unique index if not exists %1$s_id on %1$s (side, entity_type, id)".formatted(tables.entity());
    }

    /** The indexes of a run's own key table: by key (the candidates' lookup) and by entity (its own keys). */
    static List<String> ownKeyIndexes(StagedTables tables) {
        return List.of(
                "create index if not exists %1$s_lookup on %1$s (side, entity_type, match_key, anchor)"
                        .formatted(tables.key()),
                "create index if not exists %1$s_entity on %1$s (side, entity_type, id)".formatted(tables.key()));
    }

    /**
     * Creates what is missing; safe to call on every run. Two processes creating the same table at once can make
     * PostgreSQL's {@code if not exists} fail with a duplicate-key error on its catalog; a retry then finds the
     * table.
     */
    public static void ensure(DataSource dataSource) {
        for (int attempt = 1; ; attempt++) {
            try (var connection = dataSource.getConnection();
                    var statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                for (var ddl : DDL) {
                    statement.execute(ddl);
                }
                if (!PostgresCopy.isPostgres(connection)) {
                    for (var ddl : SHARED_BULK_DDL) {
                        statement.execute(ddl);
                    }
                }
                return;
            } catch (SQLException e) {
                if (attempt >= 3) {
                    throw new StagingFailure("cannot create the staging tables", e);
                }
            }
        }
    }
}
