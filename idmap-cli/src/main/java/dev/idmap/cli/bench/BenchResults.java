package dev.idmap.cli.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything the benchmarks measured, as written to {@code BENCHMARKS.json}: per scenario the runs of its latest
 * invocation, each with the load average it ran under. {@code BENCHMARKS.md} is rendered from this alone.
 */
record BenchResults(Map<String, ScenarioResult> scenarios) {

    /** One scenario's runs, with the machine and the command that produced them. */
    record ScenarioResult(String title, String product, long size, Machine machine, String command, List<Run> runs) {}

    /** Cores, memory and JDK of the machine, and the commit measured. */
    record Machine(int cores, long memoryMiB, String jdk, String os, String commit) {}

    /** One run of a scenario: every measurement is taken in the same invocation, side by side. */
    record Run(
            String startedAt,
            String loadAverageAtStart,
            String loadAverageAtEnd,
            Engine engine,
            Baseline baseline,
            Limited limited,
            Service service) {}

    /**
     * {@code idmap map} against the simulator without latency or limits; its CPU time, and the harness's (the
     * simulator serving it) over the same interval; the CPU time and memory of its child processes (an embedded
     * database server) and of the database server it was given ({@code database}: {@code embedded}, or the URL
     * without its query), so that no work done for it is left out.
     *
     * @param childrenPeakPssMiB peak of the child processes' summed proportional set size
     * @param databaseServerPeakPssMiB the same for the given server's processes (0 when embedded)
     */
    record Engine(
            double wallSeconds,
            double cpuSeconds,
            double simulatorCpuSeconds,
            long peakRssMiB,
            long sourceEntities,
            Map<String, Long> requests,
            Map<String, FetchBaseline.SiteCost> apiCost,
            String database,
            double childrenCpuSeconds,
            long childrenPeakPssMiB,
            double databaseServerCpuSeconds,
            long databaseServerPeakPssMiB) {

        /** CPU time of everything that worked for the run except the simulator. */
        double totalCpuSeconds() {
            return cpuSeconds + childrenCpuSeconds + databaseServerCpuSeconds;
        }

        /** Peak memory of the database processes, embedded or given. */
        long databasePeakPssMiB() {
            return childrenPeakPssMiB + databaseServerPeakPssMiB;
        }
    }

    /** The fetch-and-parse baseline over the same pages from the same simulator; CPU time of client and simulator. */
    record Baseline(double wallSeconds, double cpuSeconds, long requests, long bytes, int inFlight) {}

    /** {@code idmap map} against the simulator with latency and per-endpoint rate limits, and their floor. */
    record Limited(
            long latencyMs,
            String rateLimit,
            double wallSeconds,
            double floorSeconds,
            long requests,
            long throttledRequests,
            long peakRssMiB) {}

    /** The service's job, downloads and load test. */
    record Service(
            double jobSeconds,
            long peakRssMiB,
            double reportSeconds,
            Map<String, ServiceBench.Download> downloads,
            Map<String, Wrk.Result> load) {}
}
