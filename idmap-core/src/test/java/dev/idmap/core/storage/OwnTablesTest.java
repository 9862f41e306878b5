package dev.idmap.core.storage;

import static dev.idmap.core.model.EntityType.ISSUE;
import static dev.idmap.core.testing.Sites.entity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.crawl.CrawlScope;
import dev.idmap.core.match.MatchRules;
import dev.idmap.core.model.Side;
import dev.idmap.core.testing.TestDatabases;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a run's entities, keys and decisions are in tables of its own: the entities and keys unindexed while
 * it is crawled and indexed when its crawl is over, the decisions keyed while it is matched and in report order when
 * its matching is over; all dropped whole when it is discarded, and never shared with another run.
 */
class OwnTablesTest {

    private static final DataSource DATABASE = TestDatabases.postgres("own_tables");
    private static final StagingStore STORE = new StagingStore(
            DATABASE, MatchRules.standard(), InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));
    private static final CrawlScope ISSUES = CrawlScope.of(ISSUE, "ABC");

    @BeforeAll
    static void schema() {
        StagingSchema.ensure(DATABASE);
    }

    @Test
    void the_shared_entity_key_and_decision_tables_are_not_created_on_postgresql() throws SQLException {
        assertThat(tablesLike("idmap\\_stage\\_entity")).isEmpty();
        assertThat(tablesLike("idmap\\_stage\\_key")).isEmpty();
        assertThat(tablesLike("idmap\\_stage\\_decision")).isEmpty();
    }

    @Test
    void any_run_id_makes_three_tables_of_legal_names_that_no_other_run_shares() {
        var long1 = "a".repeat(199) + "1";
        var long2 = "a".repeat(199) + "2";
        var quoted = StagedTables.of("it's \"quoted\"; drop table x", true);

        assertThat(StagedTables.of(long1, true)).isNotEqualTo(StagedTables.of(long2, true));
        assertThat(quoted.entity()).matches("idmap_stage_entity_[0-9a-f]{20}");
        assertThat(quoted.key()).matches("idmap_stage_key_[0-9a-f]{20}");
        assertThat(quoted.decision()).matches("idmap_stage_decision_[0-9a-f]{20}");
        assertThat(StagedTables.of("any", false)).isEqualTo(StagedTables.SHARED);
    }

    @Test
    void a_run_is_indexed_when_its_crawl_is_over_and_its_tables_are_dropped_when_it_is_discarded() throws SQLException {
        // given two runs, each with three issues
        stage("first", 3);
        stage("second", 3);
        var first = STORE.tables("first");
        assertThat(indexesOf(first.entity())).isEmpty();
        assertThat(indexesOf(first.key())).isEmpty();

        // when the first run's crawl is over
        STORE.finishCrawl("first");

        // then its tables are indexed, the second run's not yet; its decisions have their key alone
        assertThat(indexesOf(first.entity())).containsExactly(first.entity() + "_id");
        assertThat(indexesOf(first.key())).containsExactlyInAnyOrder(first.key() + "_entity", first.key() + "_lookup");
        assertThat(indexesOf(first.decision())).containsExactly(first.decision() + "_pkey");
        assertThat(indexesOf(STORE.tables("second").entity())).isEmpty();
        // and ending the crawl again (a resumed run) changes nothing
        STORE.finishCrawl("first");
        assertThat(STORE.stagedEntities("first")).isEqualTo(3);

        // when its matching is over, its decisions are in report order
        STORE.finishMatch("first");
        assertThat(indexesOf(first.decision()))
                .containsExactlyInAnyOrder(first.decision() + "_pkey", first.decision() + "_report");
        // and a resumed run, matched again, writes its decisions without the report's order until it is over
        STORE.finishCrawl("first");
        assertThat(indexesOf(first.decision())).containsExactly(first.decision() + "_pkey");

        // when the first run is discarded
        STORE.discard("first");

        // then its tables are gone, and the second run keeps its rows
        assertThat(tablesLike(first.entity())).isEmpty();
        assertThat(tablesLike(first.key())).isEmpty();
        assertThat(tablesLike(first.decision())).isEmpty();
        assertThat(STORE.stagedEntities("first")).isZero();
        assertThat(STORE.stagedEntities("second")).isEqualTo(3);
        assertThat(STORE.stagedRunIds()).contains("second").doesNotContain("first");
    }

    @Test
    void a_run_registered_without_a_checkpoint_is_staged_until_discarded() {
        STORE.registerRun("registered", "JIRA", "http://dc.example", "http://cloud.example");
        assertThat(STORE.stagedRunIds()).contains("registered");

        STORE.discard("registered");

        assertThat(STORE.stagedRunIds()).doesNotContain("registered");
    }

    @Test
    void a_run_checkpointed_by_an_earlier_version_without_tables_of_its_own_is_crawled_again() throws SQLException {
        // given a run whose part an earlier version staged into the shared tables and checkpointed
        try (var connection = DATABASE.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("insert into idmap_stage_run values ('earlier', 'JIRA', 'http://dc.example',"
                    + " 'http://cloud.example', timestamp '2026-01-01 00:00:00')");
            statement.execute("insert into idmap_stage_part (run_id, side, scope, entities, finished_at)"
                    + " values ('earlier', 'SOURCE', 'jira:issue@ABC', 3, timestamp '2026-01-01 00:00:00')");
        }
        assertThat(STORE.finishedParts("earlier")).containsExactly("SOURCE/jira:issue@ABC");

        // when it is resumed
        STORE.registerRun("earlier", "JIRA", "http://dc.example", "http://cloud.example");

        // then it has tables of its own and no checkpoint that would skip its part
        assertThat(tablesLike(STORE.tables("earlier").entity())).hasSize(1);
        assertThat(STORE.finishedParts("earlier")).isEmpty();
    }

    @Test
    void decisions_an_earlier_version_left_in_the_shared_table_are_removed_when_the_run_gets_its_own()
            throws SQLException {
        // given the shared decision table of an earlier version, holding decisions of two runs
        try (var connection = DATABASE.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("create table idmap_stage_decision (run_id varchar(200), source_id varchar(512))");
            statement.execute("insert into idmap_stage_decision values ('resumed', '1'), ('other', '2')");
        }
        try {
            // when one of them is resumed
            STORE.registerRun("resumed", "JIRA", "http://dc.example", "http://cloud.example");

            // then its decisions are in its own table only, and the other run's are left alone
            assertThat(tablesLike(STORE.tables("resumed").decision())).hasSize(1);
            assertThat(names("select run_id from idmap_stage_decision where run_id like ?", "%"))
                    .containsExactly("other");
        } finally {
            try (var connection = DATABASE.getConnection();
                    var statement = connection.createStatement()) {
                statement.execute("drop table idmap_stage_decision");
            }
        }
    }

    private static void stage(String runId, int issues) {
        STORE.registerRun(runId, "JIRA", "http://dc.example", "http://cloud.example");
        try (var session = STORE.openSession();
                var writer = STORE.startPart(session, runId, Side.SOURCE, ISSUES, n -> {})) {
            for (int i = 1; i <= issues; i++) {
                writer.accept(entity(ISSUE, String.valueOf(30000 + i), "10000", "ABC-" + i, "project", "ABC"));
            }
            writer.finish();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> indexesOf(String table) throws SQLException {
        return names("select indexname from pg_indexes where schemaname = current_schema() and tablename = ?", table);
    }

    private static List<String> tablesLike(String pattern) throws SQLException {
        return names(
                "select tablename from pg_tables where schemaname = current_schema() and tablename like ?", pattern);
    }

    private static List<String> names(String sql, String parameter) throws SQLException {
        try (var connection = DATABASE.getConnection();
                var statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            var names = new ArrayList<String>();
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    names.add(result.getString(1));
                }
            }
            return names;
        }
    }
}
