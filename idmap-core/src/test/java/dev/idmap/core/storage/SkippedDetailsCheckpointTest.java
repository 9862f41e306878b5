package dev.idmap.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.CrawlScope;
import dev.idmap.core.crawl.SkippedDetail;
import dev.idmap.core.crawl.SkippedDetails;
import dev.idmap.core.match.MatchRules;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import dev.idmap.core.testing.TestDatabases;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The details a part skipped are kept with its checkpoint, and go with its rows when it is redone or refused. */
class SkippedDetailsCheckpointTest {

    private static final CrawlScope PROJECTS = CrawlScope.wholeSite(EntityType.PROJECT);

    static Stream<DataSource> databases() {
        return Stream.of(TestDatabases.h2("skipped-details"), TestDatabases.postgres("skipped_details"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_finished_parts_details_read_back_as_they_were_checkpointed(DataSource database) throws Exception {
        // given
        var store = store(database);
        var groups = rolesGone("project ABC", "project DEF", "project GHI");
        // when
        finish(store, "kept", groups);
        // then
        assertThat(store.skippedDetails("kept")).isEqualTo(groups);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_part_started_again_or_refused_forgets_what_an_earlier_attempt_recorded(DataSource database)
            throws Exception {
        // given details recorded by an attempt that never finished its part
        var store = store(database);
        try (var session = store.openSession();
                var writer = store.startPart(session, "redone", Side.SOURCE, PROJECTS, n -> {})) {
            store.saveSkippedDetails("redone", Side.SOURCE, PROJECTS.name(), rolesGone("project ABC"));
            writer.close(); // broken before its checkpoint
        }
        // when the part is started again and finishes without skipping anything
        finish(store, "redone", List.of());
        // then
        assertThat(store.skippedDetails("redone")).isEmpty();

        // given the same for a part that is refused when redone
        try (var session = store.openSession();
                var writer = store.startPart(session, "refused", Side.SOURCE, PROJECTS, n -> {})) {
            store.saveSkippedDetails("refused", Side.SOURCE, PROJECTS.name(), rolesGone("project ABC"));
            writer.close();
        }
        // when
        store.markRefused("refused", Side.SOURCE, PROJECTS.name(), "GET /rest/api/2/project", "HTTP 404");
        // then
        assertThat(store.skippedDetails("refused")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_discarded_run_keeps_no_details(DataSource database) throws Exception {
        var store = store(database);
        finish(store, "discarded", rolesGone("project ABC"));
        store.discard("discarded");
        assertThat(store.skippedDetails("discarded")).isEmpty();
    }

    private static StagingStore store(DataSource database) {
        StagingSchema.ensure(database);
        return new StagingStore(
                database, MatchRules.standard(), InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));
    }

    private static void finish(StagingStore store, String runId, List<SkippedDetails.Group> groups) throws Exception {
        try (var session = store.openSession();
                var writer = store.startPart(session, runId, Side.SOURCE, PROJECTS, n -> {})) {
            if (!groups.isEmpty()) {
                store.saveSkippedDetails(runId, Side.SOURCE, PROJECTS.name(), groups);
            }
            writer.finish();
        }
    }

    private static List<SkippedDetails.Group> rolesGone(String... projects) {
        var details = new SkippedDetails();
        for (var project : projects) {
            var key = project.substring("project ".length());
            details.add(
                    Side.SOURCE,
                    new SkippedDetail(
                            EntityType.PROJECT_ROLE,
                            project,
                            new CrawlFailure.Exchange(
                                    "GET /rest/api/2/project/{projectIdOrKey}/role",
                                    "GET /rest/api/2/project/" + key + "/role",
                                    404,
                                    "No project could be found with key '" + key + "'."),
                            "the roles in use in these projects are unknown"));
        }
        return details.groups();
    }
}
