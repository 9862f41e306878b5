package dev.idmap.cli.bench;

import dev.idmap.cli.client.IdmapClient;
import dev.idmap.cli.client.JobStatus;
import dev.idmap.cli.demo.ServedSimulation;
import dev.idmap.core.match.MatchStatus;
import dev.idmap.core.report.DetailedReport;
import dev.idmap.core.report.DetailedRow;
import dev.idmap.sim.SimulatedMigration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service path, measured from outside: {@code idmap serve} on its embedded defaults as a child process, one job
 * triggered, polled and downloaded through the HTTP API, the downloads compared with PostgreSQL's own
 * {@code COPY … TO} of the same rows, then (when asked) lookups of the detailed report's rows by server id, checked
 * against the report, and the read endpoints under load ({@code wrk}) against {@code /actuator/health} on the same
 * server. While the job runs, the server's resident set and used heap (its Prometheus
 * {@code jvm_memory_used_bytes{area="heap"}}) are kept as peaks per job phase, so that the engine's phases (CRAWL …
 * REPORT) and the service's own PUBLISH are seen side by side from one process.
 */
public final class ServiceBench {

    private static final String API = "/migrations/reports/v1/id-mappings";
    private static final int LOOKUP_BATCH = 1000;
    private static final Duration HEAP_SAMPLE_INTERVAL = Duration.ofSeconds(1);

    private final String heap;
    private final Duration loadDuration;
    private final int connections;
    private final PostgresCopy copy;
    private final long maxLookups;

    /**
     * @param loadDuration per endpoint under load; zero for no load test
     * @param maxLookups rows of the detailed report looked up by id after the job; zero for none
     */
    ServiceBench(String heap, Duration loadDuration, int connections, PostgresCopy copy, long maxLookups) {
        this.heap = heap;
        this.loadDuration = loadDuration;
        this.connections = connections;
        this.copy = copy;
        this.maxLookups = maxLookups;
    }

    /** The service path alone: the job, downloads and lookups of up to {@code maxLookups} rows, no load test. */
    public static ServiceBench withLookups(String heap, long maxLookups) {
        return new ServiceBench(heap, Duration.ZERO, 0, PostgresCopy.fromEnvironment(), maxLookups);
    }

    /**
     * What one service run measured.
     *
     * @param idleRssMiB resident set once the server answered, before the job
     * @param phases peaks per job phase, in the order the phases came
     * @param lookups the lookups, or null when none were asked for
     */
    public record Measured(
            double jobSeconds,
            long peakRssMiB,
            double reportSeconds,
            Map<String, Download> downloads,
            Map<String, Wrk.Result> load,
            long idleRssMiB,
            long rows,
            long matched,
            Map<String, PhasePeak> phases,
            Lookups lookups) {

        /** The service-path lines of {@code benchmarks/results/service-path-*.txt}. */
        public List<String> lines(long issues) {
            var lines = new ArrayList<String>();
            lines.add(String.format(
                    java.util.Locale.ROOT,
                    "service issues=%d trigger->SUCCESS=%.1fs rows=%d matched=%d peakRssMB=%d (idle after start %d)"
                            + " lookups=%d in %.1fs (%.0f ids/s) wrongLookups=%d",
                    issues,
                    jobSeconds,
                    rows,
                    matched,
                    peakRssMiB,
                    idleRssMiB,
                    lookups == null ? 0 : lookups.ids(),
                    lookups == null ? 0 : lookups.seconds(),
                    lookups == null ? 0 : lookups.ids() / Math.max(0.001, lookups.seconds()),
                    lookups == null ? 0 : lookups.wrong()));
            phases.forEach((phase, peak) -> lines.add(String.format(
                    java.util.Locale.ROOT,
                    "  phase %-12s ~%5.0fs  peak RSS %5d MB  peak heap used %5d MB",
                    phase,
                    peak.seconds(),
                    peak.rssMiB(),
                    peak.heapMiB())));
            return lines;
        }
    }

    /** Peaks of one job phase, and about how long the job was in it (the time between polls seeing it). */
    public record PhasePeak(double seconds, long rssMiB, long heapMiB) {}

    /** Lookups of the detailed report's rows: how many, how long, and how many answers differed from the report. */
    public record Lookups(long ids, double seconds, long wrong) {}

    /** One report fetched through its link, and PostgreSQL's {@code COPY … TO} of the same rows. */
    record Download(long rows, long bytes, double downloadSeconds, double copySeconds) {}

    public Measured run(SimulatedMigration sim, Path work) throws Exception {
        var token = ServedSimulation.randomToken();
        int port = ServedSimulation.freePort();
        var product = sim.product().name();
        var arguments = new ArrayList<String>(List.of("serve"));
        arguments.addAll(ServedSimulation.serverArguments(work, List.of(sim), "bench", token, port));
        arguments.add("--idmap.api.callers[0].admin=true"); // the bench reads the service's own heap gauge
        var sourceUrl = ServedSimulation.publicSourceUrl(sim);
        var cloudUrl = ServedSimulation.publicDestinationUrl(sim);
        var base = URI.create("http://127.0.0.1:" + port);
        try (var server = ChildProcess.start(heap, arguments, work.resolve("serve.log"))) {
            awaitHealthy(server, base);
            var http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            var client = new IdmapClient(base, "Bearer " + token, http);
            long idleRssMiB = server.rssMiB();
            var started = System.nanoTime();
            JobStatus job = client.trigger(product, sourceUrl, cloudUrl);
            long peak = 0;
            long reportStarted = 0;
            var phases = new LinkedHashMap<String, long[]>(); // nanos, RSS MiB, heap MiB
            long lastSample = System.nanoTime();
            long lastHeapSample = 0;
            while (!job.finished()) {
                Thread.sleep(100);
                peak = Math.max(peak, server.peakRssMiB());
                job = client.status(job.jobId());
                if (reportStarted == 0 && job.phase().equals("REPORT")) {
                    reportStarted = System.nanoTime();
                }
                var phase = phases.computeIfAbsent(job.phase(), p -> new long[3]);
                long now = System.nanoTime();
                phase[0] += now - lastSample; // the time since the last poll, spent (mostly) in this phase
                lastSample = now;
                phase[1] = Math.max(phase[1], server.rssMiB());
                if (now - lastHeapSample >= HEAP_SAMPLE_INTERVAL.toNanos()) {
                    phase[2] = Math.max(phase[2], heapUsed(http, base, token) / (1024 * 1024));
                    lastHeapSample = now;
                }
            }
            long ended = System.nanoTime();
            peak = Math.max(peak, server.peakRssMiB());
            if (!job.status().equals("SUCCESS")) {
                throw new IllegalStateException("the benchmark job ended " + job.status() + ": " + job.errorMessage()
                        + " (log " + work.resolve("serve.log") + ")");
            }
            var downloads = new LinkedHashMap<String, Download>();
            for (var detailed : List.of(false, true)) {
                var name = detailed ? "detailed" : "compatible";
                var file = work.resolve(name + ".csv");
                var fetchStarted = System.nanoTime();
                client.fetch(client.download(job.jobId(), detailed), file);
                double seconds = (System.nanoTime() - fetchStarted) / 1e9;
                var copied = copy.copyOut(file);
                downloads.put(name, new Download(copied.rows(), Files.size(file), seconds, copied.seconds()));
            }
            var lookups = maxLookups > 0 ? lookUp(client, job, work.resolve("detailed.csv")) : null;
            var load = loadDuration.isZero()
                    ? Map.<String, Wrk.Result>of()
                    : load(base, token, job.jobId(), sim, work.resolve("compatible.csv"));
            peak = Math.max(peak, server.peakRssMiB());
            var result = job.body().path("result");
            var peaks = new LinkedHashMap<String, PhasePeak>();
            phases.forEach((name, p) -> peaks.put(name, new PhasePeak(p[0] / 1e9, p[1], p[2])));
            return new Measured(
                    (ended - started) / 1e9,
                    peak,
                    reportStarted == 0 ? 0 : (ended - reportStarted) / 1e9,
                    downloads,
                    load,
                    idleRssMiB,
                    result.path("rows").asLong(),
                    result.path("matched").asLong(),
                    peaks,
                    lookups);
        }
    }

    /**
     * Looks up the first {@code maxLookups} rows of the detailed report by server id, in batches of one type, and
     * counts every matched row whose answer is not exactly its Cloud id (and every other row not answered with its
     * status).
     */
    private Lookups lookUp(IdmapClient client, JobStatus job, Path detailed) {
        var pending = new HashMap<String, List<DetailedRow>>();
        long[] ids = {0};
        long[] wrong = {0};
        long started = System.nanoTime();
        DetailedReport.forEach(detailed, row -> {
            if (ids[0] >= maxLookups) {
                return;
            }
            ids[0]++;
            var batch = pending.computeIfAbsent(row.entityType(), t -> new ArrayList<>());
            batch.add(row);
            if (batch.size() == LOOKUP_BATCH) {
                wrong[0] += check(client, job.jobId(), row.entityType(), batch);
                batch.clear();
            }
        });
        pending.forEach((type, batch) -> wrong[0] += batch.isEmpty() ? 0 : check(client, job.jobId(), type, batch));
        return new Lookups(ids[0], (System.nanoTime() - started) / 1e9, wrong[0]);
    }

    private static long check(IdmapClient client, String jobId, String type, List<DetailedRow> rows) {
        var answer = client.lookUpServerIds(
                jobId, type, rows.stream().map(DetailedRow::serverId).toList());
        var cloudIds = new HashMap<String, String>();
        answer.path("mappings")
                .forEach(m -> cloudIds.put(
                        m.path("serverId").asString(), m.path("cloudId").asString()));
        var statuses = new HashMap<String, String>();
        answer.path("unresolved")
                .forEach(u ->
                        statuses.put(u.path("id").asString(), u.path("status").asString()));
        return rows.stream()
                .filter(row -> row.status() == MatchStatus.MATCHED
                        ? !row.cloudId().equals(cloudIds.get(row.serverId()))
                        : !row.status().name().equals(statuses.get(row.serverId())))
                .count();
    }

    /** Sum of the heap pools' used bytes, from the service's Prometheus endpoint; 0 when unreadable. */
    private static long heapUsed(HttpClient http, URI base, String token) {
        try {
            var body = http.send(
                            HttpRequest.newBuilder(base.resolve("/actuator/prometheus"))
                                    .header("Authorization", "Bearer " + token)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            long used = 0;
            for (var line : body.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return used;
        } catch (IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private Map<String, Wrk.Result> load(URI base, String token, String jobId, SimulatedMigration sim, Path compatible)
            throws Exception {
        var lookupRow = Files.lines(compatible)
                .skip(1)
                .filter(line -> line.startsWith(
                        sim.product() == dev.idmap.sim.SimProduct.JIRA ? "jira:issue," : "confluence:page,"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no issue or page row in " + compatible));
        var parts = lookupRow.split(",");
        var wrk = new Wrk(connections, loadDuration, "Bearer " + token);
        var results = new LinkedHashMap<String, Wrk.Result>();
        results.put("health", wrk.run(base.resolve("/actuator/health")));
        results.put("status", wrk.run(base.resolve(API + "/" + jobId)));
        results.put("download", wrk.run(base.resolve(API + "/" + jobId + "/download")));
        results.put(
                "lookup",
                wrk.run(base.resolve(
                        API + "/" + jobId + "/mappings?entityType=" + parts[0] + "&serverId=" + parts[1])));
        return results;
    }

    private static void awaitHealthy(ChildProcess server, URI base) throws Exception {
        var http = HttpClient.newHttpClient();
        var deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.alive()) {
                throw new IllegalStateException("idmap serve ended before it was healthy");
            }
            try {
                var response = http.send(
                        HttpRequest.newBuilder(base.resolve("/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("idmap serve was not healthy within 3 minutes");
    }
}
