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
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A crawler may list an entity twice (a sprint under two boards): on H2 the batch that meets the duplicate is rewritten
 * and the batches before it stay; on PostgreSQL the duplicate is removed when the run's tables are indexed at the end
 * of the crawl.
 */
class DuplicateInPartTest {

    private static final CrawlScope ISSUES = CrawlScope.of(ISSUE, "ABC");

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("H2", TestDatabases.h2("duplicate-in-part")),
                Arguments.of("PostgreSQL", TestDatabases.postgres("duplicate_in_part")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void an_entity_listed_again_in_a_later_batch_is_staged_once_and_the_earlier_batches_stay(
            String name, DataSource database) throws SQLException {
        // given a part whose third batch lists again an issue of its first batch
        StagingSchema.ensure(database);
        var store = new StagingStore(
                database, MatchRules.standard(), InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));
        int issues = StagingStore.BATCH * 3;

        // when
        long delivered;
        try (var session = store.openSession();
                var writer = store.startPart(session, "dup", Side.SOURCE, ISSUES, n -> {})) {
            for (int i = 1; i <= issues; i++) {
                writer.accept(issue(i));
                if (i == StagingStore.BATCH * 2 + 10) {
                    writer.accept(issue(7)); // listed again
                }
            }
            delivered = writer.finish();
        }
        store.finishCrawl("dup");

        // then, once the crawl is over, every issue is staged once, with its keys
        var tables = store.tables("dup");
        assertThat(delivered).isEqualTo(issues + 1);
        assertThat(count(database, "select count(*) from " + tables.entity() + " where run_id = 'dup'"))
                .isEqualTo(issues);
        assertThat(count(database, "select count(distinct id) from " + tables.key() + " where run_id = 'dup'"))
                .isEqualTo(issues);
        assertThat(count(database, "select count(*) from " + tables.key() + " where run_id = 'dup' and id = '30007'"))
                .isEqualTo(count(
                        database, "select count(*) from " + tables.key() + " where run_id = 'dup' and id = '30008'"));
        assertThat(store.finishedParts("dup")).containsExactly("SOURCE/jira:issue@ABC");
    }

    private static dev.idmap.core.crawl.SiteEntity issue(int i) {
        return entity(ISSUE, String.valueOf(30000 + i), "10000", "ABC-" + i, "project", "ABC");
    }

    private static long count(DataSource database, String sql) throws SQLException {
        try (var connection = database.getConnection();
                var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
