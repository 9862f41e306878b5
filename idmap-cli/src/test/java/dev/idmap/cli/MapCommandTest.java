package dev.idmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code idmap map} against a small simulated Jira migration: what it leaves on disk after success and failure. */
class MapCommandTest {

    static SimulatedMigration sim;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sim = Simulator.start(SimConfig.builder(SimProduct.JIRA).seed(7).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void a_successful_run_writes_the_reports_and_deletes_its_staging_database() throws Exception {
        // given
        var out = dir.resolve("out");

        // when
        int exit = map(out, sim.sourceCredentials().secret());

        // then
        assertThat(exit).isZero();
        assertThat(out.resolve("id-mapping.csv")).isNotEmptyFile();
        assertThat(out.resolve("id-mapping-detailed.csv")).isNotEmptyFile();
        assertThat(out.resolve(".staging")).doesNotExist();
    }

    @Test
    void a_failed_run_keeps_its_staging_database_for_the_run_that_resumes_it() throws Exception {
        // given a source password that the site refuses
        var out = dir.resolve("out");

        // when
        int exit = map(out, "not-the-password");

        // then
        assertThat(exit).isEqualTo(1);
        assertThat(out.resolve(".staging")).isDirectory();
        assertThat(out.resolve("id-mapping.csv")).doesNotExist();
    }

    private int map(Path out, String sourcePassword) throws Exception {
        var sourceSecret = Files.writeString(dir.resolve("source.secret"), sourcePassword);
        var cloudSecret = Files.writeString(
                dir.resolve("cloud.secret"), sim.destinationCredentials().secret());
        return IdmapCommand.commandLine()
                .setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(new StringWriter()))
                .execute(
                        "map",
                        "--product",
                        "JIRA",
                        "--source",
                        sim.sourceBaseUrl().toString(),
                        "--destination",
                        sim.destinationBaseUrl().toString(),
                        "--source-auth",
                        "basic:" + sim.sourceCredentials().login() + ":file:" + sourceSecret,
                        "--destination-auth",
                        "basic:" + sim.destinationCredentials().login() + ":file:" + cloudSecret,
                        "-o",
                        out.toString());
    }
}
