package dev.idmap.sim.confluence;

import static dev.idmap.sim.confluence.ConfluenceCase.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.sim.Expectation;
import dev.idmap.sim.GroundTruthRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfluenceGroundTruthTest {

    static final ConfluenceScenario DEFAULT = ConfluenceScenario.generate(42, ConfluenceSize.SMALL);

    /** The table of README-confluence.md: the default scenario (seed 42, small). */
    static final Map<ConfluenceCase, Long> DEFAULT_COUNTS = counts(
            USER_EMAIL_MATCH,
            28,
            USER_EMAIL_CASE_DIFFERS,
            2,
            USER_EMAIL_HIDDEN,
            2,
            USER_MERGED_SHARED_EMAIL,
            4,
            USER_DEACTIVATED,
            2,
            USER_NOT_MIGRATED,
            2,
            GROUP_CREATED,
            4,
            GROUP_MERGED_BY_NAME,
            2,
            GROUP_NOT_MIGRATED,
            2,
            SPACE_KEY_KEPT,
            4,
            SPACE_ARCHIVED,
            1,
            SPACE_PERSONAL_REKEYED,
            3,
            SPACE_NOT_MIGRATED,
            1,
            SPACE_PERSONAL_OWNER_NOT_MIGRATED,
            1,
            PAGE_MIGRATED,
            148,
            PAGE_IN_PERSONAL_SPACE,
            15,
            PAGE_TITLE_DUPLICATED_IN_CLOUD,
            2,
            PAGE_IN_UNMIGRATED_SPACE,
            35,
            BLOGPOST_MIGRATED,
            36,
            BLOGPOST_SAME_TITLE_OTHER_DAY,
            10,
            BLOGPOST_IN_UNMIGRATED_SPACE,
            10,
            ATTACHMENT_ON_PAGE,
            242,
            ATTACHMENT_ON_BLOGPOST,
            69,
            ATTACHMENT_IN_UNMIGRATED_SPACE,
            55,
            COMMENT_FOOTER,
            117,
            COMMENT_FOOTER_REPLY,
            25,
            COMMENT_INLINE,
            41,
            COMMENT_INLINE_REPLY,
            27,
            COMMENT_DUPLICATE_SUBMISSION,
            6,
            COMMENT_IN_UNMIGRATED_SPACE,
            51);

    @Test
    void the_default_scenario_contains_every_case_a_documented_number_of_times() {
        // when
        Map<ConfluenceCase, Long> counts = DEFAULT.caseCounts();
        // then
        assertThat(counts).isEqualTo(DEFAULT_COUNTS);
        assertThat(counts.keySet()).containsExactlyInAnyOrder(ConfluenceCase.values());
    }

    @Test
    void the_csv_has_the_shared_header_and_one_row_per_source_entity(@TempDir Path dir) throws Exception {
        // given
        Path csv = dir.resolve("truth.csv");
        // when
        DEFAULT.groundTruth().writeCsv(csv);
        // then
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.getFirst()).isEqualTo("entityType,serverId,cloudId,case,expectation");
        long expectedRows =
                DEFAULT_COUNTS.values().stream().mapToLong(Long::longValue).sum();
        assertThat(lines).hasSize((int) expectedRows + 1);
        assertThat(lines.stream().skip(1).map(GroundTruthRow::parseCsvLine).map(GroundTruthRow::entityType))
                .containsOnly(
                        "identity:user",
                        "identity:group",
                        "confluence:space",
                        "confluence:page",
                        "confluence:blogpost",
                        "confluence:attachment",
                        "confluence:comment");
    }

    @Test
    void server_ids_are_unique_per_namespace_and_cloud_ids_unique_except_for_merged_users() {
        // given
        List<GroundTruthRow> rows = rows(DEFAULT);
        // then
        Map<String, List<GroundTruthRow>> byNamespace =
                rows.stream().collect(Collectors.groupingBy(GroundTruthRow::entityType));
        byNamespace.forEach((namespace, inNamespace) -> {
            assertThat(inNamespace.stream().map(GroundTruthRow::serverId)).doesNotHaveDuplicates();
            var cloudIds = inNamespace.stream()
                    .filter(GroundTruthRow::migrated)
                    .filter(r -> !r.matchCase().equals(USER_MERGED_SHARED_EMAIL.label()))
                    .map(GroundTruthRow::cloudId)
                    .toList();
            assertThat(cloudIds).as(namespace).doesNotHaveDuplicates();
        });
        var merged = rows.stream()
                .filter(r -> r.matchCase().equals(USER_MERGED_SHARED_EMAIL.label()))
                .toList();
        assertThat(merged.stream().map(GroundTruthRow::cloudId).distinct()).hasSize(merged.size() / 2);
    }

    @Test
    void exactly_the_entities_left_behind_are_unmatched() {
        for (GroundTruthRow row : rows(DEFAULT)) {
            assertThat(row.migrated()).as(row.toCsvLine()).isEqualTo(row.expectation() != Expectation.UNMATCHED);
        }
    }

    @Test
    void attachment_and_content_ids_are_numeric_on_both_sides() {
        for (GroundTruthRow row : rows(DEFAULT)) {
            if (row.entityType().startsWith("confluence:")) {
                assertThat(row.serverId()).as(row.toCsvLine()).matches("\\d+");
                assertThat(row.cloudId()).as(row.toCsvLine()).matches("\\d+|NOT_MIGRATED");
            }
        }
    }

    @Test
    void duplicate_submissions_come_in_pairs_on_one_page() {
        // given
        ConfluenceContent content = DEFAULT.content();
        var pairs = new ArrayList<List<ConfluenceContent.Comment>>();
        for (long p = 0; p < content.count(); p++) {
            var duplicates = content.comments(content.at(p)).stream()
                    .filter(c -> c.matchCase() == COMMENT_DUPLICATE_SUBMISSION)
                    .toList();
            if (!duplicates.isEmpty()) {
                pairs.add(duplicates);
            }
        }
        // then: same author, same instant, same text: nothing public tells them apart
        assertThat(pairs).hasSize(3);
        for (var pair : pairs) {
            assertThat(pair).hasSize(2);
            assertThat(pair.get(0).author()).isEqualTo(pair.get(1).author());
            assertThat(pair.get(0).createdAt()).isEqualTo(pair.get(1).createdAt());
            assertThat(pair.get(0).body()).isEqualTo(pair.get(1).body());
        }
    }

    @Test
    void a_duplicated_page_has_a_cloud_namesake_in_the_same_space_under_the_same_parent() {
        // given
        ConfluenceContent content = DEFAULT.content();
        var duplicated = new ArrayList<ConfluenceContent.Content>();
        for (long p = 0; p < content.count(); p++) {
            if (content.at(p).matchCase() == PAGE_TITLE_DUPLICATED_IN_CLOUD) {
                duplicated.add(content.at(p));
            }
        }
        // then
        assertThat(duplicated).hasSize(2);
        for (var page : duplicated) {
            long parent = content.parentOf(page).cloudId();
            assertThat(content.cloudOnlyPages())
                    .filteredOn(c -> c.title().equals(page.title()))
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c.spaceId()).isEqualTo(page.space().cloudId().orElseThrow());
                        assertThat(c.parentId()).hasValue(parent);
                    });
        }
    }

    @Test
    void blog_posts_sharing_a_title_were_posted_on_different_days() {
        // given
        ConfluenceContent content = DEFAULT.content();
        var days = new HashSet<String>();
        // then
        for (long p = 0; p < content.count(); p++) {
            var item = content.at(p);
            if (item.matchCase() == BLOGPOST_SAME_TITLE_OTHER_DAY) {
                String day = item.space().key() + "/" + item.title() + "/"
                        + item.createdAt()
                                .atOffset(ConfluenceDataCenterApi.SERVER_ZONE)
                                .toLocalDate();
                assertThat(days.add(day)).as(day).isTrue();
            }
        }
        assertThat(days).hasSize(10);
    }

    @Test
    void personal_spaces_are_rekeyed_to_the_owners_account() {
        for (var space : DEFAULT.spaces().all()) {
            if (space.matchCase() == SPACE_PERSONAL_REKEYED) {
                var owner = DEFAULT.people().user(space.owner());
                assertThat(space.key()).isEqualTo("~" + owner.username());
                assertThat(space.cloudKey())
                        .isEqualTo(
                                "~" + owner.account().orElseThrow().accountId().replaceAll("[:-]", ""));
            }
        }
    }

    static List<GroundTruthRow> rows(ConfluenceScenario scenario) {
        var rows = new ArrayList<GroundTruthRow>();
        scenario.groundTruth().forEachRow(rows::add);
        return rows;
    }

    private static Map<ConfluenceCase, Long> counts(Object... casesAndCounts) {
        var map = new EnumMap<ConfluenceCase, Long>(ConfluenceCase.class);
        for (int i = 0; i < casesAndCounts.length; i += 2) {
            map.put((ConfluenceCase) casesAndCounts[i], ((Integer) casesAndCounts[i + 1]).longValue());
        }
        return map;
    }
}
