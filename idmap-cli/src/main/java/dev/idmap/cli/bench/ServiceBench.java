package dev.idmap.cli.bench;

import dev.idmap.cli.client.IdmapClient;
import dev.idmap.cli.client.JobStatus;
import dev.idmap.cli.demo.ServedSimulation;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service path: {@code idmap serve} on its embedded defaults as a child process, one job triggered, polled and
 * downloaded through the HTTP API, the downloads compared with PostgreSQL's own {@code COPY … TO} of the same rows,
 * then the read endpoints under load ({@code wrk}, 200 connections) against {@code /actuator/health} on the same
 * server.
 */
final class ServiceBench {

    private static final String API = "/migrations/reports/v1/id-mappings";

    private final String heap;
    private final Duration loadDuration;
    private final int connections;
    private final PostgresCopy copy;

    ServiceBench(String heap, Duration loadDuration, int connections, PostgresCopy copy) {
        this.heap = heap;
        this.loadDuration = loadDuration;
        this.connections = connections;
        this.copy = copy;
    }

    /** What one service run measured. */
    record Measured(
            double jobSeconds,
            long peakRssMiB,
            double reportSeconds,
            Map<String, Download> downloads,
            Map<String, Wrk.Result> load) {}

    /** One report fetched through its link, and PostgreSQL's {@code COPY … TO} of the same rows. */
    record Download(long rows, long bytes, double downloadSeconds, double copySeconds) {}

    Measured run(SimulatedMigration sim, Path work) throws Exception {
        var token = ServedSimulation.randomToken();
        int port = ServedSimulation.freePort();
        var product = sim.product().name();
        var arguments = new ArrayList<String>(List.of("serve"));
        arguments.addAll(ServedSimulation.serverArguments(work, List.of(sim), "bench", token, port));
        var sourceUrl = ServedSimulation.publicSourceUrl(sim);
        var cloudUrl = ServedSimulation.publicDestinationUrl(sim);
        var base = URI.create("http://127.0.0.1:" + port);
        try (var server = ChildProcess.start(heap, arguments, work.resolve("serve.log"))) {
            awaitHealthy(server, base);
            var client = new IdmapClient(base, "Bearer " + token);
            var started = System.nanoTime();
            JobStatus job = client.trigger(product, sourceUrl, cloudUrl);
            long peak = 0;
            long reportStarted = 0;
            while (!job.finished()) {
                Thread.sleep(100);
                peak = Math.max(peak, server.peakRssMiB());
                job = client.status(job.jobId());
                if (reportStarted == 0 && job.phase().equals("REPORT")) {
                    reportStarted = System.nanoTime();
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
            var load = load(base, token, job.jobId(), sim, work.resolve("compatible.csv"));
            peak = Math.max(peak, server.peakRssMiB());
            return new Measured(
                    (ended - started) / 1e9,
                    peak,
                    reportStarted == 0 ? 0 : (ended - reportStarted) / 1e9,
                    downloads,
                    load);
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
