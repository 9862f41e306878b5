package dev.idmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's first command, run in-process: the whole workflow over real HTTP on embedded defaults. */
class DemoCommandTest {

    @Test
    void the_demo_maps_the_simulated_jira_migration_without_a_wrong_id(@TempDir Path workDir) {
        // given
        var out = new StringWriter();
        var commandLine = IdmapCommand.commandLine().setOut(new PrintWriter(out, true));

        // when
        int exit = commandLine.execute("demo", "--work-dir", workDir.toString());

        // then
        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString())
                .contains("-> 202 {\"jobId\":")
                .contains("SUCCESS")
                .contains("fetched without credentials")
                .contains("0 wrong")
                .contains("demo: OK");
        assertThat(workDir.resolve("jira-id-mappings.csv")).content().startsWith("entityType,serverId,cloudId\n");
    }
}
