package dev.idmap.cli;

import dev.idmap.cli.client.CancelCommand;
import dev.idmap.cli.client.DownloadCommand;
import dev.idmap.cli.client.JobsCommand;
import dev.idmap.cli.client.LookupCommand;
import dev.idmap.cli.client.RunCommand;
import dev.idmap.cli.client.StatusCommand;
import dev.idmap.cli.client.TriggerCommand;
import dev.idmap.cli.redirects.RedirectsCommand;
import dev.idmap.cli.rewrite.RewriteCommand;
import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; {@link #commandLine()} builds the same command line for {@code main} and for tests. */
@Command(
        name = "idmap",
        mixinStandardHelpOptions = true,
        versionProvider = BuildVersion.class,
        description = "Maps Atlassian Server/Data Center IDs to their Cloud IDs after a migration.",
        subcommands = {
            DemoCommand.class,
            ServeCommand.class,
            MapCommand.class,
            SimCommand.class,
            BenchCommand.class,
            RunCommand.class,
            TriggerCommand.class,
            StatusCommand.class,
            DownloadCommand.class,
            JobsCommand.class,
            CancelCommand.class,
            LookupCommand.class,
            RewriteCommand.class,
            RedirectsCommand.class,
            HashSecretCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 success, 1 the work failed, 2 bad usage; the client commands also 3 the job ended in"
                    + " ERROR, 4 the service is unreachable or refused the credentials, 5 gave up waiting.",
        })
public final class IdmapCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line of {@code main}, on the process's stdin, environment and terminal. */
    public static CommandLine commandLine() {
        return commandLine(Environment.system());
    }

    /** The same command line on a given environment, for tests. */
    public static CommandLine commandLine(Environment environment) {
        return new CommandLine(new IdmapCommand(), new EnvironmentFactory(environment))
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Builds commands, handing the {@link Environment} to those whose constructor takes it. */
    private record EnvironmentFactory(Environment environment) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            Constructor<K> constructor;
            try {
                constructor = type.getDeclaredConstructor(Environment.class);
            } catch (NoSuchMethodException noEnvironment) {
                return CommandLine.defaultFactory().create(type);
            }
            constructor.setAccessible(true);
            return constructor.newInstance(environment);
        }
    }
}
