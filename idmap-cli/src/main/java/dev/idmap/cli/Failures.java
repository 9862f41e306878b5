package dev.idmap.cli;

import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.engine.UnknownContainers;
import dev.idmap.core.storage.embedded.EmbeddedPostgresFailure;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How every command reports a mistake or a failure: one line naming what to fix, prefixed with the command, and the
 * documented exit code (2 bad usage, 1 the work failed). A usage error adds a one-line hint to {@code --help}, not the
 * whole usage; a stack trace only with {@code --verbose}.
 */
final class Failures implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

    static final int FAILED = ExitCode.FAILED.code();
    static final int USAGE = ExitCode.USAGE.code();

    /** A failure whose message already says what to fix; no stack trace is useful to the user. */
    static final class UserFacing extends RuntimeException {
        private final int exitCode;

        UserFacing(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        UserFacing(int exitCode, String message, Throwable cause) {
            super(message, cause);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        var commandLine = ex.getCommandLine();
        var err = commandLine.getErr();
        err.println(name(commandLine) + ": " + ex.getMessage());
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
            var suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                err.println("Did you mean: " + String.join(" or ", suggestions) + "?");
            }
        }
        err.println("Try '" + name(commandLine) + " --help' for more information.");
        err.flush();
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        var err = commandLine.getErr();
        int exitCode;
        String message;
        switch (ex) {
            case ParameterException usage -> {
                return handleParseException(usage, new String[0]);
            }
            case UserFacing known -> {
                exitCode = known.exitCode();
                message = known.getMessage();
            }
            case CrawlFailure failure -> {
                exitCode = FAILED;
                message = failure.getMessage();
            }
            case EmbeddedPostgresFailure database -> {
                exitCode = FAILED;
                message = database.getMessage();
            }
            case UnknownContainers unknown -> {
                exitCode = USAGE;
                message = "--projects: " + unknown.getMessage();
            }
            default -> {
                exitCode = FAILED;
                message = describe(ex) + " (run with --verbose for the stack trace)";
            }
        }
        err.println(name(commandLine) + ": " + message);
        if (verbose(parseResult)) {
            ex.printStackTrace(err instanceof PrintWriter writer ? writer : new PrintWriter(System.err, true));
        }
        err.flush();
        return exitCode;
    }

    /** What went wrong, for a person: the message and the causes' messages, without class names where they say it. */
    static String describe(Throwable error) {
        var text = new StringBuilder();
        for (var cause = error; cause != null; cause = cause.getCause()) {
            var part = switch (cause) {
                case NoSuchFileException e -> "no such file or directory: " + e.getFile();
                case AccessDeniedException e -> "permission denied: " + e.getFile();
                case FileAlreadyExistsException e -> "a file is in the way: " + e.getFile();
                case NotDirectoryException e -> "not a directory: " + e.getFile();
                default -> cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            };
            if (!text.toString().contains(part)) {
                text.append(text.isEmpty() ? "" : ": ").append(part);
            }
        }
        return text.toString();
    }

    private static boolean verbose(ParseResult parseResult) {
        for (var level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String name(CommandLine commandLine) {
        return commandLine.getCommandSpec().qualifiedName(" ");
    }
}
