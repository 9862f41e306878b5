package dev.idmap.cli;

import java.io.Console;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * What commands read from outside their options: stdin, environment variables, the user's configuration directory,
 * whether stdout is a terminal, and the clock. {@link #system()} for {@code main}; tests build their own.
 */
public record Environment(
        InputStream stdin, UnaryOperator<String> variables, Path configDir, boolean terminal, Clock clock) {

    public static Environment system() {
        return new Environment(
                System.in, System::getenv, userConfigDir(System::getenv), isTerminal(), Clock.systemUTC());
    }

    public Environment withStdin(InputStream in) {
        return new Environment(in, variables, configDir, terminal, clock);
    }

    /** {@code $XDG_CONFIG_HOME/idmap}, else {@code ~/.config/idmap} (on Windows {@code %APPDATA%\idmap}). */
    static Path userConfigDir(UnaryOperator<String> variables) {
        var xdg = variables.apply("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "idmap");
        }
        var appData = variables.apply("APPDATA");
        if (appData != null && !appData.isBlank()) {
            return Path.of(appData, "idmap");
        }
        return Path.of(System.getProperty("user.home"), ".config", "idmap");
    }

    /** Whether stdout is a terminal: {@code Console.isTerminal()} where the JDK has it (22+), else a console. */
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true;
        }
    }
}
