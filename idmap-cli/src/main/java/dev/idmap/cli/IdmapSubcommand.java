package dev.idmap.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of the client, rewrite and redirects commands: a command answers an {@link ExitCode}, and a
 * {@link CommandFailure} becomes one line on stderr naming the command ({@code idmap rewrite: …}) and its exit
 * code, never a stack trace. Usage errors stay picocli's {@code ParameterException} (exit 2 with the usage).
 */
public abstract class IdmapSubcommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    protected abstract ExitCode execute() throws Exception;

    @Override
    public final Integer call() throws Exception {
        try {
            return execute().code();
        } catch (CommandFailure failure) {
            err().println("idmap " + spec.name() + ": " + failure.getMessage());
            err().flush();
            return failure.exitCode().code();
        }
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected picocli.CommandLine.ParameterException usage(String message) {
        return new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }
}
