package dev.idmap.cli;

import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimScale;
import dev.idmap.sim.SimSite;
import dev.idmap.sim.http.RateLimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The engine benchmark: a simulated Jira migration of N issues served from this process, and {@code idmap map} run
 * against it as a child process whose peak RSS is measured. Prints requests issued versus the minimum number of
 * issue-search pages, wall time versus the floor set by latency and rate limit, and entities per second; appends
 * the figures to a file under {@code benchmarks/results/}.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks the mapping engine against a simulated Jira migration (not a test).")
final class BenchCommand implements Callable<Integer> {

    /** Documented maximum page sizes of the issue searches (atlassian-rest.md §2.2). */
    private static final int DC_SEARCH_PAGE = 1000;

    /** Cloud's {@code /search/jql} with fields beyond id/key, as a full run reads (5000 is for id/key only). */
    private static final int CLOUD_FIELDS_PAGE = 100;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--issues",
            split = ",",
            defaultValue = "100000",
            description = "issue counts (default: ${DEFAULT-VALUE})")
    List<Long> issueCounts;

    @Option(names = "--projects", defaultValue = "10", description = "projects the issues spread over")
    int projects;

    @Option(names = "--latency-ms", defaultValue = "0", description = "simulated latency per request")
    long latencyMs;

    @Option(names = "--rate-limit", description = "per-endpoint burst limit as BURST/PER_SECOND, e.g. 50/100")
    String rateLimit;

    @Option(names = "--child-heap", defaultValue = "512m", description = "-Xmx of the engine process")
    String childHeap;

    @Option(names = "--out", defaultValue = "benchmarks/results", description = "directory for the results file")
    Path out;

    /** What to run against each simulated migration. */
    enum Mode {
        /** {@code idmap map}: the engine alone. */
        engine,
        /** {@code idmap serve}: trigger → poll → publish → download → lookups over HTTP. */
        service
    }

    @Option(
            names = "--mode",
            split = ",",
            defaultValue = "engine",
            description = "engine, service or both (engine,service: side by side on the same simulated sites)")
    List<Mode> modes;

    @Option(
            names = "--lookups",
            defaultValue = "100000",
            description = "service mode: rows of the detailed report looked up by id (default: ${DEFAULT-VALUE})")
    long lookups;

    @Override
    public Integer call() throws Exception {
        var lines = new ArrayList<String>();
        lines.add("# idmap " + modes + " benchmark " + Instant.now() + " ("
                + Runtime.getRuntime().availableProcessors()
                + " cores; latency " + latencyMs + " ms; rate limit " + (rateLimit == null ? "none" : rateLimit)
                + "; engine heap " + childHeap + ")");
        for (long issues : issueCounts) {
            lines.addAll(runOne(issues));
        }
        Files.createDirectories(out);
        var file = out.resolve((modes.contains(Mode.service) ? "service-path-" : "engine-")
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".txt");
        Files.write(file, lines);
        lines.forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().println("written to " + file);
        return 0;
    }

    private List<String> runOne(long issues) throws Exception {
        var scale =
                SimScale.parse("small,projects=" + projects + ",issuesPerProject=" + Math.max(10, issues / projects));
        var config = SimConfig.builder(SimProduct.JIRA).scale(scale).latency(Duration.ofMillis(latencyMs));
        RateLimit limit = null;
        if (rateLimit != null) {
            var parts = rateLimit.split("/");
            limit = new RateLimit(Integer.parseInt(parts[0]), Double.parseDouble(parts[1]));
            config.rateLimit(limit);
        }
        var work = Files.createTempDirectory("idmap-bench-");
        try (var sim = dev.idmap.sim.Simulator.start(
                config.outputDirectory(work.resolve("sim")).build())) {
            var result = new ArrayList<String>();
            if (modes.contains(Mode.engine)) {
                result.addAll(engine(sim, issues, limit, work));
                deleteRecursively(work.resolve("reports")); // its staging database (~14 GB at 1M issues)
            }
            if (modes.contains(Mode.service)) {
                sim.resetRequestCounts();
                var service = new ServicePathBench(
                        ProcessHandle.current().info().command().orElse("java"),
                        System.getProperty("java.class.path"),
                        childHeap,
                        lookups);
                result.addAll(service.run(sim, issues, Files.createDirectories(work.resolve("service-path"))));
            }
            if (result.stream().noneMatch(line -> line.contains("log: "))) {
                deleteRecursively(work); // a failed run's directory stays for its log
            }
            return result;
        }
    }

    private List<String> engine(dev.idmap.sim.SimulatedMigration sim, long issues, RateLimit limit, Path work)
            throws Exception {
        {
            var sourceSecret = Files.writeString(
                    work.resolve("source.secret"), sim.sourceCredentials().secret());
            var cloudSecret = Files.writeString(
                    work.resolve("cloud.secret"), sim.destinationCredentials().secret());
            var command = List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx" + childHeap,
                    "--enable-native-access=ALL-UNNAMED",
                    "-jar",
                    System.getProperty("java.class.path"),
                    "map",
                    "--product",
                    "JIRA",
                    "--source",
                    sim.sourceBaseUrl().toString(),
                    "--destination",
                    sim.destinationBaseUrl().toString(),
                    "--source-auth",
                    "basic:" + sim.sourceCredentials().login() + ":file:" + sourceSecret,
                    "--destination-auth",
                    "basic:" + sim.destinationCredentials().login() + ":file:" + cloudSecret,
                    "-o",
                    work.resolve("reports").toString());
            var started = System.nanoTime();
            var process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("map.log").toFile())
                    .start();
            long peakKb = 0;
            while (process.isAlive()) {
                peakKb = Math.max(peakKb, highWaterMarkKb(process.pid()));
                Thread.sleep(200);
            }
            var wall = Duration.ofNanos(System.nanoTime() - started);
            if (process.exitValue() != 0) {
                return List.of("issues=" + issues + ": idmap map failed (exit " + process.exitValue() + "), log: "
                        + work.resolve("map.log"));
            }
            var source = sim.requestCounts(SimSite.SOURCE);
            var cloud = sim.requestCounts(SimSite.DESTINATION);
            long migratedIssues = sim.groundTruth().stream()
                    .filter(row -> row.entityType().equals("jira:issue") && row.migrated())
                    .count();
            long minIssuePages = minIssuePages(Math.max(10, issues / projects), migratedIssues);
            long issueSearches = count(source, "/search") + count(cloud, "/search/jql");
            long requests = sum(source) + sum(cloud);
            long entities = detailedRows(work.resolve("reports"));
            double floorSeconds = Math.max(
                    floorSeconds(List.of(source, cloud), limit), latencyFloorSeconds(Math.max(10, issues / projects)));
            var result = new ArrayList<String>();
            result.add(String.format(
                    "issues=%d wall=%.1fs floor=%.1fs (x%.1f) requests=%d (source %d, cloud %d) issueSearchRequests=%d"
                            + " minIssuePages=%d (x%.1f) entities=%d entities/s=%.0f peakRssMB=%d",
                    issues,
                    wall.toMillis() / 1000.0,
                    floorSeconds,
                    floorSeconds == 0 ? 0 : wall.toMillis() / 1000.0 / floorSeconds,
                    requests,
                    sum(source),
                    sum(cloud),
                    issueSearches,
                    minIssuePages,
                    minIssuePages == 0 ? 0 : (double) issueSearches / minIssuePages,
                    entities,
                    entities / Math.max(0.001, wall.toMillis() / 1000.0),
                    peakKb / 1024));
            result.add("  source requests by endpoint: " + new TreeMap<>(source));
            result.add("  cloud requests by endpoint:  " + new TreeMap<>(cloud));
            return result;
        }
    }

    /**
     * Issue search pages of a full run on both sites: one walk per project reading the issues with their content,
     * in DC pages of 1000 and Cloud pages of 100. On Cloud, whose projects hold the migrated issues in counts the
     * scenario does not publish per project, the floor of the whole count (each project's last page may add one).
     */
    private long minIssuePages(long issuesPerProject, long migratedIssues) {
        return projects * ceil(issuesPerProject, DC_SEARCH_PAGE) + ceil(migratedIssues, CLOUD_FIELDS_PAGE);
    }

    /**
     * The wall-time floor latency alone imposes: the pages of one project's issue search are a chain (each page's
     * cursor comes from the one before), so no client finishes before the longest chain has been walked.
     */
    private double latencyFloorSeconds(long issuesPerProject) {
        long longestChain = Math.max(ceil(issuesPerProject, DC_SEARCH_PAGE), ceil(issuesPerProject, CLOUD_FIELDS_PAGE));
        return longestChain * latencyMs / 1000.0;
    }

    /**
     * The wall-time floor the sites impose on exactly these requests: each endpoint has its own token bucket, so the
     * busiest endpoint sets the floor (requests beyond its burst, at its refill rate).
     */
    private static double floorSeconds(List<Map<String, Long>> countsPerSite, RateLimit limit) {
        if (limit == null) {
            return 0;
        }
        long busiest = countsPerSite.stream()
                .flatMap(counts -> counts.values().stream())
                .mapToLong(Long::longValue)
                .max()
                .orElse(0);
        return Math.max(0, busiest - limit.burst()) / limit.refillPerSecond();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (var path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static long detailedRows(Path reports) throws IOException {
        try (var files = Files.list(reports)) {
            var detailed = files.filter(p -> p.getFileName().toString().contains("detailed"))
                    .findFirst()
                    .orElseThrow();
            try (var lines = Files.lines(detailed)) {
                return lines.count() - 1;
            }
        }
    }

    private static long highWaterMarkKb(long pid) {
        try {
            for (var line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between the check and the read
        }
        return 0;
    }

    private static long count(Map<String, Long> counts, String pathSuffix) {
        return counts.entrySet().stream()
                .filter(e -> e.getKey().endsWith(pathSuffix))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long ceil(long value, long divisor) {
        return (value + divisor - 1) / divisor;
    }
}
