package dev.idmap.service;

import dev.idmap.core.storage.embedded.EmbeddedPostgres;
import dev.idmap.service.config.ConfigurationCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Starts and stops the idmap server; the entry point behind {@code ./idmap serve [--config idmap.yaml]}.
 *
 * <pre>{@code
 * try (var server = IdmapServer.start(args)) {   // args: [--config <file>] [--<spring.property>=<value>...]
 *     server.awaitShutdown();                   // or use server.port() / server.url()
 * }
 * }</pre>
 *
 * {@code --config <file>} (or {@code --config=<file>}) adds a YAML file to the built-in defaults; any other
 * {@code --key=value} argument sets a property, and environment variables override both (see README).
 *
 * <p>A server that cannot start throws a {@link StartupFailure} whose message is one line naming what to fix; Spring
 * Boot's own failure report is not logged (it is the failure's cause).
 */
public final class IdmapServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final DataDirectoryLock lock;
    private final EmbeddedPostgres database;
    private final Runnable stopDatabaseAtExit;

    private IdmapServer(
            ConfigurableApplicationContext context,
            DataDirectoryLock lock,
            EmbeddedPostgres database,
            Runnable stopDatabaseAtExit) {
        this.context = context;
        this.lock = lock;
        this.database = database;
        this.stopDatabaseAtExit = stopDatabaseAtExit;
    }

    public static IdmapServer start(String... args) {
        return start(List.of(args));
    }

    /**
     * @param extraSources additional Spring configuration classes (tests use this to inject a clock)
     */
    public static IdmapServer start(List<String> args, Class<?>... extraSources) {
        var springArgs = new ArrayList<String>();
        for (int i = 0; i < args.size(); i++) {
            var arg = args.get(i);
            if (arg.equals("--config") || arg.equals("-c")) {
                if (i + 1 >= args.size()) {
                    throw StartupFailure.configuration("--config needs a file: --config idmap.yaml");
                }
                springArgs.add(configLocation(args.get(++i)));
            } else if (arg.startsWith("--config=")) {
                springArgs.add(configLocation(arg.substring("--config=".length())));
            } else {
                springArgs.add(arg);
            }
        }
        var sources = new ArrayList<Class<?>>();
        sources.add(IdmapApplication.class);
        sources.addAll(List.of(extraSources));
        var application = new SpringApplication(sources.toArray(Class<?>[]::new));
        var lock = new AtomicReference<DataDirectoryLock>();
        var database = new AtomicReference<EmbeddedPostgres>();
        application.addListeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) event -> {
            var dataDir = ConfigurationCheck.check(event.getEnvironment());
            lock.set(DataDirectoryLock.acquire(dataDir));
            database.set(DefaultDatabase.startIfUnconfigured(event.getEnvironment(), dataDir));
        });
        // SIGTERM: Spring Boot's shutdown hook closes the context (jobs checkpoint, requests finish), then runs this
        Runnable stopDatabaseAtExit = () -> {
            if (database.get() != null) {
                database.get().close();
            }
        };
        SpringApplication.getShutdownHandlers().add(stopDatabaseAtExit);
        try {
            return new IdmapServer(
                    application.run(springArgs.toArray(String[]::new)), lock.get(), database.get(), stopDatabaseAtExit);
        } catch (RuntimeException e) {
            unregister(stopDatabaseAtExit);
            stopDatabaseAtExit.run();
            if (lock.get() != null) {
                lock.get().close();
            }
            throw StartupFailure.of(e);
        }
    }

    private static void unregister(Runnable shutdownHandler) {
        try {
            SpringApplication.getShutdownHandlers().remove(shutdownHandler);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the handler runs anyway, and stopping twice is harmless
        }
    }

    private static String configLocation(String file) {
        var path = Path.of(file).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw StartupFailure.configuration("the configuration file " + path + " does not exist");
        }
        if (!Files.isReadable(path)) {
            throw StartupFailure.configuration("the configuration file " + path + " is not readable");
        }
        requireYaml(path);
        return "--spring.config.additional-location=file:" + path;
    }

    /**
     * Parses the file once before Spring does: Spring Boot fails on broken YAML before its logging is configured, and
     * names the file only in a message several exceptions deep.
     */
    private static void requireYaml(Path path) {
        try (var reader = Files.newBufferedReader(path)) {
            new Yaml().loadAll(reader).forEach(document -> {});
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            throw StartupFailure.configuration("the configuration file " + path + " is not valid YAML: "
                    + e.getProblem()
                    + (mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)));
        } catch (YAMLException | IOException e) {
            throw StartupFailure.configuration("the configuration file " + path + " cannot be read: " + e.getMessage());
        }
    }

    /** The port the HTTP server listens on (useful with {@code idmap.server.port=0}). */
    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    /** Blocks until the server is closed (e.g. by SIGTERM through the shutdown hook). */
    public void awaitShutdown() throws InterruptedException {
        var done = new java.util.concurrent.CountDownLatch(1);
        context.addApplicationListener(
                (org.springframework.context.ApplicationListener<org.springframework.context.event.ContextClosedEvent>)
                        event -> done.countDown());
        if (!context.isActive()) {
            return;
        }
        done.await();
    }

    /** The embedded database, when no database URL is configured (the default). */
    public java.util.Optional<EmbeddedPostgres> embeddedDatabase() {
        return java.util.Optional.ofNullable(database);
    }

    /** Stops the server: the application context (jobs stop at a checkpoint), then the embedded database. */
    @Override
    public void close() {
        try {
            context.close();
        } finally {
            try {
                unregister(stopDatabaseAtExit);
                stopDatabaseAtExit.run();
            } finally {
                lock.close();
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        try (var server = start(args)) {
            server.awaitShutdown();
        }
    }
}
