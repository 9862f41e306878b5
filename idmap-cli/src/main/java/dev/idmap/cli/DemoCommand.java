package dev.idmap.cli;

import dev.idmap.cli.client.IdmapClient;
import dev.idmap.cli.client.JobStatus;
import dev.idmap.cli.demo.Accuracy;
import dev.idmap.cli.demo.ServedSimulation;
import dev.idmap.service.IdmapServer;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.io.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The end-to-end demo: simulated Data Center and Cloud sites, the service on embedded defaults (the PostgreSQL server
 * idmap runs itself, local report storage), and the documented workflow driven through the HTTP API exactly as a user's script would.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Starts simulated sites and the service on embedded defaults, then runs trigger -> poll -> "
                + "download through the HTTP API and prints a summary scored against the simulator's ground truth.")
final class DemoCommand implements Callable<Integer> {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--product",
            split = ",",
            description = "products to demonstrate (default: ${DEFAULT-VALUE})",
            defaultValue = "JIRA,CONFLUENCE")
    List<SimProduct> products;

    @Option(names = "--seed", description = "simulator seed (default: ${DEFAULT-VALUE})", defaultValue = "42")
    long seed;

    @Option(
            names = "--work-dir",
            description = "where the demo keeps its database and reports (default: a new " + "temporary directory)")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("idmap-demo-");
        out.println("idmap demo — work directory " + dir);
        var simulations = new ArrayList<SimulatedMigration>();
        try {
            for (var product : products) {
                var simulation = Simulator.start(SimConfig.builder(product)
                        .seed(seed)
                        .outputDirectory(Files.createDirectories(
                                dir.resolve("sim-" + product.name().toLowerCase())))
                        .build());
                simulations.add(simulation);
                out.printf(
                        "simulated %s: Data Center at %s, Cloud at %s%n",
                        product, simulation.sourceBaseUrl(), simulation.destinationBaseUrl());
            }
            var token = ServedSimulation.randomToken();
            var args = ServedSimulation.serverArguments(dir, simulations, "demo", token, 0);
            try (var server = IdmapServer.start(args)) {
                out.println("idmap service on " + server.url() + " ("
                        + server.embeddedDatabase()
                                .map(database ->
                                        "embedded PostgreSQL " + database.version() + " in " + database.directory())
                                .orElse("configured database")
                        + ", local report storage)");
                var client = new IdmapClient(URI.create(server.url()), "Bearer " + token);
                boolean allPerfect = true;
                for (var simulation : simulations) {
                    allPerfect &= runWorkflow(out, client, simulation, dir);
                }
                out.println(allPerfect ? "demo: OK" : "demo: FAILED — see the rows above");
                return allPerfect ? 0 : 1;
            }
        } finally {
            simulations.forEach(SimulatedMigration::close);
            if (workDir == null) {
                // a temporary work directory keeps the reports to look at, not the service's database (~50 MiB)
                var removed = FileUtils.deleteQuietly(dir.resolve("data").toFile());
                out.println("reports kept in " + dir + (removed ? "; the demo's database is removed" : ""));
            }
        }
    }

    private boolean runWorkflow(PrintWriter out, IdmapClient client, SimulatedMigration simulation, Path dir)
            throws Exception {
        var product = simulation.product().name();
        out.printf("%n== %s ==%n", product);
        out.printf(
                "POST /migrations/reports/v1/id-mappings/trigger {\"product\":\"%s\",\"sourceURL\":\"%s\","
                        + "\"destinationURL\":\"%s\"}%n",
                product,
                ServedSimulation.publicSourceUrl(simulation),
                ServedSimulation.publicDestinationUrl(simulation));
        var job = client.trigger(
                product,
                ServedSimulation.publicSourceUrl(simulation),
                ServedSimulation.publicDestinationUrl(simulation));
        out.printf("  -> 202 {\"jobId\":\"%s\",\"status\":\"%s\"}%n", job.jobId(), job.status());

        var started = Instant.now();
        String lastLine = "";
        while (!job.finished()) {
            if (Duration.between(started, Instant.now()).compareTo(TIMEOUT) > 0) {
                out.println("  job did not finish within " + TIMEOUT.toMinutes() + " minutes");
                return false;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
            job = client.status(job.jobId());
            var line = describe(job);
            if (!line.equals(lastLine)) {
                out.println("  GET …/" + job.jobId() + " -> " + line);
                lastLine = line;
            }
        }
        if (!"SUCCESS".equals(job.status())) {
            out.println("  job ended in " + job.status() + ": " + job.errorMessage());
            return false;
        }
        var elapsed = Duration.between(started, Instant.now());

        var link = client.download(job.jobId(), false);
        out.printf("  GET …/%s/download -> downloadUrl (expiresIn %d s)%n", job.jobId(), link.expiresIn());
        var compatible = client.fetch(link, dir.resolve(product.toLowerCase() + "-id-mappings.csv"));
        var detailed = client.fetch(
                client.download(job.jobId(), true), dir.resolve(product.toLowerCase() + "-id-mappings-detailed.csv"));
        out.println("  fetched without credentials: " + compatible + ", " + detailed);

        var result = job.body().path("result");
        out.printf(
                "  %s source entities: %s matched, %s unmatched, %s ambiguous (in %.1f s)%n",
                result.path("rows").asString("?"),
                result.path("matched").asString("?"),
                result.path("unmatched").asString("?"),
                result.path("ambiguous").asString("?"),
                elapsed.toMillis() / 1000.0);
        var accuracy = Accuracy.score(simulation.groundTruth(), compatible, detailed);
        out.printf(
                "  against the simulator's ground truth: precision %.2f%% (%d right, %d wrong), recall %.2f%% of %d "
                        + "identifiable, %d/%d designed ambiguous/unmatched cases reported as such%n",
                100 * accuracy.precision(),
                accuracy.correct(),
                accuracy.wrong(),
                100 * accuracy.recall(),
                accuracy.expectedMatches(),
                accuracy.nonMatchesAsDesigned(),
                accuracy.expectedNonMatches());
        accuracy.failuresByCase().forEach((what, count) -> out.printf("    %-60s %d%n", what, count));
        return accuracy.wrong() == 0;
    }

    private static String describe(JobStatus job) {
        return job.percent() >= 0 ? job.status() + " " + job.phase() + " " + job.percent() + "%" : job.status();
    }
}
