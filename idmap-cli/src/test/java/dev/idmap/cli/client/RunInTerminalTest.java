package dev.idmap.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.cli.testing.SimulatedService;
import dev.idmap.sim.SimProduct;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code idmap run} as a separate process: in a pseudo-terminal ({@code script}) it draws a live progress bar;
 * with stdout piped it prints plain lines. The process decides which by itself, from its own stdout.
 */
class RunInTerminalTest {

    static SimulatedService service;

    @TempDir
    Path dir;

    @BeforeAll
    static void started() {
        service = SimulatedService.shared();
    }

    @Test
    void in_a_terminal_run_draws_a_progress_bar_and_ends_with_the_summary() throws Exception {
        // given
        var command = String.join(
                " ",
                arguments(dir.resolve("report.csv")).stream()
                        .map(RunInTerminalTest::quoted)
                        .toList());

        // when run inside a pseudo-terminal
        var output = run(List.of("script", "-qfec", command, "/dev/null"));

        // then the bar redraws in place (carriage returns) with the task, percent and phase
        assertThat(output.exitCode()).as(output.text()).isZero();
        assertThat(output.text()).contains("\r").containsPattern("mapping +[0-9]{1,3}% \\[[=> ]*\\]");
        assertThat(output.text()).containsPattern("(CRAWL|MATCH|REPORT|PUBLISH|DONE) · [0-9]+ entities");
        assertThat(output.text()).containsPattern("[0-9]+ source entities: [0-9]+ matched");
        assertThat(output.text()).doesNotContainPattern("(?m)^[0-9a-f-]{36} IN_PROGRESS");
    }

    @Test
    void with_stdout_piped_run_prints_plain_lines() throws Exception {
        // when
        var output = run(arguments(dir.resolve("report.csv")));

        // then
        assertThat(output.exitCode()).as(output.text()).isZero();
        assertThat(output.text()).doesNotContain("\r");
        assertThat(output.text()).containsPattern("(?m)^[0-9a-f-]{36} IN_PROGRESS [A-Z_]+ [0-9]{1,3}%");
        assertThat(output.text()).containsPattern("(?m)^[0-9]+ source entities: [0-9]+ matched");
    }

    record Output(int exitCode, String text) {}

    private List<String> arguments(Path report) {
        var java = ProcessHandle.current().info().command().orElseThrow();
        var args = new ArrayList<>(List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "dev.idmap.cli.Main",
                "run",
                "--server",
                service.url(),
                "--token-file",
                service.tokenFile().toString(),
                "--product",
                "CONFLUENCE",
                "--source",
                SimulatedService.sourceUrl(SimProduct.CONFLUENCE),
                "--destination",
                SimulatedService.destinationUrl(SimProduct.CONFLUENCE),
                "--interval",
                "100ms",
                "-o",
                report.toString()));
        return args;
    }

    private static Output run(List<String> command) throws Exception {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var text = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return new Output(process.exitValue(), text.get(1, TimeUnit.MINUTES));
    }

    private static String quoted(String argument) {
        return "'" + argument.replace("'", "'\\''") + "'";
    }
}
