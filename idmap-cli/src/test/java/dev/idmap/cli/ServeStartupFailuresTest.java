package dev.idmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.service.IdmapServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code idmap serve} with a mistake in its configuration or a machine not ready for it: one line naming what to
 * fix, exit 2 for a configuration mistake and 1 otherwise, and nothing else on the console (no stack trace, no
 * Spring Boot failure report).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a start-up that wrongly succeeds would serve until stopped
class ServeStartupFailuresTest {

    @TempDir
    Path work;

    record Result(int exit, List<String> err, String console) {}

    Result serve(String... args) {
        var all = new ArrayList<>(
                List.of("serve", "--idmap.data-dir=" + work.resolve("data"), "--idmap.server.address=127.0.0.1"));
        if (List.of(args).stream().noneMatch(arg -> arg.startsWith("--idmap.server.port="))) {
            all.add("--idmap.server.port=0");
        }
        all.addAll(List.of(args));
        var err = new StringWriter();
        var console = new ByteArrayOutputStream();
        var out = System.out;
        var stderr = System.err;
        int exit;
        try (var capture = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            exit = IdmapCommand.commandLine()
                    .setOut(new PrintWriter(new StringWriter(), true))
                    .setErr(new PrintWriter(err, true))
                    .execute(all.toArray(String[]::new));
        } finally {
            System.setOut(out);
            System.setErr(stderr);
        }
        return new Result(exit, err.toString().lines().toList(), console.toString(StandardCharsets.UTF_8));
    }

    Path config(String yaml) throws IOException {
        return Files.writeString(work.resolve("idmap.yaml"), yaml);
    }

    @Test
    void a_missing_configuration_file_is_named() {
        var missing = work.resolve("nope.yaml").toAbsolutePath();
        var result = serve("--config", missing.toString());
        assertThat(result.exit()).as(String.join("\n", result.err())).isEqualTo(2);
        assertThat(result.err())
                .containsExactly("idmap serve: cannot start: the configuration file " + missing + " does not exist");
    }

    @Test
    void broken_yaml_names_the_file_once_with_the_line() throws IOException {
        var file = config("idmap:\n  retention:\n    job: [1d\n");
        var result = serve("--config", file.toString());
        assertThat(result.exit()).as(String.join("\n", result.err())).isEqualTo(2);
        assertThat(result.err())
                .singleElement()
                .asString()
                .startsWith("idmap serve: cannot start: the configuration file");
        var line = result.err().getFirst();
        assertThat(line.indexOf("idmap.yaml")).isPositive().isEqualTo(line.lastIndexOf("idmap.yaml"));
        assertThat(line).contains("is not valid YAML").contains("line ");
        assertThat(result.console()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void an_unknown_key_fails_the_start_naming_the_key() throws IOException {
        var file = config("idmap:\n  retenion:\n    job: 1d\n");
        var result = serve("--config", file.toString());
        assertThat(result.exit()).as(String.join("\n", result.err())).isEqualTo(2);
        assertThat(result.err())
                .singleElement()
                .asString()
                .startsWith("idmap serve: cannot start: unknown configuration key idmap.retenion.job (")
                .contains("idmap.yaml");
        assertThat(result.console()).doesNotContain("\tat ");
    }

    @Test
    void a_bad_duration_names_the_key_and_the_value() throws IOException {
        var file = config("idmap:\n  retention:\n    job: 5x\n");
        var result = serve("--config", file.toString());
        assertThat(result.exit()).as(String.join("\n", result.err())).isEqualTo(2);
        assertThat(result.err())
                .singleElement()
                .asString()
                .startsWith("idmap serve: cannot start: idmap.retention.job: '5x' (")
                .contains("is not valid");
        assertThat(result.console()).doesNotContain("\tat ");
    }

    @Test
    void a_plain_secret_names_the_caller() throws IOException {
        var file =
                config("idmap:\n  api:\n    callers:\n      - name: reporting\n        token-hashes: [\"s3cret\"]\n");
        var result = serve("--config", file.toString());
        assertThat(result.exit()).as(String.join("\n", result.err())).isEqualTo(2);
        assertThat(result.err())
                .singleElement()
                .asString()
                .startsWith("idmap serve: cannot start: idmap.api.callers[0] (reporting).token-hashes[0]: a plain"
                        + " secret is not accepted");
        assertThat(result.console()).doesNotContain("\tat ");
    }

    @Test
    void a_port_in_use_is_named() throws IOException {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var result = serve("--idmap.server.port=" + taken.getLocalPort());
            assertThat(result.exit()).as(String.join("\n", result.err())).isEqualTo(1);
            assertThat(result.err())
                    .containsExactly("idmap serve: cannot start: port " + taken.getLocalPort()
                            + " is already in use: stop what listens there or set idmap.server.port");
            assertThat(result.console()).doesNotContain("\tat ");
        }
    }

    @Test
    void a_data_directory_in_use_by_another_server_is_named() {
        try (var running = IdmapServer.start(
                "--idmap.data-dir=" + work.resolve("data"),
                "--idmap.server.port=0",
                "--idmap.server.address=127.0.0.1")) {
            var result = serve();
            assertThat(result.exit()).as(String.join("\n", result.err())).isEqualTo(1);
            assertThat(result.err())
                    .singleElement()
                    .asString()
                    .isEqualTo("idmap serve: cannot start: the data directory " + work.resolve("data")
                            + " is in use by another idmap server (idmap.lock is locked); stop that server or give"
                            + " this one another idmap.data-dir");
            assertThat(result.console()).doesNotContain("\tat ");
        }
    }

    @Test
    void verbose_adds_the_stack_trace() {
        var missing = work.resolve("nope.yaml").toAbsolutePath();
        var result = serve("--config", missing.toString(), "--verbose");
        assertThat(result.exit()).as(String.join("\n", result.err())).isEqualTo(2);
        assertThat(result.err()).first().asString().startsWith("idmap serve: cannot start: the configuration file");
        assertThat(result.err()).anyMatch(line -> line.startsWith("\tat "));
    }
}
