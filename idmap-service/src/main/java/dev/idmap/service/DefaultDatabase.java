package dev.idmap.service;

import dev.idmap.core.storage.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * idmap's database when none is configured ({@code idmap.database.url} empty, the default): a PostgreSQL server that the
 * service runs itself in {@code <data-dir>/postgres} ({@link EmbeddedPostgres}), started before Spring creates the
 * connection pool and stopped after the application context has closed. A configured URL (PostgreSQL, or H2 for
 * small trials) is used as it is.
 */
final class DefaultDatabase {

    private static final Logger log = LoggerFactory.getLogger(DefaultDatabase.class);

    static final String DIRECTORY = "postgres";
    private static final String PROPERTY_SOURCE = "idmap-embedded-database";

    private DefaultDatabase() {}

    /** Starts the embedded server when no database is configured, and points {@code idmap.database.*} at it. */
    static EmbeddedPostgres startIfUnconfigured(ConfigurableEnvironment environment, Path dataDir) {
        var url = environment.getProperty("idmap.database.url", "");
        if (!url.isBlank()) {
            return null;
        }
        var maxConnections = environment.getProperty("idmap.database.max-connections", Integer.class, 16);
        var postgres = EmbeddedPostgres.start(dataDir.resolve(DIRECTORY), maxConnections);
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        PROPERTY_SOURCE,
                        Map.of(
                                "idmap.database.url", postgres.jdbcUrl(),
                                "idmap.database.username", postgres.user(),
                                "idmap.database.password", postgres.password())));
        var started = postgres.started();
        log.info(
                "database: embedded PostgreSQL {} in {} on 127.0.0.1:{} ({} in {} s{})",
                postgres.version(),
                postgres.directory(),
                postgres.port(),
                started.initialized() ? "created" : "started",
                String.format(Locale.ROOT, "%.1f", started.took().toMillis() / 1000.0),
                started.stoppedLeftOver() ? "; first stopped the server a killed idmap had left running" : "");
        return postgres;
    }
}
