package dev.idmap.core.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idmap.core.model.EntityType;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mapping model behind rewrite and redirects: only what the reports say is MATCHED resolves. */
class IdMappingTest {

    static final String DETAILED_HEADER =
            "entityType,serverId,cloudId,status,rule,serverKey,cloudKey,container,candidates,reason\n";

    @TempDir
    Path dir;

    @Test
    void the_detailed_and_compatible_reports_of_one_run_agree_and_the_detailed_one_brings_the_keys()
            throws IOException {
        // given
        var compatible = write("c.csv", "entityType,serverId,cloudId\njira:issue,10001,20001\n");
        var detailed = write("d.csv", DETAILED_HEADER + "jira:issue,10001,20001,MATCHED,issue-key,ABC-1,ABC-1,ABC,,\n");

        // when
        var mapping = MappingReports.load(List.of(compatible, detailed));

        // then
        assertThat(mapping.byId(EntityType.ISSUE, "10001")).isInstanceOf(IdMapping.Mapped.class);
        assertThat(((IdMapping.Mapped) mapping.byKey(EntityType.ISSUE, "ABC", "ABC-1")).cloudId())
                .isEqualTo("20001");
    }

    @Test
    void two_reports_that_disagree_about_an_id_resolve_it_to_nothing_and_say_why() throws IOException {
        var older = write("old.csv", "entityType,serverId,cloudId\njira:issue,10001,20001\n");
        var newer = write("new.csv", "entityType,serverId,cloudId\njira:issue,10001,29999\n");

        var mapping = MappingReports.load(List.of(older, newer));

        assertThat(mapping.byId(EntityType.ISSUE, "10001"))
                .isEqualTo(new IdMapping.NotMapped(
                        "jira:issue 10001 is AMBIGUOUS in the mapping: the mapping files disagree (20001 and 29999)"));
    }

    @Test
    void ambiguous_and_unmatched_rows_resolve_to_their_reasons_and_titles_shared_by_two_pages_to_none() {
        var mapping = MappingReports.load(
                "d.csv",
                new StringReader(DETAILED_HEADER
                        + "confluence:page,1,,AMBIGUOUS,,Notes,,ENG,7;8,2 Cloud pages fit 'Notes' equally; not guessing\n"
                        + "confluence:page,2,9,MATCHED,title-within-space,Weekly,Weekly,ENG,,\n"
                        + "confluence:page,3,10,MATCHED,title-within-space,Weekly,Weekly,ENG,,\n"));

        assertThat(mapping.byId(EntityType.PAGE, "1"))
                .isEqualTo(new IdMapping.NotMapped("confluence:page 1 is AMBIGUOUS in the mapping: 2 Cloud pages fit"
                        + " 'Notes' equally; not guessing"));
        assertThat(mapping.byKey(EntityType.PAGE, "ENG", "Weekly"))
                .isEqualTo(new IdMapping.NotMapped("2 entities are confluence:page 'Weekly' in ENG; not guessing"));
        assertThat(mapping.byId(EntityType.PAGE, "4"))
                .isEqualTo(new IdMapping.NotMapped("confluence:page 4 is not in the mapping"));
    }

    @Test
    void a_report_tells_its_product_by_its_namespaces_and_ignores_types_idmap_does_not_map() throws IOException {
        var jcmaExport = write(
                "jcma.csv",
                "entityType,serverId,cloudId\njira:priorityScheme,1,2\nidentity:user,10,11\njira:issue,5,6\n");
        var usersOnly = write("users.csv", "entityType,serverId,cloudId\nidentity:user,10,11\n");
        var notAReport = write("notes.csv", "a,b\n");

        assertThat(MappingReports.load(List.of(jcmaExport)).byId(EntityType.JIRA_USER, "10"))
                .isInstanceOf(IdMapping.Mapped.class);
        assertThatThrownBy(() -> MappingReports.load(List.of(usersOnly)))
                .isInstanceOf(MappingReports.BadReport.class)
                .hasMessage(usersOnly + " has no Jira or Confluence rows, so idmap cannot tell which product it maps");
        assertThatThrownBy(() -> MappingReports.load(List.of(notAReport)))
                .hasMessageStartingWith(notAReport + " is not an idmap report: its header is 'a,b'");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
