package dev.idmap.cli.testing;

import dev.idmap.cli.client.DownloadLink;
import dev.idmap.cli.client.IdmapClient;
import dev.idmap.cli.client.JobStatus;
import dev.idmap.service.IdmapServer;
import dev.idmap.service.security.SecretHash;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * A real idmap service on embedded defaults with simulated Jira and Confluence Data Center and Cloud sites, started
 * once per test JVM through the real entry point and shared by the client, redirect and JCMA tests (starting Spring
 * and generating sites is the slow part). The Data Center sites opt in to redirects. Closed when the JVM exits.
 */
public final class SimulatedService {

    public static final String TOKEN = "cli-test-token-0123456789";
    public static final String OTHER_TOKEN = "cli-other-token-0123456789";

    private static SimulatedService shared;

    private final Path dir;
    private final Map<SimProduct, SimulatedMigration> simulations = new EnumMap<>(SimProduct.class);
    private final IdmapServer server;
    private final Map<SimProduct, Path> detailedReports = new EnumMap<>(SimProduct.class);
    private final Map<SimProduct, String> jobIds = new EnumMap<>(SimProduct.class);

    public static synchronized SimulatedService shared() {
        if (shared == null) {
            shared = new SimulatedService();
            var started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return shared;
    }

    private SimulatedService() {
        try {
            dir = Files.createTempDirectory("idmap-cli-test-");
            for (var product : SimProduct.values()) {
                simulations.put(
                        product,
                        Simulator.start(SimConfig.builder(product)
                                .seed(42)
                                .outputDirectory(Files.createDirectories(dir.resolve("sim-" + product)))
                                .build()));
            }
            server = IdmapServer.start(arguments());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return server.url();
    }

    public IdmapClient client() {
        return new IdmapClient(URI.create(url()), "Bearer " + TOKEN);
    }

    public SimulatedMigration simulation(SimProduct product) {
        return simulations.get(product);
    }

    public static String sourceUrl(SimProduct product) {
        return "https://" + product.name().toLowerCase() + ".dc.test.idmap.invalid";
    }

    public static String destinationUrl(SimProduct product) {
        return "https://" + product.name().toLowerCase() + "-test.atlassian.net";
    }

    /** A configured Jira Data Center site that cannot be reached: its jobs end in ERROR. */
    public static final String BROKEN_SOURCE = "https://jira-broken.dc.test.idmap.invalid";

    public static String siteName(SimProduct product) {
        return product.name().toLowerCase() + "-dc";
    }

    /** The id of a finished mapping of the product, run once for all tests (as the test token's caller). */
    public synchronized String finishedJob(SimProduct product) {
        return jobIds.computeIfAbsent(product, p -> {
            var client = client();
            var job = client.trigger(p.name(), sourceUrl(p), destinationUrl(p));
            var finished = Awaitility.await()
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> client.status(job.jobId()), JobStatus::finished);
            if (!"SUCCESS".equals(finished.status())) {
                throw new IllegalStateException(
                        "the mapping of " + p + " ended " + finished.status() + ": " + finished.errorMessage());
            }
            return job.jobId();
        });
    }

    /** The detailed report of {@link #finishedJob}, downloaded once. */
    public synchronized Path detailedReport(SimProduct product) {
        return detailedReports.computeIfAbsent(product, p -> {
            var client = client();
            DownloadLink link = client.download(finishedJob(p), true);
            return client.fetch(link, dir.resolve(p.name().toLowerCase() + "-detailed.csv"));
        });
    }

    public Path directory() {
        return dir;
    }

    private List<String> arguments() throws IOException {
        var args = new ArrayList<>(List.of(
                "--idmap.data-dir=" + dir.resolve("data"),
                // H2's async file system: a cancel interrupts the job's thread, and on the default (interruptible)
                // file channel an interrupt during a write closes the embedded database for every later job
                "--idmap.database.url=jdbc:h2:async:" + dir.resolve("data/db/idmap")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE",
                "--idmap.server.port=0",
                "--idmap.server.address=127.0.0.1",
                "--idmap.api.callers[0].name=cli-test",
                "--idmap.api.callers[0].token-hashes[0]=" + SecretHash.sha256(TOKEN),
                "--idmap.api.callers[1].name=other",
                "--idmap.api.callers[1].token-hashes[0]=" + SecretHash.sha256(OTHER_TOKEN),
                "--logging.level.root=WARN"));
        int index = 0;
        for (var entry : simulations.entrySet()) {
            var product = entry.getKey();
            var simulation = entry.getValue();
            var lower = product.name().toLowerCase();
            args.addAll(site(
                    index++,
                    siteName(product),
                    product,
                    sourceUrl(product),
                    simulation.sourceBaseUrl(),
                    simulation.sourceCredentials().login(),
                    secret(lower + "-dc", simulation.sourceCredentials().secret()),
                    true));
            args.addAll(site(
                    index++,
                    lower + "-cloud",
                    product,
                    destinationUrl(product),
                    simulation.destinationBaseUrl(),
                    simulation.destinationCredentials().login(),
                    secret(lower + "-cloud", simulation.destinationCredentials().secret()),
                    false));
        }
        args.addAll(List.of(
                "--idmap.sites[" + index + "].name=jira-broken",
                "--idmap.sites[" + index + "].product=JIRA",
                "--idmap.sites[" + index + "].url=" + BROKEN_SOURCE,
                "--idmap.sites[" + index + "].connect-url=http://127.0.0.1:9",
                "--idmap.sites[" + index + "].auth.type=BASIC",
                "--idmap.sites[" + index + "].auth.username=admin",
                "--idmap.sites[" + index + "].auth.secret-file=" + secret("broken", "nothing")));
        return args;
    }

    /** A file holding the test caller's token, for {@code --token-file}. */
    public Path tokenFile() {
        try {
            var file = dir.resolve("secrets/api-token");
            return Files.exists(file) ? file : Files.writeString(file, TOKEN + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path secret(String name, String secret) throws IOException {
        var secrets = Files.createDirectories(dir.resolve("secrets"));
        return Files.writeString(secrets.resolve(name), secret + "\n");
    }

    private static List<String> site(
            int index,
            String name,
            SimProduct product,
            String url,
            URI connectUrl,
            String username,
            Path secretFile,
            boolean redirects) {
        var prefix = "--idmap.sites[" + index + "].";
        return List.of(
                prefix + "name=" + name,
                prefix + "product=" + product.name(),
                prefix + "url=" + url,
                prefix + "connect-url=" + connectUrl,
                prefix + "auth.type=BASIC",
                prefix + "auth.username=" + username,
                prefix + "auth.secret-file=" + secretFile,
                prefix + "redirects=" + redirects);
    }

    private void close() {
        server.close();
        simulations.values().forEach(SimulatedMigration::close);
    }
}
