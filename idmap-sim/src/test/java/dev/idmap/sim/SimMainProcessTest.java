package dev.idmap.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulator's command line as a user meets it: help is not an error, and a stop by signal cleans up. */
class SimMainProcessTest {

    @Test
    void help_prints_the_usage_and_is_not_an_error() throws Exception {
        // given
        var captured = new ByteArrayOutputStream();
        var out = System.out;
        // when
        try (var print = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(print);
            SimMain.main(new String[] {"--help"}); // returns instead of exiting: exit code 0
        } finally {
            System.setOut(out);
        }
        // then
        assertThat(captured.toString(StandardCharsets.UTF_8)).startsWith("usage: sim --product JIRA|CONFLUENCE");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void a_simulator_stopped_by_sigterm_deletes_its_temporary_ground_truth() throws Exception {
        // given a simulator in its own JVM
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        SimMain.class.getName(),
                        "--product",
                        "JIRA")
                .redirectErrorStream(true)
                .start();
        Path groundTruth = null;
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("ground truth:")) {
                    var text = line.substring("ground truth:".length()).strip();
                    groundTruth = Path.of(text.substring(0, text.indexOf(' ')));
                }
                if (line.startsWith("serving until stopped")) {
                    break;
                }
            }
            assertThat(groundTruth).isNotNull();
            assertThat(groundTruth).exists();
            // when it is stopped by SIGTERM
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        // then its temporary directory is gone
        assertThat(Files.exists(groundTruth.getParent())).isFalse();
    }
}
