package dev.idmap.service;

import dev.idmap.core.storage.embedded.EmbeddedPostgresFailure;
import dev.idmap.service.config.ConfigurationMistake;
import java.sql.SQLException;
import java.time.Duration;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.convert.ConversionFailedException;

/**
 * The server could not start. The message is one line naming what to fix (the configuration key, the file, the port,
 * the data directory); the cause keeps the whole story for {@code --verbose}.
 */
public final class StartupFailure extends RuntimeException {

    /** Whose move it is. */
    public enum Kind {
        /** The configuration is wrong: a key, a value, a file. Fix it and start again. */
        CONFIGURATION,
        /** The configuration may be right, the machine is not ready: a port or a data directory in use, a database down. */
        ENVIRONMENT
    }

    private final Kind kind;

    private StartupFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static StartupFailure configuration(String message) {
        return new StartupFailure(Kind.CONFIGURATION, message, null);
    }

    static StartupFailure environment(String message) {
        return new StartupFailure(Kind.ENVIRONMENT, message, null);
    }

    /** Explains what Spring Boot's start-up threw, from the most telling cause in its chain. */
    static StartupFailure of(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            switch (cause) {
                case StartupFailure known -> {
                    return known;
                }
                case ConfigurationMistake mistake -> {
                    return new StartupFailure(Kind.CONFIGURATION, mistake.getMessage(), failure);
                }
                case UnboundConfigurationPropertiesException unknown -> {
                    var keys = unknown.getUnboundProperties().stream()
                            .map(p -> p.getName() + where(p.getOrigin()))
                            .collect(Collectors.joining(", "));
                    return new StartupFailure(
                            Kind.CONFIGURATION,
                            "unknown configuration key " + keys
                                    + "; the keys idmap reads are documented in idmap-service/README.md",
                            failure);
                }
                case PortInUseException port -> {
                    return new StartupFailure(
                            Kind.ENVIRONMENT,
                            "port " + port.getPort() + " is already in use: stop what listens there or set"
                                    + " idmap.server.port",
                            failure);
                }
                case EmbeddedPostgresFailure database -> {
                    return new StartupFailure(Kind.ENVIRONMENT, database.getMessage(), failure);
                }
                case SQLException sql
                when sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN -> {
                    return new StartupFailure(
                            Kind.ENVIRONMENT,
                            "the data directory is in use by another idmap process (its database is locked: "
                                    + firstLine(sql.getMessage()) + "); stop that process or give this one another"
                                    + " idmap.data-dir",
                            failure);
                }
                case BindException bind
                when bind.getProperty() != null && innermost(bind) != bind -> {
                    var property = bind.getProperty();
                    return new StartupFailure(
                            Kind.CONFIGURATION,
                            property.getName() + ": '" + property.getValue() + "'" + where(property.getOrigin())
                                    + " is not valid: "
                                    + firstLine(innermost(bind).getMessage())
                                    + (convertsTo(bind, Duration.class)
                                            ? " (a duration is written like 30s, 10m, 12h or 7d)"
                                            : ""),
                            failure);
                }
                default -> {
                    // look further down the chain
                }
            }
        }
        return new StartupFailure(Kind.ENVIRONMENT, firstLine(innermost(failure).getMessage()), failure);
    }

    /** H2's error code for a database file locked by another process. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private static String where(Origin origin) {
        if (origin == null) {
            return "";
        }
        var text = origin.toString();
        return text.startsWith("\"") ? "" : " (" + text + ")";
    }

    private static boolean convertsTo(Throwable failure, Class<?> type) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConversionFailedException conversion
                    && conversion.getTargetType().getType() == type) {
                return true;
            }
        }
        return false;
    }

    private static Throwable innermost(Throwable failure) {
        var cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown failure";
        }
        var line = message.lines().findFirst().orElse(message).strip();
        return line.isEmpty() ? message.strip() : line;
    }
}
