package dev.idmap.cli.bench;

import dev.idmap.core.storage.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmarked JVM started from this jar as a separate process, so its memory is its own: the peak resident set
 * ({@code VmHWM} of {@code /proc/PID/status}, which the kernel keeps, so no peak is missed between samples).
 */
final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final long started = System.nanoTime();

    private ChildProcess(Process process) {
        this.process = process;
    }

    /**
     * {@code java -Xmx<heap> -jar <this jar> <arguments…>}, its output into {@code log}; the environment variable
     * {@code IDMAP_BENCH_JAVA_OPTS} adds JVM options (a flight recording, say) to every benchmarked process.
     */
    static ChildProcess start(String heap, List<String> arguments, Path log) throws IOException {
        var command = new ArrayList<String>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx" + heap,
                "--enable-native-access=ALL-UNNAMED"));
        var options = System.getenv("IDMAP_BENCH_JAVA_OPTS");
        if (options != null && !options.isBlank()) {
            command.addAll(List.of(options.strip().split("\\s+")));
        }
        command.addAll(List.of("-jar", System.getProperty("java.class.path")));
        command.addAll(arguments);
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ChildProcess(process);
    }

    long pid() {
        return process.pid();
    }

    /** {@code kill -9}, and wait for the end. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits for the end; the exit code. */
    int await() throws InterruptedException {
        return process.waitFor();
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The peak resident set so far, in MiB (0 once the process is gone). */
    long peakRssMiB() {
        return statusMiB("VmHWM:");
    }

    /** The resident set now, in MiB (0 once the process is gone). */
    long rssMiB() {
        return statusMiB("VmRSS:");
    }

    private long statusMiB(String field) {
        try {
            for (var line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between the check and the read
        }
        return 0;
    }

    /**
     * Waits for the end while keeping the last peak read before it; the exit code and that peak, and the CPU time
     * and memory of the processes it started (an embedded database server), sampled every 100 ms.
     */
    Ended awaitMeasuring() throws InterruptedException {
        return awaitMeasuring(java.util.Optional.empty());
    }

    /** As {@link #awaitMeasuring()}, also sampling a database server's processes the child works with. */
    Ended awaitMeasuring(java.util.Optional<ProcessTree> server) throws InterruptedException {
        return awaitMeasuring(server, java.util.Optional.empty());
    }

    /**
     * As {@link #awaitMeasuring(java.util.Optional)}; the server of the embedded database cluster in
     * {@code embeddedCluster} (found by its {@code postmaster.pid}) is counted as one of the child's processes even when
     * the samples missed its start.
     */
    Ended awaitMeasuring(java.util.Optional<ProcessTree> server, java.util.Optional<Path> embeddedCluster)
            throws InterruptedException {
        long peak = 0;
        var cpu = Duration.ZERO;
        var tree = new ProcessTree(process.pid());
        while (process.isAlive()) {
            peak = Math.max(peak, peakRssMiB());
            cpu = process.toHandle().info().totalCpuDuration().orElse(cpu);
            embeddedCluster.flatMap(EmbeddedPostgres::serverPid).ifPresent(tree::adopt);
            tree.sample();
            server.ifPresent(ProcessTree::sample);
            Thread.sleep(100);
        }
        return new Ended(
                process.exitValue(),
                elapsed(),
                peak,
                cpu,
                Duration.ofMillis(Math.round(tree.descendantsCpuSeconds() * 1000)),
                tree.peakDescendantsPssMiB());
    }

    /**
     * How a process ended: its exit code, wall time, peak RSS and CPU time (user + system, last read at most 100 ms
     * before the end), and the CPU time and peak summed proportional set size of the processes it started. CPU time
     * hardly depends on what else the machine runs; wall time does.
     */
    record Ended(
            int exitCode,
            Duration wall,
            long peakRssMiB,
            Duration cpu,
            Duration childrenCpu,
            long childrenPeakPssMiB) {}

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: the service shuts down gracefully
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
