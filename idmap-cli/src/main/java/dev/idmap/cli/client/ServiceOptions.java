package dev.idmap.cli.client;

import dev.idmap.cli.Environment;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where the service is and how to authenticate, shared by every client command: {@code --server}, else
 * {@code IDMAP_URL}, else {@code server=} in {@code config.properties} of the user's configuration directory; the
 * API token from {@code --token-file}, else {@code IDMAP_TOKEN}, else {@code token-file=} in that file. The token is
 * read, never printed.
 */
public final class ServiceOptions {

    static final String CONFIG_FILE = "config.properties";

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "the idmap service, e.g. https://idmap.example.com (default: env IDMAP_URL, or server= in"
                    + " ~/.config/idmap/config.properties)")
    URI server;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "file holding the API token (default: env IDMAP_TOKEN, or token-file= in the config file)")
    Path tokenFile;

    /** A client for the service; a missing server or token is a usage error naming the three places to give it. */
    IdmapClient client(CommandSpec spec, Environment environment) {
        var config = config(spec, environment);
        var url = server != null ? server.toString() : environment.variables().apply("IDMAP_URL");
        if (url == null || url.isBlank()) {
            url = config.getProperty("server");
        }
        if (url == null || url.isBlank()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "no service to talk to: give --server URL, set IDMAP_URL, or write server=URL in "
                            + environment.configDir().resolve(CONFIG_FILE));
        }
        URI base;
        try {
            base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--server " + url + " is not a URL");
        }
        if (base.getScheme() == null || base.getHost() == null) {
            throw new ParameterException(
                    spec.commandLine(), "--server " + url + " must be an absolute URL such as http://127.0.0.1:8080");
        }
        return new IdmapClient(base, "Bearer " + token(spec, environment, config));
    }

    private String token(CommandSpec spec, Environment environment, Properties config) {
        var file = tokenFile;
        if (file == null) {
            var fromEnvironment = environment.variables().apply("IDMAP_TOKEN");
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                return fromEnvironment.strip();
            }
            var configured = config.getProperty("token-file");
            file = configured == null || configured.isBlank() ? null : Path.of(configured);
        }
        if (file == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "no API token: give --token-file FILE, set IDMAP_TOKEN, or write token-file=FILE in "
                            + environment.configDir().resolve(CONFIG_FILE));
        }
        try {
            var token = Files.readString(file).strip();
            if (token.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "the token file " + file + " is empty");
            }
            return token;
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read the token file " + file);
        }
    }

    private static Properties config(CommandSpec spec, Environment environment) {
        var properties = new Properties();
        var file = environment.configDir().resolve(CONFIG_FILE);
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read " + file + ": " + e.getMessage());
            }
        }
        return properties;
    }
}
