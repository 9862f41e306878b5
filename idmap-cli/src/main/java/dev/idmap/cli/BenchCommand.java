package dev.idmap.cli;

import dev.idmap.cli.bench.Benchmarks;
import dev.idmap.cli.bench.DatabaseBench;
import dev.idmap.cli.bench.Scenario;
import dev.idmap.cli.bench.ServiceBench;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.Simulator;
import dev.idmap.sim.http.RateLimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The benchmarks (not a test): per scenario and run, {@code idmap map} against a simulated migration beside the
 * fetch-and-parse baseline, the same under latency and rate limits against their floor, and the service's job,
 * downloads and load test; rewrites {@code BENCHMARKS.md} and {@code BENCHMARKS.json}.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks idmap against simulated migrations and writes BENCHMARKS.md (not a test).")
final class BenchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--scenarios",
            split = ",",
            defaultValue = "jira:100000,confluence:20000",
            description = "PRODUCT:SIZE list, issues for Jira, pages for Confluence (default: ${DEFAULT-VALUE})")
    List<String> scenarios;

    @Option(names = "--runs", defaultValue = "3", description = "runs per scenario (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(
            names = "--latency-ms",
            defaultValue = "50",
            description = "latency of the limited run (default: ${DEFAULT-VALUE})")
    long latencyMs;

    @Option(
            names = "--rate-limit",
            defaultValue = "100/50",
            description = "per-endpoint limit of the limited run, BURST/PER_SECOND (default: ${DEFAULT-VALUE})")
    String rateLimit;

    @Option(names = "--no-limited", description = "skip the run under latency and rate limits")
    boolean noLimited;

    @Option(names = "--no-service", description = "skip the service job, downloads and load test")
    boolean noService;

    @Option(
            names = "--heap",
            defaultValue = "256m",
            description = "-Xmx of the engine process, as ./idmap gives map (default: ${DEFAULT-VALUE})")
    String heap;

    @Option(
            names = "--service-heap",
            defaultValue = "512m",
            description = "-Xmx of the service process (default: ${DEFAULT-VALUE})")
    String serviceHeap;

    @Option(names = "--load-seconds", defaultValue = "10", description = "wrk duration per endpoint")
    long loadSeconds;

    @Option(names = "--out", defaultValue = ".", description = "directory of BENCHMARKS.md and BENCHMARKS.json")
    Path out;

    @Option(
            names = "--database",
            paramLabel = "JDBC_URL",
            description = "run idmap map against this PostgreSQL (passed as map --database, with --database-user and"
                    + " the password from IDMAP_DATABASE_PASSWORD) instead of its embedded default; the server's"
                    + " processes are measured beside the engine when it runs on this machine")
    String database;

    @Option(names = "--database-user", description = "user of the --database (passed to map)")
    String databaseUser;

    @Option(names = "--render", description = "only rewrite BENCHMARKS.md from BENCHMARKS.json, run nothing")
    boolean render;

    @Option(
            names = "--add-runs",
            description = "add these runs to a scenario's earlier ones in BENCHMARKS.json instead of replacing them")
    boolean addRuns;

    @Option(
            names = "--databases",
            description = "only the embedded default's database: H2 against the embedded PostgreSQL, side by side"
                    + " (DatabaseBench): start-up, jobs on the demo-size Jira and Confluence simulations and on"
                    + " --databases-large issues, disk, peak PSS of the JVM and the postgres processes, kill -9 after a"
                    + " 202 and after a cancel; lines into benchmarks/results/databases-*.txt")
    boolean databases;

    @Option(
            names = "--databases-only",
            description = "with --databases: only H2 or only EMBEDDED_POSTGRES (default: both, side by side)")
    DatabaseBench.Kind databasesOnly;

    @Option(
            names = "--databases-large-jobs",
            defaultValue = "3",
            description =
                    "jobs on the larger simulation of --databases, for the disk figures (default: ${DEFAULT-VALUE})")
    int databasesLargeJobs;

    @Option(
            names = "--databases-large",
            defaultValue = "10000",
            description = "issues of the larger Jira simulation of --databases (default: ${DEFAULT-VALUE})")
    long databasesLarge;

    @Option(
            names = "--service-path",
            description =
                    "also, per Jira scenario, the service path with peaks per job phase and lookups of the"
                            + " detailed report's rows (ServiceBench without the load test); lines into benchmarks/results/service-path-*.txt")
    boolean servicePath;

    @Option(
            names = "--lookups",
            defaultValue = "100000",
            description = "--service-path: rows of the detailed report looked up by id (default: ${DEFAULT-VALUE})")
    long lookups;

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 1");
        }
        var settings = new Benchmarks.Settings(
                parseScenarios(),
                runs,
                latencyMs,
                parseRateLimit(),
                !noLimited,
                !noService,
                heap,
                serviceHeap,
                4, // the engine's crawl workers (MapCommand)
                Duration.ofSeconds(loadSeconds),
                200,
                out,
                "./idmap "
                        + String.join(" ", spec.commandLine().getParseResult().originalArgs())
                                // a password given in the database URL's query stays out of BENCHMARKS.md
                                .replaceAll("(--database[ =]jdbc:[^ ?]*)\\?[^ ]*", "$1"),
                addRuns,
                java.util.Optional.ofNullable(database),
                java.util.Optional.ofNullable(databaseUser));
        if (render) {
            new Benchmarks(settings, spec.commandLine().getOut()).render();
            return 0;
        }
        if (databases) {
            databases();
            return 0;
        }
        new Benchmarks(settings, spec.commandLine().getOut()).run();
        if (servicePath) {
            servicePath(settings.scenarios());
        }
        return 0;
    }

    private void databases() throws Exception {
        var work = Files.createTempDirectory("idmap-databases-");
        var lines = new ArrayList<String>();
        lines.add("# idmap embedded database benchmark " + Instant.now() + " ("
                + Runtime.getRuntime().availableProcessors() + " cores; heap " + serviceHeap + "; load average "
                + DatabaseBench.loadAverage() + ")");
        lines.add("# " + "./idmap "
                + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        var large = new Scenario(SimProduct.JIRA, databasesLarge);
        try (var jira = Simulator.start(SimConfig.builder(SimProduct.JIRA)
                        .seed(42)
                        .outputDirectory(work.resolve("sim-jira"))
                        .build());
                var confluence = Simulator.start(SimConfig.builder(SimProduct.CONFLUENCE)
                        .seed(42)
                        .outputDirectory(work.resolve("sim-confluence"))
                        .build());
                var jiraLarge = Simulator.start(SimConfig.builder(SimProduct.JIRA)
                        .scale(large.scale())
                        .outputDirectory(work.resolve("sim-jira-large"))
                        .build())) {
            lines.addAll(new DatabaseBench(
                            serviceHeap,
                            databasesOnly == null ? List.of(DatabaseBench.Kind.values()) : List.of(databasesOnly))
                    .run(
                            List.of(
                                    new DatabaseBench.Jobs("jira-demo", jira, 3),
                                    new DatabaseBench.Jobs("confluence-demo", confluence, 3)),
                            new DatabaseBench.Jobs(large.key(), jiraLarge, databasesLargeJobs),
                            work));
        }
        var results = Files.createDirectories(out.resolve("benchmarks/results"));
        var file = results.resolve(
                "databases-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".txt");
        lines.add("# load average at the end " + DatabaseBench.loadAverage());
        Files.write(file, lines);
        spec.commandLine().getOut().println("written to " + file + " (work directory " + work + ")");
    }

    private void servicePath(List<Scenario> scenarios) throws Exception {
        var lines = new ArrayList<String>();
        lines.add("# idmap service path benchmark " + Instant.now() + " ("
                + Runtime.getRuntime().availableProcessors() + " cores; heap " + serviceHeap + ")");
        for (var scenario : scenarios) {
            if (scenario.product() != SimProduct.JIRA) {
                continue;
            }
            var work = Files.createTempDirectory("idmap-service-path-");
            try (var sim = Simulator.start(SimConfig.builder(SimProduct.JIRA)
                    .scale(scenario.scale())
                    .outputDirectory(work.resolve("sim"))
                    .build())) {
                // the service path alone: no load test; lookups of the detailed report's rows instead
                lines.addAll(ServiceBench.withLookups(serviceHeap, lookups)
                        .run(sim, Files.createDirectories(work.resolve("service-path")))
                        .lines(scenario.size()));
            }
        }
        var results = Files.createDirectories(out.resolve("benchmarks/results"));
        var file = results.resolve(
                "service-path-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".txt");
        Files.write(file, lines);
        lines.forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().println("written to " + file);
    }

    private List<Scenario> parseScenarios() {
        var parsed = new ArrayList<Scenario>();
        for (var text : scenarios) {
            var parts = text.strip().split(":");
            try {
                parsed.add(
                        new Scenario(SimProduct.valueOf(parts[0].toUpperCase(Locale.ROOT)), Long.parseLong(parts[1])));
            } catch (RuntimeException e) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--scenarios takes PRODUCT:SIZE items such as jira:100000 or confluence:20000, not '" + text
                                + "'" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
            }
        }
        return parsed;
    }

    private RateLimit parseRateLimit() {
        var parts = rateLimit.split("/");
        try {
            return new RateLimit(Integer.parseInt(parts[0]), Double.parseDouble(parts[1]));
        } catch (RuntimeException e) {
            throw new ParameterException(
                    spec.commandLine(), "--rate-limit takes BURST/PER_SECOND such as 100/50, not '" + rateLimit + "'");
        }
    }
}
