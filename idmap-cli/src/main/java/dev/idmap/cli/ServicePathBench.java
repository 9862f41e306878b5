package dev.idmap.cli;

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
import java.util.concurrent.TimeUnit;

/**
 * The whole service path of one simulated migration, measured from outside: {@code idmap serve} as a child process
 * (embedded PostgreSQL, local report files, heap {@code -Xmx}), then trigger → poll → publish → download → lookups over HTTP.
 * While the job runs, the child's resident set ({@code VmRSS}) and used heap (its Prometheus
 * {@code jvm_memory_used_bytes{area="heap"}}) are sampled every second and kept as peaks per job phase, so that the
 * engine's phases (CRAWL … REPORT) and the service's own PUBLISH (reports stored, lookup table filled from the
 * decision stream) are reported side by side from one process.
 */
final class ServicePathBench {

    private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(1);
    private static final int LOOKUP_BATCH = 1000;

    /** Peaks of one phase. */
    private static final class Peak {
        long rssKb;
        long heapBytes;
        long nanos;
    }

    private final String java;
    private final String jar;
    private final String heap;
    private final long maxLookups;

    ServicePathBench(String java, String jar, String heap, long maxLookups) {
        this.java = java;
        this.jar = jar;
        this.heap = heap;
        this.maxLookups = maxLookups;
    }

    /** Runs the service path against a started simulation; returns the result lines. */
    List<String> run(SimulatedMigration sim, long issues, Path work) throws Exception {
        var token = ServedSimulation.randomToken();
        int port = ServedSimulation.freePort();
        var args =
                new ArrayList<String>(List.of(java, "-Xmx" + heap, "--enable-native-access=ALL-UNNAMED", "-jar", jar));
        args.add("serve");
        args.addAll(ServedSimulation.serverArguments(work.resolve("service"), List.of(sim), "demo", token, port));
        args.add("--idmap.api.callers[0].admin=true"); // the bench reads the service's own heap gauge
        var log = work.resolve("serve.log");
        var process = new ProcessBuilder(args)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            var base = URI.create("http://127.0.0.1:" + port);
            var http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            var client = new IdmapClient(base, "Bearer " + token, http);
            awaitUp(http, base, process, log);
            long startedRssKb = rssKb(process.pid());

            var triggered = System.nanoTime();
            var job = client.trigger(
                    sim.product().name(),
                    ServedSimulation.publicSourceUrl(sim),
                    ServedSimulation.publicDestinationUrl(sim));
            var peaks = new LinkedHashMap<String, Peak>();
            long lastSample = System.nanoTime();
            while (!job.finished()) {
                Thread.sleep(SAMPLE_INTERVAL.toMillis());
                job = client.status(job.jobId());
                var peak = peaks.computeIfAbsent(job.phase(), p -> new Peak());
                peak.rssKb = Math.max(peak.rssKb, rssKb(process.pid()));
                peak.heapBytes = Math.max(peak.heapBytes, heapUsed(http, base, token));
                long now = System.nanoTime();
                peak.nanos += now - lastSample; // the time since the last sample, spent (mostly) in this phase
                lastSample = now;
                if (!process.isAlive()) {
                    return List.of("service issues=" + issues + ": the service died, log: " + log);
                }
            }
            var jobWall = Duration.ofNanos(System.nanoTime() - triggered);
            if (!"SUCCESS".equals(job.status())) {
                return List.of("service issues=" + issues + ": job ended " + job.status() + ": " + job.errorMessage()
                        + " (log: " + log + ")");
            }
            var detailed = client.fetch(client.download(job.jobId(), true), work.resolve("detailed.csv"));
            Lookups lookups;
            try {
                lookups = lookUp(client, job, detailed);
            } catch (RuntimeException e) {
                lookups = new Lookups(0, 0, -1, e.getMessage());
            }
            long hwmKb = highWaterMarkKb(process.pid());

            var result = job.body().path("result");
            var lines = new ArrayList<String>();
            lines.add(String.format(
                            "service issues=%d trigger->SUCCESS=%.1fs rows=%d matched=%d peakRssMB=%d (idle after start %d)"
                                    + " lookups=%d in %.1fs (%.0f ids/s) wrongLookups=%d",
                            issues,
                            jobWall.toMillis() / 1000.0,
                            result.path("rows").asLong(),
                            result.path("matched").asLong(),
                            hwmKb / 1024,
                            startedRssKb / 1024,
                            lookups.ids,
                            lookups.seconds,
                            lookups.ids / Math.max(0.001, lookups.seconds),
                            lookups.wrong)
                    + (lookups.failure == null ? "" : " lookups failed: " + lookups.failure));
            peaks.forEach((phase, peak) -> lines.add(String.format(
                    "  phase %-12s ~%5ds  peak RSS %5d MB  peak heap used %5d MB",
                    phase, peak.nanos / 1_000_000_000L, peak.rssKb / 1024, peak.heapBytes / (1024 * 1024))));
            return lines;
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** @param failure why the lookups stopped, or null */
    private record Lookups(long ids, double seconds, long wrong, String failure) {}

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
        return new Lookups(ids[0], (System.nanoTime() - started) / 1e9, wrong[0], null);
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

    private static void awaitUp(HttpClient http, URI base, Process process, Path log) throws Exception {
        var deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("idmap serve exited " + process.exitValue() + "; log: " + log);
            }
            try {
                var response = http.send(
                        HttpRequest.newBuilder(base.resolve("/actuator/health"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("idmap serve did not answer within 2 minutes; log: " + log);
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

    private static long rssKb(long pid) {
        return procStatus(pid, "VmRSS:");
    }

    static long highWaterMarkKb(long pid) {
        return procStatus(pid, "VmHWM:");
    }

    private static long procStatus(long pid, String field) {
        try {
            for (var line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between the check and the read
        }
        return 0;
    }
}
