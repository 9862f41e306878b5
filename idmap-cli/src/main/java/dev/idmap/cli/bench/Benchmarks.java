package dev.idmap.cli.bench;

import dev.idmap.cli.MapCommand;
import dev.idmap.cli.bench.BenchResults.Baseline;
import dev.idmap.cli.bench.BenchResults.Engine;
import dev.idmap.cli.bench.BenchResults.Limited;
import dev.idmap.cli.bench.BenchResults.Machine;
import dev.idmap.cli.bench.BenchResults.Run;
import dev.idmap.cli.bench.BenchResults.ScenarioResult;
import dev.idmap.cli.bench.BenchResults.Service;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimSite;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import dev.idmap.sim.http.RateLimit;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.io.FileUtils;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the benchmark scenarios and rewrites {@code BENCHMARKS.json} and {@code BENCHMARKS.md}: the scenarios run now
 * replace their earlier results, the others are kept, so the sizes can be run at different times.
 */
public final class Benchmarks {

    /**
     * Reads and writes {@code BENCHMARKS.json}; a figure that runs recorded before it was measured reads as 0 (e.g.
     * the CPU time of the engine's child processes, which an engine on in-process H2 did not have).
     */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Settings settings;
    private final PrintWriter out;
    /** Read once at the start: the commit measured is the one the runs started from. */
    private final Machine machine = machine();

    public Benchmarks(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    /** What to run, and how. */
    public record Settings(
            List<Scenario> scenarios,
            int runs,
            long latencyMs,
            RateLimit rateLimit,
            boolean limited,
            boolean service,
            String engineHeap,
            String serviceHeap,
            int inFlight,
            Duration loadDuration,
            int connections,
            Path outputDirectory,
            String command,
            boolean addRuns,
            Optional<String> database,
            Optional<String> databaseUser) {}

    public void run() throws Exception {
        if (settings.service()) { // checked before the first run, not after its map and baseline
            if (!Wrk.installed()) {
                throw new IllegalStateException(
                        "wrk is not installed (apt-get install -y wrk), or run with --no-service");
            }
            PostgresCopy.fromEnvironment().checkReachable();
        }
        var json = settings.outputDirectory().resolve("BENCHMARKS.json");
        var results = Files.exists(json)
                ? JSON.readValue(json.toFile(), BenchResults.class)
                : new BenchResults(new TreeMap<>());
        var scenarios = new TreeMap<>(results.scenarios());
        for (var scenario : settings.scenarios()) {
            var runs = new ArrayList<Run>();
            var earlier = scenarios.get(scenario.key());
            if (settings.addRuns() && earlier != null) {
                runs.addAll(earlier.runs()); // runs of the same code and settings, taken at another time
            }
            for (int i = 1; i <= settings.runs(); i++) {
                out.printf("%s: run %d of %d (load average %s)%n", scenario.title(), i, settings.runs(), loadAverage());
                out.flush();
                var run = runOnce(scenario);
                runs.add(run);
                out.println("  " + summary(run));
                out.flush();
                scenarios.put(scenario.key(), result(scenario, runs));
                write(json, scenario.key(), scenarios.get(scenario.key())); // after every run: a long session keeps it
            }
        }
        out.println("written " + json + " and " + settings.outputDirectory().resolve("BENCHMARKS.md"));
    }

    private ScenarioResult result(Scenario scenario, List<Run> runs) {
        return new ScenarioResult(
                scenario.title(),
                scenario.product().name(),
                scenario.size(),
                machine,
                settings.command(),
                List.copyOf(runs));
    }

    /**
     * Writes one scenario's result into the file as it is now (another invocation may have written other scenarios
     * since this one started), then renders the Markdown from the whole.
     */
    private synchronized void write(Path json, String key, ScenarioResult result) throws IOException {
        Files.createDirectories(settings.outputDirectory());
        var current = Files.exists(json)
                ? new TreeMap<>(
                        JSON.readValue(json.toFile(), BenchResults.class).scenarios())
                : new TreeMap<String, ScenarioResult>();
        current.put(key, result);
        var results = new BenchResults(current);
        JSON.writeValue(json.toFile(), results);
        renderMarkdown(results);
    }

    /** Rewrites {@code BENCHMARKS.md} from {@code BENCHMARKS.json} (and {@code benchmarks/CHANGES.md}) alone. */
    public void render() throws IOException {
        var json = settings.outputDirectory().resolve("BENCHMARKS.json");
        if (!Files.exists(json)) {
            throw new IllegalStateException("no " + json + " to render: run the benchmarks first");
        }
        renderMarkdown(JSON.readValue(json.toFile(), BenchResults.class));
        out.println("written " + settings.outputDirectory().resolve("BENCHMARKS.md"));
    }

    private void renderMarkdown(BenchResults results) throws IOException {
        var changes = settings.outputDirectory().resolve("benchmarks/CHANGES.md");
        var markdown = new BenchmarksMarkdown(results, Files.exists(changes) ? Files.readString(changes) : "");
        Files.writeString(settings.outputDirectory().resolve("BENCHMARKS.md"), markdown.render());
    }

    private Run runOnce(Scenario scenario) throws Exception {
        var startedAt = Instant.now().toString();
        var loadAtStart = loadAverage();
        var work = Files.createTempDirectory("idmap-bench-");
        Engine engine;
        Baseline baseline;
        Service service = null;
        Map<String, Long> neededPerEndpoint;
        try (var sim = Simulator.start(SimConfig.builder(scenario.product())
                .scale(scenario.scale())
                .outputDirectory(work.resolve("sim"))
                .build())) {
            sim.site(SimSite.SOURCE).startRecording();
            sim.site(SimSite.DESTINATION).startRecording();
            var simCpuBefore = harnessCpuSeconds();
            var ended = map(sim, work.resolve("unlimited"));
            var simCpu = harnessCpuSeconds() - simCpuBefore;
            var recorded = List.of(
                    new FetchBaseline.SiteRequests(
                            "source",
                            sim.site(SimSite.SOURCE).rootUrl(),
                            sim.sourceCredentials().login(),
                            sim.sourceCredentials().secret(),
                            sim.site(SimSite.SOURCE).recordedRequests()),
                    new FetchBaseline.SiteRequests(
                            "destination",
                            sim.site(SimSite.DESTINATION).rootUrl(),
                            sim.destinationCredentials().login(),
                            sim.destinationCredentials().secret(),
                            sim.site(SimSite.DESTINATION).recordedRequests()));
            neededPerEndpoint = endpointCounts(sim);
            var baselineCpuBefore = harnessCpuSeconds();
            var replay = new FetchBaseline(settings.inFlight()).replay(recorded, scenario.bulkListings());
            var baselineCpu = harnessCpuSeconds() - baselineCpuBefore;
            var requests = new TreeMap<String, Long>();
            replay.costs().forEach((site, cost) -> requests.put(site, cost.requests()));
            engine = new Engine(
                    ended.process().wall().toMillis() / 1000.0,
                    ended.process().cpu().toMillis() / 1000.0,
                    simCpu,
                    ended.process().peakRssMiB(),
                    detailedRows(work.resolve("unlimited/reports")),
                    requests,
                    replay.costs(),
                    settings.database().map(DatabaseServer::withoutSecrets).orElse("embedded"),
                    ended.process().childrenCpu().toMillis() / 1000.0,
                    ended.process().childrenPeakPssMiB(),
                    ended.serverCpuSeconds(),
                    ended.serverPeakPssMiB());
            baseline = new Baseline(
                    replay.wall().toMillis() / 1000.0,
                    baselineCpu,
                    requests.values().stream().mapToLong(Long::longValue).sum(),
                    replay.bytes(),
                    settings.inFlight());
            if (settings.service()) {
                var measured = new ServiceBench(
                                settings.serviceHeap(),
                                settings.loadDuration(),
                                settings.connections(),
                                PostgresCopy.fromEnvironment(),
                                0)
                        .run(sim, Files.createDirectories(work.resolve("service")));
                service = new Service(
                        measured.jobSeconds(),
                        measured.peakRssMiB(),
                        measured.reportSeconds(),
                        measured.downloads(),
                        measured.load());
            }
        }
        Limited limited = settings.limited() ? limited(scenario, work, neededPerEndpoint) : null;
        FileUtils.deleteDirectory(
                work.toFile()); // a 1M run's staging takes gigabytes; a failed run's stays for its logs
        return new Run(startedAt, loadAtStart, loadAverage(), engine, baseline, limited, service);
    }

    private Limited limited(Scenario scenario, Path work, Map<String, Long> needed) throws Exception {
        var limit = settings.rateLimit();
        try (var sim = Simulator.start(SimConfig.builder(scenario.product())
                .scale(scenario.scale())
                .latency(Duration.ofMillis(settings.latencyMs()))
                .rateLimit(limit)
                .outputDirectory(work.resolve("sim-limited"))
                .build())) {
            var ended = map(sim, work.resolve("limited"));
            long busiest =
                    needed.values().stream().mapToLong(Long::longValue).max().orElse(0);
            double rateFloor = Math.max(0, busiest - limit.burst()) / limit.refillPerSecond();
            double latencyFloor = scenario.longestChain() * settings.latencyMs() / 1000.0;
            long requests = endpointCounts(sim).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            long neededTotal =
                    needed.values().stream().mapToLong(Long::longValue).sum();
            return new Limited(
                    settings.latencyMs(),
                    limit.burst() + "/" + limit.refillPerSecond(),
                    ended.process().wall().toMillis() / 1000.0,
                    Math.max(rateFloor, latencyFloor),
                    requests,
                    requests - neededTotal,
                    ended.process().peakRssMiB());
        }
    }

    /** Counts per {@code site endpoint}: each endpoint of each site has its own token bucket. */
    private static Map<String, Long> endpointCounts(SimulatedMigration sim) {
        var counts = new TreeMap<String, Long>();
        sim.requestCounts(SimSite.SOURCE).forEach((endpoint, n) -> counts.put("source " + endpoint, n));
        sim.requestCounts(SimSite.DESTINATION).forEach((endpoint, n) -> counts.put("destination " + endpoint, n));
        return counts;
    }

    /**
     * How {@code idmap map} ended, and the CPU time and peak memory of the database server it was given (0 when it
     * used its embedded default, whose processes are its own children).
     */
    private record Mapped(ChildProcess.Ended process, double serverCpuSeconds, long serverPeakPssMiB) {}

    /** {@code idmap map} as a child process against the simulator; fails with its log when it fails. */
    private Mapped map(SimulatedMigration sim, Path dir) throws Exception {
        Files.createDirectories(dir);
        var sourceSecret = Files.writeString(
                dir.resolve("source.secret"), sim.sourceCredentials().secret());
        var cloudSecret = Files.writeString(
                dir.resolve("cloud.secret"), sim.destinationCredentials().secret());
        var arguments = new ArrayList<>(List.of(
                "map",
                "--product",
                sim.product().name(),
                "--source",
                sim.sourceBaseUrl().toString(),
                "--destination",
                sim.destinationBaseUrl().toString(),
                "--source-auth",
                "basic:" + sim.sourceCredentials().login() + ":file:" + sourceSecret,
                "--destination-auth",
                "basic:" + sim.destinationCredentials().login() + ":file:" + cloudSecret,
                "-o",
                dir.resolve("reports").toString()));
        settings.database().ifPresent(url -> arguments.addAll(List.of("--database", url)));
        settings.databaseUser().ifPresent(user -> arguments.addAll(List.of("--database-user", user)));
        var server = settings.database()
                .flatMap(url -> DatabaseServer.processes(
                        url, settings.databaseUser().orElse(null), System.getenv("IDMAP_DATABASE_PASSWORD")));
        double serverCpuBefore = server.map(ProcessTree::cpuSeconds).orElse(0.0);
        var child = ChildProcess.start(settings.engineHeap(), arguments, dir.resolve("map.log"));
        // map's embedded database, when it stages there
        var embeddedCluster = settings.database().isPresent()
                ? Optional.<Path>empty()
                : Optional.of(MapCommand.stagingDirectory(dir.resolve("reports")));
        var ended = child.awaitMeasuring(server, embeddedCluster);
        if (ended.exitCode() != 0) {
            throw new IllegalStateException(
                    "idmap map failed (exit " + ended.exitCode() + "), log: " + dir.resolve("map.log"));
        }
        server.ifPresent(ProcessTree::sample);
        return new Mapped(
                ended,
                server.map(ProcessTree::cpuSeconds).orElse(0.0) - serverCpuBefore,
                server.map(ProcessTree::peakPssMiB).orElse(0L));
    }

    private static String summary(Run run) {
        var s = new StringBuilder(String.format(
                java.util.Locale.ROOT,
                "idmap %.1f s vs baseline %.1f s (x%.2f); CPU idmap %.1f s + its child processes %.1f s + database"
                        + " server %.1f s + simulator %.1f s vs baseline %.1f s; peak RSS %d MiB, database PSS %d MiB",
                run.engine().wallSeconds(),
                run.baseline().wallSeconds(),
                run.engine().wallSeconds() / run.baseline().wallSeconds(),
                run.engine().cpuSeconds(),
                run.engine().childrenCpuSeconds(),
                run.engine().databaseServerCpuSeconds(),
                run.engine().simulatorCpuSeconds(),
                run.baseline().cpuSeconds(),
                run.engine().peakRssMiB(),
                run.engine().databasePeakPssMiB()));
        if (run.limited() != null) {
            s.append(String.format(
                    java.util.Locale.ROOT,
                    "; limited %.1f s vs floor %.1f s",
                    run.limited().wallSeconds(),
                    run.limited().floorSeconds()));
        }
        if (run.service() != null) {
            s.append(String.format(
                    java.util.Locale.ROOT,
                    "; service job %.1f s, peak RSS %d MiB",
                    run.service().jobSeconds(),
                    run.service().peakRssMiB()));
        }
        return s.toString();
    }

    private static Machine machine() {
        long memoryKb = 0;
        try {
            for (var line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memoryKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException unknown) {
            // not Linux: memory stays 0
        }
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                memoryKb / 1024,
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                commit());
    }

    /**
     * The commit measured, {@code -dirty} when tracked files differ from it; the harness's own output
     * (BENCHMARKS.md and BENCHMARKS.json, rewritten after each scenario) does not count, or every scenario after
     * the first of a campaign would be marked dirty.
     */
    private static String commit() {
        var head = git("rev-parse", "--short", "HEAD");
        if (head.isEmpty()) {
            return "unknown";
        }
        var changed = git(
                "status",
                "--porcelain",
                "--untracked-files=no",
                "--",
                ":(top)",
                ":(top,exclude)BENCHMARKS.md",
                ":(top,exclude)BENCHMARKS.json");
        return changed.isPresent() && !changed.get().isEmpty() ? head.get() + "-dirty" : head.get();
    }

    /** What {@code git ARGUMENTS} printed, empty when it failed (no git, or not a checkout). */
    private static Optional<String> git(String... arguments) {
        try {
            var command = new ArrayList<String>(List.of("git"));
            command.addAll(List.of(arguments));
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            var text = new String(process.getInputStream().readAllBytes()).strip();
            return process.waitFor() == 0 ? Optional.of(text) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** CPU time of this process (the simulator, and the baseline while it runs). */
    private static double harnessCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    static String loadAverage() {
        try {
            var parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException unknown) {
            return "unknown";
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
}
