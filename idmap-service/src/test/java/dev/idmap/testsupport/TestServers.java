package dev.idmap.testsupport;

import dev.idmap.service.IdmapServer;
import dev.idmap.service.security.SecretHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.io.FileUtils;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Servers started for tests through the real entry point ({@link IdmapServer#start}) with a generated YAML file, and
 * shared by every test class that asks for the same name (starting Spring is the slow part). Closed when the JVM
 * exits.
 */
public final class TestServers {

    public static final String ALICE = "alice-token-0123456789";
    public static final String BOB = "bob-token-0123456789";
    public static final String ADMIN = "admin-token-0123456789";
    public static final String FLOOD = "flood-token-0123456789";
    public static final String BOB_USER = "bob@company.com";
    public static final String BOB_PASSWORD = "bobs-api-token";
    public static final String SOURCE = "https://jira.company.com";
    public static final String DESTINATION = "https://company.atlassian.net";

    private static final Map<String, Running> RUNNING = new ConcurrentHashMap<>();

    private TestServers() {}

    /** A running server and where its files are. */
    public record Running(IdmapServer server, Path dataDir) {
        public Api api() {
            return new Api(server.url());
        }

        public <T> T bean(Class<T> type) {
            return server.context().getBean(type);
        }
    }

    /** A second source site whose runs the {@link FixedReportEngine} holds on request. */
    public static final String SLOW_SOURCE = "https://jira-slow.company.com";

    public static final String SLOW_CONNECT = "http://127.0.0.1:9/slow";

    /**
     * The shared server on embedded defaults (H2 file, local report files) with the {@link FixedReportEngine}; its
     * sites point at a closed loopback port, so nothing is ever contacted.
     */
    public static Running withFixedEngine() {
        return RUNNING.computeIfAbsent(
                "fixed",
                name -> start(
                        name,
                        List.of(
                                site("jira-dc", SOURCE, "http://127.0.0.1:9"),
                                site("jira-slow", SLOW_SOURCE, SLOW_CONNECT),
                                site("jira-cloud", DESTINATION, "http://127.0.0.1:9")),
                        Map.of(),
                        TestEngineConfiguration.class));
    }

    /** One Jira site definition authenticating with Basic admin + the generated secret file. */
    public static Map<String, Object> site(String name, String url, String connectUrl) {
        return site(name, url, connectUrl, "admin", "SECRET_FILE");
    }

    /** One Jira site definition authenticating with Basic {@code username} and the secret in {@code secretFile}. */
    public static Map<String, Object> site(
            String name, String url, String connectUrl, String username, String secretFile) {
        return site("JIRA", name, url, connectUrl, username, secretFile);
    }

    /** One site definition authenticating with Basic {@code username} and the secret in {@code secretFile}. */
    public static Map<String, Object> site(
            String product, String name, String url, String connectUrl, String username, String secretFile) {
        var site = new LinkedHashMap<String, Object>();
        site.put("name", name);
        site.put("product", product);
        site.put("url", url);
        site.put("connect-url", connectUrl);
        site.put("auth", Map.of("type", "BASIC", "username", username, "secret-file", secretFile));
        return site;
    }

    /** Starts a server (not shared) with the standard callers, the given sites and extra {@code idmap.*} settings. */
    public static Running start(
            String name, List<Map<String, Object>> sites, Map<String, String> properties, Class<?>... extra) {
        var config = writeConfig(name, sites);
        var args =
                new ArrayList<String>(List.of("--config", config.toString(), "--db-scheduler.polling-interval=200ms"));
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        var server = IdmapServer.start(args, extra);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            FileUtils.deleteQuietly(config.getParent().toFile()); // its embedded database's cluster too
        }));
        return new Running(server, config.getParent().resolve("data"));
    }

    /**
     * Writes an {@code idmap.yaml} in a new directory (data under {@code data/} beside it): loopback, any free port,
     * 1 s heartbeats, the standard callers with hashed secrets, and the given sites.
     */
    public static Path writeConfig(String name, List<Map<String, Object>> sites) {
        try {
            var dir = Files.createTempDirectory("idmap-" + name + "-");
            var secret = Files.writeString(dir.resolve("site.secret"), "site-secret\n");
            var yaml = new StringBuilder();
            yaml.append("idmap:\n");
            yaml.append("  data-dir: ").append(dir.resolve("data")).append('\n');
            yaml.append("  server:\n    port: 0\n    address: 127.0.0.1\n");
            yaml.append("  jobs:\n    heartbeat: 1s\n");
            yaml.append("  api:\n    trigger-rate:\n      burst: 60\n      per-minute: 60\n    max-body-size: 2KB\n");
            yaml.append("    callers:\n");
            caller(yaml, "alice", false, ALICE, null, null);
            caller(yaml, "bob", false, BOB, BOB_USER, "{bcrypt}" + new BCryptPasswordEncoder(4).encode(BOB_PASSWORD));
            caller(yaml, "admin", true, ADMIN, null, null);
            caller(yaml, "flood", false, FLOOD, null, null);
            yaml.append("  sites:\n");
            for (var site : sites) {
                yaml.append("    - name: ").append(site.get("name")).append('\n');
                yaml.append("      product: ").append(site.get("product")).append('\n');
                yaml.append("      url: ").append(site.get("url")).append('\n');
                yaml.append("      connect-url: ")
                        .append(site.get("connect-url"))
                        .append('\n');
                @SuppressWarnings("unchecked")
                var auth = (Map<String, String>) site.get("auth");
                yaml.append("      auth:\n");
                for (var entry : auth.entrySet()) {
                    var value = entry.getValue().equals("SECRET_FILE") ? secret.toString() : entry.getValue();
                    yaml.append("        ")
                            .append(entry.getKey())
                            .append(": \"")
                            .append(value)
                            .append("\"\n");
                }
            }
            return Files.writeString(dir.resolve("idmap.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void caller(
            StringBuilder yaml, String name, boolean admin, String token, String user, String passwordHash) {
        yaml.append("      - name: ").append(name).append('\n');
        yaml.append("        admin: ").append(admin).append('\n');
        yaml.append("        token-hashes: [\"")
                .append(SecretHash.sha256(token))
                .append("\"]\n");
        if (user != null) {
            yaml.append("        username: \"").append(user).append("\"\n");
            yaml.append("        password-hash: \"").append(passwordHash).append("\"\n");
        }
    }
}
