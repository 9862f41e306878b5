package dev.idmap.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; {@link #commandLine()} builds the same command line for {@code main} and for tests. */
@Command(
        name = "idmap",
        mixinStandardHelpOptions = true,
        version = "idmap 0.1.0-SNAPSHOT",
        description = "Maps Atlassian Server/Data Center IDs to their Cloud IDs after a migration.",
        subcommands = {
            DemoCommand.class,
            ServeCommand.class,
            MapCommand.class,
            SimCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 success, 1 the work failed, 2 bad usage.",
        })
public final class IdmapCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(
            names = "--verbose",
            scope = CommandLine.ScopeType.INHERIT,
            description = "print the stack trace of a failure")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        var failures = new Failures();
        return new CommandLine(new IdmapCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(failures)
                .setExecutionExceptionHandler(failures);
    }
}
