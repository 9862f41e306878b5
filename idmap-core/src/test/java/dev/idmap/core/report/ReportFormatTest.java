package dev.idmap.core.report;

import static dev.idmap.core.model.EntityType.*;
import static dev.idmap.core.testing.Sites.entity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idmap.core.match.MatchStatus;
import dev.idmap.core.testing.Scenario;
import dev.idmap.core.testing.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFormatTest {

    @TempDir
    Path output;

    /**
     * A loader with the behaviour of Atlassian's Cloud Transition Tools JCMA loader: the first line must be exactly
     * the header, every other line is split on commas into exactly three parts, nothing is unquoted, and both ids
     * are parsed as numbers ({@code Long}).
     */
    static final class StrictLoader {
        record Mapping(String entityType, String serverId, String cloudId) {}

        static List<Mapping> load(Path file) throws IOException {
            var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.getFirst().equals("entityType,serverId,cloudId")) {
                throw new IllegalArgumentException("Invalid CSV header");
            }
            var mappings = new ArrayList<Mapping>();
            for (var line : lines.subList(1, lines.size())) {
                var parts = line.split(",", -1);
                if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
                    throw new IllegalArgumentException("Invalid CSV line: " + line);
                }
                if (line.contains("\"")) {
                    throw new IllegalArgumentException("quoted field in: " + line);
                }
                Long.parseLong(parts[1]);
                Long.parseLong(parts[2]);
                mappings.add(new Mapping(parts[0], parts[1], parts[2]));
            }
            return mappings;
        }
    }

    static Scenario aSiteWithAwkwardNames() {
        var select = "com.atlassian.jira.plugin.system.customfieldtypes:select";
        return Scenario.jira()
                .source(
                        entity(JIRA_USER, "JIRAUSER10100", null, "alice", "email", "alice@example.com"),
                        entity(JIRA_GROUP, "dev, ops", null, "dev, ops"),
                        entity(JIRA_GROUP, "jira-users", null, "jira-users"),
                        entity(PROJECT, "10000", null, "ABC"),
                        entity(COMPONENT, "10", "10000", "Front \"end\", web\nand more"),
                        entity(CUSTOM_FIELD, "customfield_10100", null, "Team", "fieldType", select),
                        entity(ISSUE, "20001", "10000", "ABC-1", "project", "ABC"),
                        entity(ISSUE, "9", "10000", "ABC-2", "project", "ABC"))
                .destination(
                        entity(
                                JIRA_USER,
                                "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077",
                                null,
                                null,
                                "email",
                                "alice@example.com"),
                        entity(JIRA_GROUP, "g-1", null, "dev, ops"),
                        entity(JIRA_GROUP, "g-2", null, "jira-users"),
                        entity(PROJECT, "10042", null, "ABC"),
                        entity(COMPONENT, "110", "10042", "Front \"end\", web\nand more"),
                        entity(CUSTOM_FIELD, "customfield_10030", null, "Team", "fieldType", select),
                        entity(ISSUE, "30001", "10042", "ABC-1", "project", "ABC"),
                        entity(ISSUE, "30002", "10042", "ABC-2", "project", "ABC"));
    }

    @Test
    void the_compatible_report_loads_in_a_strict_loader() throws IOException {
        // given
        var result =
                aSiteWithAwkwardNames().run(TestDatabases.h2("report-format"), output, "strict", Set.of(), Set.of());
        // when
        var mappings = StrictLoader.load(result.outcome().compatibleReport());
        // then
        assertThat(mappings)
                .contains(
                        new StrictLoader.Mapping("jira/classic:customField", "10100", "10030"),
                        new StrictLoader.Mapping("jira:projectComponent", "10", "110"));
        // numeric ids are ordered numerically, entity types in table order
        var issues = mappings.stream()
                .filter(m -> m.entityType().equals("jira:issue"))
                .map(StrictLoader.Mapping::serverId)
                .toList();
        assertThat(issues).containsExactly("9", "20001");
        assertThat(Files.readString(result.outcome().compatibleReport()))
                .startsWith("entityType,serverId,cloudId\njira/classic:project,");
    }

    @Test
    void user_and_group_mappings_are_in_the_detailed_report_only_as_their_ids_are_not_numbers() throws IOException {
        // given
        var result = aSiteWithAwkwardNames()
                .run(TestDatabases.h2("report-identity"), output, "identity", Set.of(), Set.of());
        // then
        assertThat(StrictLoader.load(result.outcome().compatibleReport()))
                .noneMatch(m -> m.entityType().startsWith("identity:"));
        var user = result.row(JIRA_USER, "JIRAUSER10100");
        assertThat(user.status()).isEqualTo(MatchStatus.MATCHED);
        assertThat(user.cloudId()).isEqualTo("557058:f58131cb-b67d-43c7-b30d-6b58d40bd077");
        assertThat(user.reason())
                .isEqualTo("left out of the compatible report: id JIRAUSER10100 is not a number, and loaders of this"
                        + " format parse ids as numbers");
    }

    @Test
    void the_decision_stream_delivers_every_row_of_the_detailed_report_in_its_order_users_and_groups_included() {
        // given
        var result =
                aSiteWithAwkwardNames().run(TestDatabases.h2("report-stream"), output, "stream", Set.of(), Set.of());
        // then the same rows, except that the report adds why a match is not in the compatible file
        assertThat(result.decisions()).hasSameSizeAs(result.rows());
        for (int i = 0; i < result.rows().size(); i++) {
            var row = result.rows().get(i);
            var decided = result.decisions().get(i);
            var reason = row.reason() != null && row.reason().startsWith("left out of the compatible report")
                    ? null
                    : row.reason();
            assertThat(decided).isEqualTo(row.withReason(reason));
        }
        assertThat(result.decisions()).extracting(DetailedRow::entityType).contains("identity:user", "identity:group");
        var summary = result.outcome().summary();
        assertThat(summary.rows()).isEqualTo(result.rows().size());
        assertThat(summary.matched())
                .isEqualTo(result.rows().stream()
                        .filter(r -> r.status() == MatchStatus.MATCHED)
                        .count());
    }

    @Test
    void an_id_that_would_need_quoting_stays_out_of_the_compatible_report_with_a_reason() throws IOException {
        // given
        var result =
                aSiteWithAwkwardNames().run(TestDatabases.h2("report-quoting"), output, "quoting", Set.of(), Set.of());
        // then
        assertThat(StrictLoader.load(result.outcome().compatibleReport()))
                .noneMatch(m -> m.serverId().contains("dev"));
        var group = result.row(JIRA_GROUP, "dev, ops");
        assertThat(group.status()).isEqualTo(MatchStatus.MATCHED);
        assertThat(group.cloudId()).isEqualTo("g-1");
        assertThat(group.reason())
                .isEqualTo("left out of the compatible report: id contains a comma, quote or line break");
    }

    @Test
    void the_detailed_report_is_rfc_4180_and_reads_back_unchanged() throws IOException {
        // given
        var result = aSiteWithAwkwardNames()
                .run(TestDatabases.h2("report-detailed"), output, "detailed", Set.of(), Set.of());
        // when
        var component = result.row(COMPONENT, "10");
        // then
        assertThat(component.serverKey()).isEqualTo("Front \"end\", web\nand more");
        assertThat(Files.readString(result.outcome().detailedReport()))
                .startsWith(DetailedRow.HEADER + "\r\n")
                .contains("\"Front \"\"end\"\", web\nand more\"");
    }

    @Test
    void the_strict_loader_rejects_what_atlassian_rejects() throws IOException {
        var wrongHeader = output.resolve("wrong.csv");
        Files.writeString(wrongHeader, "type,serverId,cloudId\njira:issue,1,2\n");
        assertThatThrownBy(() -> StrictLoader.load(wrongHeader)).hasMessage("Invalid CSV header");
        var quoted = output.resolve("quoted.csv");
        Files.writeString(quoted, "entityType,serverId,cloudId\njira:issue,\"1,5\",2\n");
        assertThatThrownBy(() -> StrictLoader.load(quoted)).hasMessageContaining("Invalid CSV line");
    }

    @Test
    void the_summary_counts_per_type_and_status_and_requests_per_site() throws IOException {
        // given
        var result = aSiteWithAwkwardNames()
                .run(TestDatabases.h2("report-summary"), output, "summary", Set.of(ISSUE, PROJECT), Set.of());
        // then
        var summary = Files.readString(result.outcome().summaryFile());
        assertThat(summary)
                .contains("\"jira:issue\": {\"MATCHED\": 2, \"AMBIGUOUS\": 0, \"UNMATCHED\": 0}")
                .contains("\"jira/classic:project\": {\"MATCHED\": 1, \"AMBIGUOUS\": 0, \"UNMATCHED\": 0}")
                .contains("\"source\": {\"GET /fixture/jira/classic:project\": 1")
                .doesNotContain("jira:projectComponent");
        assertThat(result.outcome().requestsPerSite().get("destination")).containsEntry("GET /fixture/jira:issue", 1L);
    }

    @Test
    void the_same_sites_give_byte_identical_reports_on_h2_and_postgresql() throws IOException {
        // given
        var scenario = aSiteWithAwkwardNames();
        // when
        var onH2 = scenario.run(TestDatabases.h2("report-identical"), output.resolve("h2"), "same", Set.of(), Set.of());
        var onPostgres = scenario.run(
                TestDatabases.postgres("idmap_core_report_format"), output.resolve("pg"), "same", Set.of(), Set.of());
        // then
        assertThat(Files.readAllBytes(onPostgres.outcome().compatibleReport()))
                .isEqualTo(Files.readAllBytes(onH2.outcome().compatibleReport()));
        assertThat(Files.readAllBytes(onPostgres.outcome().detailedReport()))
                .isEqualTo(Files.readAllBytes(onH2.outcome().detailedReport()));
        assertThat(Files.readAllBytes(onPostgres.outcome().summaryFile()))
                .isEqualTo(Files.readAllBytes(onH2.outcome().summaryFile()));
    }
}
