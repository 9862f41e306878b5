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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The embedded default's database measured against its predecessor, side by side in one run (not a test): H2 (the
 * earlier default, {@code WRITE_DELAY=0}) and the PostgreSQL server idmap runs itself. For each, {@code idmap serve} as a
 * child process on a fresh data directory: start-up (first start, then a later one), the wall time of the same jobs,
 * the data directory's size after each job and after the server stopped, peak memory (the JVM's {@code VmHWM}, and
 * the proportional set size — {@code Pss} of {@code /proc/PID/smaps_rollup}, so shared pages are not counted twice —
 * of the JVM and of the postgres processes, summed and sampled every 250 ms), and {@code kill -9} right after a 202
 * and right after an acknowledged cancel.
 */
public final class DatabaseBench {

    public enum Kind {
        H2,
        EMBEDDED_POSTGRES
    }

    /** A job of a scenario: which simulation, how many times. */
    public record Jobs(String name, SimulatedMigration sim, int times) {}

    private final String heap;
    private final List<Kind> kinds;
    private final List<String> lines = new ArrayList<>();
    private final List<ChildProcess> servers = new ArrayList<>();

    public DatabaseBench(String heap, List<Kind> kinds) {
        this.heap = heap;
        this.kinds = kinds;
    }

    /**
     * @param together the simulations served by one server (one per product)
     * @param large a larger simulation, served alone by a second server
     */
    public List<String> run(List<Jobs> together, Jobs large, Path work) throws Exception {
        try {
            for (var kind : kinds) {
                var dir = Files.createDirectories(work.resolve(kind.name().toLowerCase(Locale.ROOT)));
                say("== %s  (load average %s)", kind, loadAverage());
                serve(kind, dir.resolve("demo"), together, true);
                serve(kind, dir.resolve("large"), List.of(large), false);
                say("-- %s done (load average %s)", kind, loadAverage());
            }
            return lines;
        } finally {
            for (var server : servers) {
                server.close();
            }
        }
    }

    private void serve(Kind kind, Path dir, List<Jobs> scenarios, boolean killChecks) throws Exception {
        var token = ServedSimulation.randomToken();
        var sims = scenarios.stream().map(Jobs::sim).toList();
        var arguments = new ArrayList<String>(List.of("serve"));
        int port = ServedSimulation.freePort();
        arguments.addAll(ServedSimulation.serverArguments(dir, sims, "bench", token, port));
        arguments.add("--idmap.api.trigger-rate.burst=100");
        if (kind == Kind.H2) {
            arguments.add("--idmap.database.url=jdbc:h2:file:" + dir.resolve("data/db/idmap")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE"
                    + ";WRITE_DELAY=0");
        }
        // the one INFO line of the embedded database: how long it took to start
        arguments.add("--logging.level.dev.idmap.service.DefaultDatabase=INFO");
        var base = URI.create("http://127.0.0.1:" + port);
        var client = new IdmapClient(base, "Bearer " + token);
        var data = dir.resolve("data");
        var life = new AtomicLong();

        var server = start(arguments, dir, life, base, kind, "first start (creates the database)");
        for (var scenario : scenarios) {
            for (int i = 1; i <= scenario.times(); i++) {
                job(kind, client, server, data, scenario, i);
            }
        }
        stop(server, kind, data);
        server = start(arguments, dir, life, base, kind, "later start");
        if (killChecks) {
            killChecks(kind, client, arguments, dir, life, base, scenarios.getFirst(), server);
        } else {
            server = killInMatch(kind, client, arguments, dir, life, base, scenarios.getFirst(), server);
            // autovacuum (PostgreSQL) wakes up every minute: what the discarded staging leaves once it has run
            Thread.sleep(Duration.ofSeconds(75));
            say("%-18s data dir after 75 s idle: %.1f MiB", kind, diskMiB(data));
            stop(server, kind, data);
        }
    }

    private void job(Kind kind, IdmapClient client, ChildProcess server, Path data, Jobs scenario, int run)
            throws Exception {
        var sim = scenario.sim();
        var started = System.nanoTime();
        var job = client.trigger(
                sim.product().name(),
                ServedSimulation.publicSourceUrl(sim),
                ServedSimulation.publicDestinationUrl(sim));
        long peakJvmPss = 0;
        long peakPostgresPss = 0;
        while (!job.finished()) {
            Thread.sleep(250);
            peakJvmPss = Math.max(peakJvmPss, pssKb(server.pid()));
            peakPostgresPss = Math.max(peakPostgresPss, postgresPssKb(data));
            job = client.status(job.jobId());
        }
        var seconds = (System.nanoTime() - started) / 1e9;
        if (!job.status().equals("SUCCESS")) {
            throw new IllegalStateException(
                    kind + ": " + scenario.name() + " ended " + job.status() + ": " + job.errorMessage());
        }
        say(
                "%-18s %-16s job %d: %7.1f s wall | peak PSS JVM %4d MiB + postgres %4d MiB = %4d MiB | JVM VmHWM %4d"
                        + " MiB | data dir %6.1f MiB",
                kind,
                scenario.name(),
                run,
                seconds,
                peakJvmPss / 1024,
                peakPostgresPss / 1024,
                (peakJvmPss + peakPostgresPss) / 1024,
                server.peakRssMiB(),
                diskMiB(data));
    }

    private void killChecks(
            Kind kind,
            IdmapClient client,
            List<String> arguments,
            Path dir,
            AtomicLong life,
            URI base,
            Jobs scenario,
            ChildProcess server)
            throws Exception {
        var sim = scenario.sim();
        var source = ServedSimulation.publicSourceUrl(sim);
        var destination = ServedSimulation.publicDestinationUrl(sim);
        var data = dir.resolve("data");

        // kill -9 right after the 202
        var accepted = client.trigger(sim.product().name(), source, destination);
        server.kill();
        server = start(arguments, dir, life, base, kind, "start after kill -9 right after a 202");
        var resumedAt = System.nanoTime();
        var resumed = await(client, accepted.jobId());
        say(
                "%-18s kill -9 right after a 202: job %s after the restart (%s, %.1f s after the server was up)",
                kind,
                resumed == null ? "LOST" : "kept",
                resumed == null ? "-" : resumed.status(),
                (System.nanoTime() - resumedAt) / 1e9);

        // kill -9 right after an acknowledged cancel
        var running = client.trigger(sim.product().name(), source, destination);
        while (!running.status().equals("IN_PROGRESS") && !running.finished()) {
            Thread.sleep(20);
            running = client.status(running.jobId());
        }
        var cancelled = client.cancel(running.jobId());
        server.kill();
        server = start(arguments, dir, life, base, kind, "start after kill -9 right after a cancel");
        var after = await(client, running.jobId());
        say(
                "%-18s kill -9 right after an acknowledged cancel (answered %s): after the restart %s%s",
                kind,
                cancelled.status(),
                after == null ? "LOST" : after.status(),
                after != null && String.valueOf(after.errorMessage()).contains("cancelled")
                        ? " (cancel kept)"
                        : " (CANCEL LOST)");
        stop(server, kind, data);
    }

    /** kill -9 while the job matches (seen from outside), then how long the restarted server takes to SUCCESS. */
    private ChildProcess killInMatch(
            Kind kind,
            IdmapClient client,
            List<String> arguments,
            Path dir,
            AtomicLong life,
            URI base,
            Jobs scenario,
            ChildProcess server)
            throws Exception {
        var sim = scenario.sim();
        var started = System.nanoTime();
        var job = client.trigger(
                sim.product().name(),
                ServedSimulation.publicSourceUrl(sim),
                ServedSimulation.publicDestinationUrl(sim));
        while (!job.finished() && !(job.phase().equals("MATCH") && partsDone(job) >= 3)) {
            Thread.sleep(100);
            job = client.status(job.jobId());
        }
        if (job.finished()) {
            say("%-18s kill -9 in MATCH: not reached (the job ended %s first)", kind, job.status());
            return server;
        }
        var matchedFor = (System.nanoTime() - started) / 1e9;
        server.kill();
        server = start(arguments, dir, life, base, kind, "start after kill -9 in MATCH");
        var ready = System.nanoTime();
        var resumed = await(client, job.jobId());
        say(
                "%-18s kill -9 in MATCH (%d types matched, %.1f s after the trigger): the restarted server ended the"
                        + " job %s %.1f s after it was ready | data dir %.1f MiB",
                kind,
                partsDone(job),
                matchedFor,
                resumed == null ? "LOST" : resumed.status(),
                (System.nanoTime() - ready) / 1e9,
                diskMiB(dir.resolve("data")));
        return server;
    }

    private static int partsDone(JobStatus job) {
        return job.body().path("progress").path("partsDone").asInt(0);
    }

    private static JobStatus await(IdmapClient client, String jobId) throws InterruptedException {
        var deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var status = client.status(jobId);
                if (status.finished()) {
                    return status;
                }
            } catch (RuntimeException notFound) {
                return null;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("job " + jobId + " did not finish within 10 minutes");
    }

    private ChildProcess start(List<String> arguments, Path dir, AtomicLong life, URI base, Kind kind, String what)
            throws Exception {
        var log = dir.resolve("serve-" + life.incrementAndGet() + ".log");
        var began = System.nanoTime();
        var server = ChildProcess.start(heap, arguments, log);
        servers.add(server);
        var http = HttpClient.newHttpClient();
        var deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            if (!server.alive()) {
                throw new IllegalStateException("idmap serve ended before it was healthy (log " + log + ")");
            }
            try {
                var response = http.send(
                        HttpRequest.newBuilder(base.resolve("/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("idmap serve not ready within 3 minutes (log " + log + ")");
            }
            Thread.sleep(50);
        }
        var database = Files.readAllLines(log).stream()
                .filter(line -> line.contains("database: embedded PostgreSQL"))
                .map(line -> " | of which the database: " + line.substring(line.lastIndexOf('(')))
                .findFirst()
                .orElse("");
        say("%-18s %-45s %5.1f s to ready%s", kind, what, (System.nanoTime() - began) / 1e9, database);
        return server;
    }

    private void stop(ChildProcess server, Kind kind, Path data) throws Exception {
        var began = System.nanoTime();
        server.close(); // SIGTERM
        var leftOver = kind == Kind.EMBEDDED_POSTGRES && Files.exists(data.resolve("postgres/data/postmaster.pid"));
        say(
                "%-18s SIGTERM: stopped in %.1f s%s | data dir %.1f MiB",
                kind, (System.nanoTime() - began) / 1e9, leftOver ? " (POSTGRES LEFT RUNNING)" : "", diskMiB(data));
    }

    /** The proportional set size of one process, in kB; 0 when it is gone. */
    static long pssKb(long pid) {
        try {
            for (var line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // ended
        }
        return 0;
    }

    /** The postmaster named by the data directory's postmaster.pid and all its processes, summed. */
    static long postgresPssKb(Path data) {
        try {
            var pidFile = data.resolve("postgres/data/postmaster.pid");
            if (!Files.exists(pidFile)) {
                return 0;
            }
            var pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
            var postmaster = ProcessHandle.of(pid);
            if (postmaster.isEmpty()) {
                return 0;
            }
            return Stream.concat(Stream.of(postmaster.get()), postmaster.get().descendants())
                    .mapToLong(process -> pssKb(process.pid()))
                    .sum();
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    static double diskMiB(Path directory) {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                            .mapToLong(file -> {
                                try {
                                    return Files.size(file);
                                } catch (IOException gone) {
                                    return 0;
                                }
                            })
                            .sum()
                    / (1024.0 * 1024.0);
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    public static String loadAverage() {
        try {
            var parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private void say(String format, Object... arguments) {
        var line = String.format(Locale.ROOT, format, arguments);
        lines.add(line);
        System.out.println(line);
        System.out.flush();
    }
}
