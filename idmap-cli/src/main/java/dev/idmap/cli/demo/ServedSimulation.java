package dev.idmap.cli.demo;

import dev.idmap.service.security.SecretHash;
import dev.idmap.sim.SimulatedMigration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@code idmap serve} configured for simulated migrations, as the demo and the benchmarks run it: embedded defaults
 * under a work directory, loopback only, one caller with a random token, and per simulation a Data Center and a
 * Cloud site named by https identities that the service reaches through their {@code connect-url}.
 */
public final class ServedSimulation {

    private ServedSimulation() {}

    /** The URL users name in the trigger for the Data Center site. */
    public static String publicSourceUrl(SimulatedMigration simulation) {
        return "https://" + lower(simulation) + ".dc.demo.idmap.invalid";
    }

    /** The URL users name in the trigger for the Cloud site. */
    public static String publicDestinationUrl(SimulatedMigration simulation) {
        return "https://" + lower(simulation) + "-demo.atlassian.net";
    }

    /** A caller token of 24 random bytes, hex. */
    public static String randomToken() {
        var bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A loopback port free right now, for a child process whose port must be known before it starts. */
    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * The server's arguments (without the {@code serve} command): data and secrets under {@code dir}, {@code port}
     * (0: any), one caller {@code callerName} holding {@code token}, logging at WARN.
     */
    public static List<String> serverArguments(
            Path dir, List<SimulatedMigration> simulations, String callerName, String token, int port)
            throws IOException {
        var args = new ArrayList<String>(List.of(
                "--idmap.data-dir=" + dir.resolve("data"),
                "--idmap.server.port=" + port,
                "--idmap.server.address=127.0.0.1",
                "--idmap.api.callers[0].name=" + callerName,
                "--idmap.api.callers[0].token-hashes[0]=" + SecretHash.sha256(token),
                "--logging.level.root=WARN",
                "--logging.level.idmap.access=WARN")); // the demo prints its own requests
        int site = 0;
        for (var simulation : simulations) {
            var product = simulation.product().name();
            var lower = lower(simulation);
            args.addAll(site(
                    site++,
                    lower + "-dc",
                    product,
                    publicSourceUrl(simulation),
                    simulation.sourceBaseUrl(),
                    simulation.sourceCredentials().login(),
                    writeSecret(
                            dir,
                            lower + "-dc.secret",
                            simulation.sourceCredentials().secret())));
            args.addAll(site(
                    site++,
                    lower + "-cloud",
                    product,
                    publicDestinationUrl(simulation),
                    simulation.destinationBaseUrl(),
                    simulation.destinationCredentials().login(),
                    writeSecret(
                            dir,
                            lower + "-cloud.secret",
                            simulation.destinationCredentials().secret())));
        }
        return args;
    }

    private static String lower(SimulatedMigration simulation) {
        return simulation.product().name().toLowerCase(Locale.ROOT);
    }

    private static List<String> site(
            int index, String name, String product, String url, URI connectUrl, String username, Path secretFile) {
        var prefix = "--idmap.sites[" + index + "].";
        return List.of(
                prefix + "name=" + name,
                prefix + "product=" + product,
                prefix + "url=" + url,
                prefix + "connect-url=" + connectUrl,
                prefix + "auth.type=BASIC",
                prefix + "auth.username=" + username,
                prefix + "auth.secret-file=" + secretFile);
    }

    private static Path writeSecret(Path dir, String name, String secret) throws IOException {
        var secrets = Files.createDirectories(dir.resolve("secrets"));
        return Files.writeString(secrets.resolve(name), secret + "\n");
    }
}
