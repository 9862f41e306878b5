package dev.idmap.core.storage;

import static dev.idmap.core.model.EntityType.COMMENT;
import static dev.idmap.core.model.EntityType.ISSUE;
import static dev.idmap.core.model.EntityType.WORKLOG;
import static dev.idmap.core.testing.Sites.entity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idmap.core.crawl.CrawlScope;
import dev.idmap.core.match.MatchRules;
import dev.idmap.core.model.Side;
import dev.idmap.core.testing.TestDatabases;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A part that delivers several types (issues with their comments) is staged, checkpointed and redone as one. */
class JointPartTest {

    private static final DataSource DATABASE = TestDatabases.h2("joint-part");
    private static final StagingStore STORE = new StagingStore(
            DATABASE, MatchRules.standard(), InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));

    /** Issues with two comments each, interleaved as one walk of a project delivers them: more than one batch. */
    private static final CrawlScope ISSUES_WITH_COMMENTS = CrawlScope.of(List.of(ISSUE, COMMENT), "ABC", Set.of());

    @BeforeAll
    static void schema() {
        StagingSchema.ensure(DATABASE);
    }

    @Test
    void a_joint_scope_is_named_after_every_type_it_delivers_and_a_single_one_as_before() {
        assertThat(ISSUES_WITH_COMMENTS.name()).isEqualTo("jira:issue+jira:comment@ABC");
        assertThat(CrawlScope.of(ISSUE, "ABC").name()).isEqualTo("jira:issue@ABC");
        assertThat(CrawlScope.wholeSite(ISSUE).name()).isEqualTo("jira:issue");
    }

    @Test
    void every_type_of_a_joint_part_is_staged_under_its_own_type_and_checkpointed_once() throws Exception {
        // when
        long staged = stage("whole", 400, Long.MAX_VALUE);

        // then
        assertThat(staged).isEqualTo(1200);
        assertThat(stagedPerType("whole")).isEqualTo(Map.of("COMMENT", 800L, "ISSUE", 400L));
        assertThat(STORE.finishedParts("whole")).containsExactly("SOURCE/jira:issue+jira:comment@ABC");
    }

    @Test
    void an_interrupted_joint_part_leaves_no_checkpoint_and_is_redone_completely() throws Exception {
        // given a part broken after several batches of issues and comments were committed
        assertThatThrownBy(() -> stage("broken", 400, 1000)).hasMessageContaining("connection dropped");
        assertThat(stagedPerType("broken")).isNotEmpty();
        assertThat(STORE.finishedParts("broken")).isEmpty();

        // when it is started again
        stage("broken", 400, Long.MAX_VALUE);

        // then nothing is staged twice or left over
        assertThat(stagedPerType("broken")).isEqualTo(Map.of("COMMENT", 800L, "ISSUE", 400L));
        assertThat(STORE.finishedParts("broken")).hasSize(1);
    }

    @Test
    void a_part_refuses_a_type_its_scope_does_not_deliver() throws Exception {
        try (var session = STORE.openSession();
                var writer = STORE.startPart(session, "refused", Side.SOURCE, ISSUES_WITH_COMMENTS, n -> {})) {
            assertThatThrownBy(() -> writer.accept(entity(WORKLOG, "1", "30001", null, "author", "u1")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("jira:issue+jira:comment@ABC");
        }
    }

    /** Stages {@code issues} issues with two comments each; fails after {@code failAfter} entities. */
    private static long stage(String runId, int issues, long failAfter) throws SQLException {
        try (var session = STORE.openSession();
                var writer = STORE.startPart(session, runId, Side.SOURCE, ISSUES_WITH_COMMENTS, n -> {})) {
            long delivered = 0;
            for (int i = 1; i <= issues; i++) {
                var issueId = String.valueOf(30000 + i);
                writer.accept(entity(ISSUE, issueId, "10000", "ABC-" + i, "project", "ABC"));
                for (int c = 1; c <= 2; c++) {
                    writer.accept(entity(
                            COMMENT,
                            String.valueOf(i * 10 + c),
                            issueId,
                            null,
                            "author",
                            "u" + c,
                            "created",
                            "2026-01-01T00:00:0" + c + ".000Z"));
                }
                delivered += 3;
                if (delivered >= failAfter) {
                    throw new IllegalStateException("connection dropped");
                }
            }
            return writer.finish();
        }
    }

    private static Map<String, Long> stagedPerType(String runId) throws SQLException {
        var counts = new TreeMap<String, Long>();
        try (var connection = DATABASE.getConnection();
                var query = connection.prepareStatement("select entity_type, count(*) from "
                        + STORE.tables(runId).entity() + " where run_id = ? group by entity_type")) {
            query.setString(1, runId);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }
}
