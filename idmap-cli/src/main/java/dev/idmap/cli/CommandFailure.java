package dev.idmap.cli;

/** A command cannot go on; {@link IdmapSubcommand} prints the message as one line and exits with the code. */
public class CommandFailure extends RuntimeException {

    private final ExitCode exitCode;

    public CommandFailure(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
