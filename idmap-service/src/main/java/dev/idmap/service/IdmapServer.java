package dev.idmap.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

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
 */
public final class IdmapServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private IdmapServer(ConfigurableApplicationContext context) {
        this.context = context;
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
                    throw new IllegalArgumentException("--config needs a file: --config idmap.yaml");
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
        return new IdmapServer(application.run(springArgs.toArray(String[]::new)));
    }

    private static String configLocation(String file) {
        var path = Path.of(file).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("configuration file not found: " + path);
        }
        return "--spring.config.additional-location=file:" + path;
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

    @Override
    public void close() {
        context.close();
    }

    public static void main(String[] args) throws InterruptedException {
        try (var server = start(args)) {
            server.awaitShutdown();
        }
    }
}
