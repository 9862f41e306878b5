package dev.idmap.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idmap.core.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run is stopped through its {@link StopSignal}, not by interrupting threads: it stops between entities, keeps its
 * checkpoints and the embedded database keeps working, so the same run id continues to the same reports.
 */
class StopSignalTest {

    private static final DataSource DATABASE = TestDatabases.h2("stop-signal");

    @TempDir
    Path output;

    @Test
    void a_run_asked_to_stop_mid_crawl_stops_and_continues_later_to_byte_identical_reports() throws Exception {
        // given a clean run for reference
        var scenario = ResumeTest.twoBusyProjects();
        var clean = scenario.run(DATABASE, output.resolve("clean"), "clean", Set.of(), Set.of());
        // and a run with four crawl workers that is asked to stop after some 1,500 entities
        var asked = new AtomicInteger();
        StopSignal stopMidCrawl = () -> asked.incrementAndGet() > 1_500;
        var source = scenario.sourceSite();
        var destination = scenario.destinationSite();

        // when
        assertThatThrownBy(() -> scenario.run(
                        DATABASE,
                        output.resolve("stopped"),
                        "stopped",
                        Set.of(),
                        Set.of(),
                        source,
                        destination,
                        4,
                        stopMidCrawl))
                .isInstanceOf(RunStopped.class);
        var resumed = scenario.run(
                DATABASE,
                output.resolve("stopped"),
                "stopped",
                Set.of(),
                Set.of(),
                scenario.sourceSite(),
                scenario.destinationSite(),
                4,
                StopSignal.NEVER);

        // then the run stopped before the end of the crawl, the calling thread was not interrupted, and the run
        // continued to the reports of the clean run
        assertThat(asked.get())
                .as("asked fewer times than a whole crawl stages entities")
                .isLessThan(4_780);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(Files.readAllBytes(resumed.outcome().compatibleReport()))
                .isEqualTo(Files.readAllBytes(clean.outcome().compatibleReport()));
        assertThat(Files.readAllBytes(resumed.outcome().detailedReport()))
                .isEqualTo(Files.readAllBytes(clean.outcome().detailedReport()));
    }
}
