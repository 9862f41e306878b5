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
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Staged text comes back exactly as the site sent it, whatever it holds: on PostgreSQL the rows travel in COPY's text
 * format, where tabs, line breaks and backslashes are escapes.
 */
class StagedTextTest {

    private static final CrawlScope ISSUES = CrawlScope.of(ISSUE, "ABC");

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("H2", TestDatabases.h2("staged-text")),
                Arguments.of("PostgreSQL", TestDatabases.postgres("staged_text")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void names_with_tabs_line_breaks_backslashes_and_the_null_marker_are_staged_unchanged(
            String name, DataSource database) throws SQLException {
        // given issues whose names hold every character COPY's text format escapes
        var names =
                List.of("tab\there", "line\nbreak", "carriage\rreturn", "back\\slash", "\\N", "plain ABC-1", "é ü ✓");

        // when
        var staged = stageAndReadBack(database, "text", names);

        // then
        assertThat(staged).containsExactlyElementsOf(names);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_batch_of_many_long_names_outside_the_basic_plane_is_staged_unchanged(String name, DataSource database)
            throws SQLException {
        // given a batch far larger than one piece of COPY text, of names of characters that are two chars each
        var names = new ArrayList<String>();
        for (int i = 0; i < 300; i++) {
            names.add("x".repeat(i % 3) + "\uD83D\uDE00\t✓".repeat(600 + i));
        }

        // when
        var staged = stageAndReadBack(database, "long", names);

        // then
        assertThat(staged).containsExactlyElementsOf(names);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_run_id_with_characters_copy_escapes_is_staged_unchanged_in_every_row(String name, DataSource database)
            throws SQLException {
        // given a run id holding a backslash and a tab (escaped once for all its rows)
        var names = List.of("first", "second", "third");

        // when
        var staged = stageAndReadBack(database, "run\\with\tescapes", names);

        // then every row is found under the run id as it was given
        assertThat(staged).containsExactlyElementsOf(names);
    }

    @Test
    void copy_text_is_sent_in_pieces_that_never_split_a_surrogate_pair() {
        var text = "ab\uD83D\uDE00cd";
        assertThat(PostgresCopy.pieceEnd(text, 0, 2)).isEqualTo(2);
        assertThat(PostgresCopy.pieceEnd(text, 0, 3)).as("before the pair").isEqualTo(2);
        assertThat(PostgresCopy.pieceEnd(text, 0, 4)).as("after the pair").isEqualTo(4);
        assertThat(PostgresCopy.pieceEnd(text, 4, 10)).as("the rest").isEqualTo(6);
    }

    /** Stages one issue per name in one part of run {@code runId}, and reads the names back in id order. */
    private static List<String> stageAndReadBack(DataSource database, String runId, List<String> names)
            throws SQLException {
        StagingSchema.ensure(database);
        var store = new StagingStore(
                database, MatchRules.standard(), InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));
        try (var session = store.openSession();
                var writer = store.startPart(session, runId, Side.SOURCE, ISSUES, n -> {})) {
            for (int i = 0; i < names.size(); i++) {
                writer.accept(entity(ISSUE, String.valueOf(30000 + i), "10000", names.get(i), "project", "ABC"));
            }
            writer.finish();
        }
        return stagedNames(database, store.tables(runId), runId);
    }

    private static List<String> stagedNames(DataSource database, StagedTables tables, String runId)
            throws SQLException {
        try (var connection = database.getConnection();
                var statement = connection.prepareStatement(
                        "select name from " + tables.entity() + " where run_id = ? order by id")) {
            statement.setString(1, runId);
            var result = statement.executeQuery();
            var names = new ArrayList<String>();
            while (result.next()) {
                names.add(result.getString(1));
            }
            return names;
        }
    }
}
