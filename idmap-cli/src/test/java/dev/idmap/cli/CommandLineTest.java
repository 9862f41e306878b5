package dev.idmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void help_lists_the_commands() {
        // given
        var out = new StringWriter();
        var commandLine = IdmapCommand.commandLine().setOut(new PrintWriter(out));

        // when
        int exit = commandLine.execute("--help");

        // then
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("demo").contains("Exit codes");
    }

    @Test
    void an_unknown_command_is_a_usage_error() {
        var commandLine = IdmapCommand.commandLine()
                .setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(new StringWriter()));

        assertThat(commandLine.execute("no-such-command")).isEqualTo(2);
    }
}
