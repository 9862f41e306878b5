package dev.idmap.sim.jira;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.sim.Expectation;
import dev.idmap.sim.GroundTruthRow;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default scenario (seed 42, SMALL) contains every special case the module README documents, with its count. */
class JiraGroundTruthTest {

    static SimulatedMigration sim;
    static List<GroundTruthRow> rows;

    @BeforeAll
    static void start(@TempDir Path output) {
        sim = Simulator.start(
                SimConfig.builder(SimProduct.JIRA).outputDirectory(output).build());
        rows = sim.groundTruth();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static long count(String entityType, String matchCase, Expectation expectation) {
        return rows.stream()
                .filter(r -> r.entityType().equals(entityType)
                        && r.matchCase().equals(matchCase)
                        && r.expectation() == expectation)
                .count();
    }

    @Test
    void every_special_case_appears_with_its_documented_count() {
        Map<String, Long> expected = Map.ofEntries(
                Map.entry("identity:user|email_case|MATCH", 2L),
                Map.entry("identity:user|merged_email|MATCH", 4L),
                Map.entry("identity:user|hidden_email|UNMATCHED", 2L),
                Map.entry("identity:user|email_only|MATCH", 2L),
                Map.entry("identity:user|not_migrated|UNMATCHED", 3L),
                Map.entry("identity:user|deactivated|MATCH", 2L),
                Map.entry("identity:group|merged_by_name|MATCH", 2L),
                Map.entry("identity:group|not_migrated|UNMATCHED", 1L),
                Map.entry("jira:projectCategory|migrated_suffix|MATCH", 1L),
                Map.entry("jira/classic:project|not_migrated|UNMATCHED", 2L),
                Map.entry("jira:priority|migrated_suffix|MATCH", 1L),
                Map.entry("jira:resolution|linked_by_name|MATCH", 3L),
                Map.entry("jira/classic:issueType|epic_story_overwritten|MATCH", 2L),
                Map.entry("jira/classic:issueType|migrated_suffix|MATCH", 3L),
                Map.entry("jira/classic:issueType|team_managed|MATCH", 1L),
                Map.entry("jira/classic:issueStatus|migrated_suffix|MATCH", 3L),
                Map.entry("jira/classic:issueStatus|migrated_suffix_2|MATCH", 1L),
                Map.entry("jira/classic:issueStatus|team_managed|MATCH", 1L),
                Map.entry("jira:issueLinkType|linked_by_name|MATCH", 3L),
                Map.entry("jira:issueLinkType|migrated_suffix|MATCH", 1L),
                Map.entry("jira:projectRole|migrated_suffix|MATCH", 1L),
                Map.entry("jira/classic:customField|linked_by_name|MATCH", 3L),
                Map.entry("jira/classic:customField|migrated_suffix|MATCH", 2L),
                Map.entry("jira/classic:customField|migrated_suffix_2|MATCH", 1L),
                Map.entry("jira/classic:customField|ambiguous_duplicate_name|AMBIGUOUS", 2L),
                Map.entry("jira/classic:customField|not_migrated|UNMATCHED", 1L),
                Map.entry("jira/classic:customField|team_managed_namesake|MATCH", 1L),
                Map.entry("jira/classic:customFieldOption|not_migrated|UNMATCHED", 4L),
                Map.entry("jira:filter|ambiguous_duplicate_name|AMBIGUOUS", 2L),
                Map.entry("jira:filter|not_migrated|UNMATCHED", 3L),
                Map.entry("jira:filter|owner_hidden_email|UNMATCHED", 1L),
                Map.entry("jira:portalPage|ambiguous_duplicate_name|AMBIGUOUS", 2L),
                Map.entry("jira:portalPage|not_migrated|UNMATCHED", 1L),
                Map.entry("jira/classic/software:rapidView|ambiguous_duplicate_name|AMBIGUOUS", 2L),
                Map.entry("jira/classic/software:rapidView|not_migrated|UNMATCHED", 2L),
                Map.entry("jira/classic/software:sprint|ambiguous_duplicate_name|AMBIGUOUS", 2L),
                Map.entry("jira/classic/software:sprint|not_migrated|UNMATCHED", 3L),
                Map.entry("jira:projectComponent|not_migrated|UNMATCHED", 4L),
                Map.entry("jira:projectVersion|not_migrated|UNMATCHED", 4L),
                Map.entry("jira:issue|historical_key|MATCH", 3L),
                Map.entry("jira:issue|not_migrated|UNMATCHED", 50L),
                Map.entry("jira:comment|ambiguous_duplicate|AMBIGUOUS", 2L),
                Map.entry("jira:issueLink|not_migrated|UNMATCHED", 13L));
        // when
        Map<String, Long> actual = rows.stream()
                .filter(r -> !r.matchCase().equals("plain"))
                .collect(groupingBy(r -> r.entityType() + "|" + r.matchCase() + "|" + r.expectation(), counting()));
        // then: the issue-level not_migrated counts of comments, worklogs and attachments follow the seed
        actual.keySet().removeIf(k -> k.matches("jira:(comment|worklog|fileAttachment)\\|not_migrated\\|UNMATCHED"));
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void every_jira_entity_type_of_the_report_is_covered() {
        Set<String> types = rows.stream().map(GroundTruthRow::entityType).collect(java.util.stream.Collectors.toSet());
        assertThat(types)
                .containsExactlyInAnyOrder(
                        "identity:user",
                        "identity:group",
                        "jira:projectCategory",
                        "jira/classic:project",
                        "jira:priority",
                        "jira:resolution",
                        "jira/classic:issueType",
                        "jira/classic:issueStatus",
                        "jira:issueLinkType",
                        "jira:projectRole",
                        "jira/classic:customField",
                        "jira/classic:customFieldOption",
                        "jira:projectComponent",
                        "jira:projectVersion",
                        "jira:filter",
                        "jira:portalPage",
                        "jira/classic/software:rapidView",
                        "jira/classic/software:sprint",
                        "jira:issue",
                        "jira:comment",
                        "jira:worklog",
                        "jira:fileAttachment",
                        "jira:issueLink");
    }

    @Test
    void ids_are_in_report_form_and_cloud_ids_are_new() {
        for (GroundTruthRow row : rows) {
            if (row.entityType().equals("identity:user")) {
                assertThat(row.serverId()).matches("JIRAUSER\\d+");
                if (row.migrated()) {
                    assertThat(row.cloudId()).matches("[0-9a-f]{24}|712020:[0-9a-f-]{36}");
                }
            } else if (row.entityType().equals("identity:group")) {
                assertThat(row.serverId()).doesNotContain(" ");
            } else {
                assertThat(row.serverId()).as(row.toString()).matches("\\d+");
                assertThat(row.cloudId()).as(row.toString()).matches("\\d+|NOT_MIGRATED");
            }
            if (row.migrated()) {
                assertThat(row.expectation()).isNotNull();
            } else {
                assertThat(row.expectation()).isEqualTo(Expectation.UNMATCHED);
            }
        }
        assertThat(rows.stream().filter(r -> r.entityType().equals("jira/classic:customField") && r.migrated()))
                .allSatisfy(r -> assertThat(Long.parseLong(r.cloudId())).isBetween(10000L, 19999L));
        assertThat(rows.stream()
                        .filter(r -> r.entityType().equals("jira:issue") && r.migrated())
                        .filter(r -> r.serverId().equals(r.cloudId())))
                .as("issues whose Cloud id equals the server id")
                .hasSizeLessThan(5);
    }

    @Test
    void the_csv_has_the_report_header_and_one_row_per_source_entity() throws Exception {
        List<String> lines = Files.readAllLines(sim.groundTruthCsv());
        assertThat(lines.getFirst()).isEqualTo("entityType,serverId,cloudId,case,expectation");
        assertThat(lines).hasSize(rows.size() + 1);
        assertThat(rows.stream().collect(groupingBy(r -> r.entityType() + "/" + r.serverId(), counting())))
                .allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1L));
    }

    @Test
    void merged_users_share_one_account_and_hidden_email_users_hide_it_on_cloud() {
        var merged =
                rows.stream().filter(r -> r.matchCase().equals("merged_email")).toList();
        assertThat(merged.stream().map(GroundTruthRow::cloudId).distinct()).hasSize(2);
        try (var sites = new JiraSites(SimConfig.defaults(SimProduct.JIRA))) {
            var hidden = rows.stream()
                    .filter(r -> r.matchCase().equals("hidden_email"))
                    .toList();
            for (GroundTruthRow row : hidden) {
                var user = sites.cloud("/rest/api/3/user?accountId=" + row.cloudId());
                assertThat(user.body().has("emailAddress")).isFalse();
                var mapping = sites.cloud("/rest/api/3/user/bulk/migration?key=" + row.serverId());
                assertThat(mapping.body()).isEmpty();
            }
        }
    }
}
