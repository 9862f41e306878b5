package dev.idmap.core.match;

import static dev.idmap.core.model.EntityType.*;
import static dev.idmap.core.testing.Sites.entity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.testing.Scenario;
import dev.idmap.core.testing.TestDatabases;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Personal spaces are re-keyed by the migration ({@code ~alice} becomes {@code ~557058abc}): they map only through
 * their owner's matched user decision, never by key and never by a guess.
 */
class PersonalSpaceMatchingTest {

    @TempDir
    Path output;

    @Test
    void a_personal_space_maps_to_the_cloud_personal_space_of_its_owners_matched_account() {
        // given
        var scenario = aMigrationOfAliceAndBob()
                .source(
                        personalSpace("98310", "~alice", "key-alice"),
                        personalSpace("98311", "~bob", "key-bob"),
                        entity(PAGE, "1001", "98310", "Notes"))
                .destination(
                        personalSpace("1933320", "~557058bob", "557058:bob"),
                        personalSpace("1933321", "~557058alice", "557058:alice"),
                        entity(PAGE, "70001", "1933321", "Notes"));
        // when
        var result = run(scenario);
        // then
        var alice = result.row(SPACE, "98310");
        assertThat(alice.status()).isEqualTo(MatchStatus.MATCHED);
        assertThat(alice.cloudId()).isEqualTo("1933321");
        assertThat(alice.rule()).isEqualTo(SpaceRule.BY_OWNER);
        assertThat(alice.cloudKey()).isEqualTo("~557058alice");
        assertThat(result.row(SPACE, "98311").cloudId()).isEqualTo("1933320");
        assertThat(result.row(PAGE, "1001").cloudId()).isEqualTo("70001");
    }

    @Test
    void the_personal_space_of_an_owner_who_is_not_matched_stays_unmatched_and_names_the_owner() {
        // given: carol has no migration record, and Cloud happens to hold a personal space with her old key
        var scenario = aMigrationOfAliceAndBob()
                .source(
                        entity(CONFLUENCE_USER, "key-carol", null, "carol"),
                        personalSpace("98312", "~carol", "key-carol"))
                .destination(personalSpace("1933322", "~carol", "557058:someone-else"));
        // when
        var result = run(scenario);
        // then
        var carol = result.row(SPACE, "98312");
        assertThat(carol.status()).isEqualTo(MatchStatus.UNMATCHED);
        assertThat(carol.cloudId()).isNullOrEmpty();
        assertThat(carol.reason())
                .isEqualTo("personal space ~carol: its owner key-carol is not matched in Cloud, and the migration"
                        + " re-keys a personal space after its owner's account, so it cannot be looked up (owner not"
                        + " migrated?)");
    }

    @Test
    void a_personal_space_whose_matched_owner_has_no_cloud_personal_space_says_so() {
        // given
        var scenario = aMigrationOfAliceAndBob()
                .source(personalSpace("98310", "~alice", "key-alice"))
                .destination(personalSpace("1933320", "~557058bob", "557058:bob"));
        // when
        var result = run(scenario);
        // then
        var alice = result.row(SPACE, "98310");
        assertThat(alice.status()).isEqualTo(MatchStatus.UNMATCHED);
        assertThat(alice.reason())
                .isEqualTo("personal space ~alice: its owner is matched, but no Cloud personal space belongs to the"
                        + " owner's account (personal space not migrated?)");
    }

    @Test
    void two_cloud_personal_spaces_of_one_account_are_ambiguous_not_guessed() {
        // given
        var scenario = aMigrationOfAliceAndBob()
                .source(personalSpace("98310", "~alice", "key-alice"))
                .destination(
                        personalSpace("1933320", "~557058alice", "557058:alice"),
                        personalSpace("1933321", "~557058alice2", "557058:alice"));
        // when
        var result = run(scenario);
        // then
        var alice = result.row(SPACE, "98310");
        assertThat(alice.status()).isEqualTo(MatchStatus.AMBIGUOUS);
        assertThat(alice.candidates()).isEqualTo("1933320;1933321");
    }

    @Test
    void personal_spaces_of_two_server_users_merged_into_one_account_are_ambiguous_not_guessed() {
        // given: alice and alice2 became one Cloud account, which owns one personal space
        var scenario = aMigrationOfAliceAndBob()
                .source(
                        entity(CONFLUENCE_USER, "key-alice2", null, "alice2"),
                        personalSpace("98310", "~alice", "key-alice"),
                        personalSpace("98313", "~alice2", "key-alice2"))
                .destination(personalSpace("1933321", "~557058alice", "557058:alice"))
                .migrated("key-alice2", "alice2", "557058:alice");
        // when
        var result = run(scenario);
        // then
        assertThat(result.row(SPACE, "98310").status()).isEqualTo(MatchStatus.AMBIGUOUS);
        assertThat(result.row(SPACE, "98313").status()).isEqualTo(MatchStatus.AMBIGUOUS);
    }

    @Test
    void global_spaces_still_match_by_key_even_one_whose_key_starts_with_a_tilde() {
        // given: spaces are told apart by their type, never by the shape of their key
        var scenario = aMigrationOfAliceAndBob()
                .source(
                        entity(SPACE, "98305", null, "DOCS", "type", "global"),
                        entity(SPACE, "98306", null, "~odd", "type", "global"),
                        personalSpace("98310", "~alice", "key-alice"))
                .destination(
                        entity(SPACE, "1933313", null, "docs", "type", "global"),
                        entity(SPACE, "1933314", null, "~ODD", "type", "global"),
                        personalSpace("1933321", "~557058alice", "557058:alice"));
        // when
        var result = run(scenario);
        // then
        assertThat(result.row(SPACE, "98305").cloudId()).isEqualTo("1933313");
        assertThat(result.row(SPACE, "98305").rule()).isEqualTo("space-key");
        assertThat(result.row(SPACE, "98306").cloudId()).isEqualTo("1933314");
        assertThat(result.row(SPACE, "98310").cloudId()).isEqualTo("1933321");
    }

    @Test
    void a_global_space_never_takes_a_personal_spaces_place() {
        // given: a global space whose key is a Cloud personal space's key
        var scenario = aMigrationOfAliceAndBob()
                .source(entity(SPACE, "98306", null, "~557058alice", "type", "global"))
                .destination(personalSpace("1933321", "~557058alice", "557058:alice"));
        // when
        var result = run(scenario);
        // then
        assertThat(result.row(SPACE, "98306").status()).isEqualTo(MatchStatus.UNMATCHED);
    }

    private static Scenario aMigrationOfAliceAndBob() {
        return Scenario.confluence()
                .source(
                        entity(CONFLUENCE_USER, "key-alice", null, "alice"),
                        entity(CONFLUENCE_USER, "key-bob", null, "bob"))
                .destination(
                        entity(CONFLUENCE_USER, "557058:alice", null, null),
                        entity(CONFLUENCE_USER, "557058:bob", null, null))
                .migrated("key-alice", "alice", "557058:alice")
                .migrated("key-bob", "bob", "557058:bob");
    }

    private static SiteEntity personalSpace(String id, String key, String owner) {
        return entity(SPACE, id, null, key, "type", "personal", SpaceRule.OWNER, owner);
    }

    /** Each run in a database of its own: an in-memory H2 database outlives the test that named it. */
    private Scenario.Result run(Scenario scenario) {
        var database = TestDatabases.h2("personal-spaces-" + UUID.randomUUID());
        return scenario.run(database, output, "personal-spaces", Set.of(), Set.of());
    }
}
