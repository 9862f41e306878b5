package dev.idmap.cli.bench;

import dev.idmap.cli.bench.BenchResults.Run;
import dev.idmap.cli.bench.BenchResults.ScenarioResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/** Renders {@code BENCHMARKS.md} from the results alone, so the file always says what the JSON beside it holds. */
final class BenchmarksMarkdown {

    private final List<ScenarioResult> scenarios;
    private final String changes;

    BenchmarksMarkdown(BenchResults results, String changes) {
        this.scenarios = results.scenarios().values().stream()
                .sorted(Comparator.comparing(ScenarioResult::product).thenComparingLong(ScenarioResult::size))
                .toList();
        this.changes = changes;
    }

    String render() {
        var md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by `./idmap bench` (not a test) from `BENCHMARKS.json` beside this file; every figure is the"
                + " median of the runs listed, with their minimum and maximum in brackets. Each run measures idmap and"
                + " its yardsticks side by side in the same invocation on the same simulator. The machine is shared"
                + " (2 cores, other builds and tests running): absolute times are noise, the ratios measured side by"
                + " side are what counts, and every run records the load average it ran under.\n\n");
        machine(md);
        apiCost(md);
        limited(md);
        baseline(md);
        memory(md);
        reports(md);
        load(md);
        runs(md);
        if (!changes.isBlank()) {
            md.append("## Changes measured\n\n").append(changes.strip()).append("\n");
        }
        return md.toString();
    }

    private void machine(StringBuilder md) {
        md.append("## Machine and command\n\n");
        md.append("| scenario | runs | machine | commit | command |\n|---|---|---|---|---|\n");
        for (var s : scenarios) {
            var m = s.machine();
            md.append(row(
                    s.title(),
                    String.valueOf(s.runs().size()),
                    m.cores() + " cores, " + String.format(Locale.ROOT, "%,d", m.memoryMiB()) + " MiB, JDK " + m.jdk()
                            + ", " + m.os(),
                    "`" + m.commit() + "`",
                    "`" + s.command() + "`"));
        }
        md.append('\n');
    }

    private void apiCost(StringBuilder md) {
        md.append("## 1. API cost (target ≤ 1.05)\n\n");
        md.append(
                "Pages of the bulk listings (Jira's issue searches, Confluence's page and blog-post listings) asked by"
                        + " idmap, against the fewest pages those walks need at the documented page sizes (counted from the"
                        + " items the baseline read in each walk); all requests of the run beside it.\n\n");
        md.append("| scenario | site | bulk pages | minimum | ratio | all requests |\n|---|---|---|---|---|---|\n");
        for (var s : scenarios) {
            var first = s.runs().getFirst().engine();
            for (var site : first.apiCost().keySet()) {
                md.append(row(
                        s.title(),
                        site,
                        stats(s, r -> (double) r.engine().apiCost().get(site).bulkPages())
                                .format("%.0f"),
                        stats(s, r -> (double) r.engine().apiCost().get(site).minimumBulkPages())
                                .format("%.0f"),
                        stats(
                                        s,
                                        r -> ratio(
                                                r.engine().apiCost().get(site).bulkPages(),
                                                r.engine().apiCost().get(site).minimumBulkPages()))
                                .format("×%.3f"),
                        stats(s, r -> (double) r.engine().apiCost().get(site).requests())
                                .format("%.0f")));
            }
        }
        md.append('\n');
    }

    private void limited(StringBuilder md) {
        md.append(
                "## 2. Wall time under latency and per-endpoint rate limits, against their floor (target ≤ 1.15)\n\n");
        md.append("The floor is what the sites impose on the requests a run needs (those of the unlimited run): the"
                + " busiest endpoint's requests beyond its burst at its refill rate, or the longest chain of dependent"
                + " pages times the latency, whichever is larger. Extra requests are the limited run's requests beyond"
                + " the unlimited run's (429 answers and their retries).\n\n");
        md.append("| scenario | latency | limit (burst/per s) | wall s | floor s | wall / floor | extra requests |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (var s : scenarios) {
            var runs = s.runs().stream().filter(r -> r.limited() != null).toList();
            if (runs.isEmpty()) {
                continue;
            }
            var l = runs.getFirst().limited();
            md.append(row(
                    s.title(),
                    l.latencyMs() + " ms",
                    l.rateLimit(),
                    stats(runs, r -> r.limited().wallSeconds()).format("%.1f"),
                    stats(runs, r -> r.limited().floorSeconds()).format("%.1f"),
                    stats(
                                    runs,
                                    r -> ratio(
                                            r.limited().wallSeconds(),
                                            r.limited().floorSeconds()))
                            .format("×%.2f"),
                    stats(runs, r -> (double) r.limited().throttledRequests()).format("%.0f")));
        }
        md.append('\n');
    }

    private void baseline(StringBuilder md) {
        md.append("## 3. Zero-latency throughput against the fetch-and-parse baseline (target ≤ 1.5)\n\n");
        md.append("The baseline is a minimal client in the harness that requests exactly the pages the run requested"
                + " (recorded by the simulator) from the same simulator, as many at once as idmap has crawl workers,"
                + " and parses each into a JSON tree: no staging, matching or writing. idmap's wall includes its"
                + " JVM start, crawl, matching and the three report files.\n\n");
        md.append("CPU time is given beside wall time because it hardly depends on the load of the shared machine:"
                + " idmap's process, the processes it started (an embedded database server) and the database server"
                + " it was given if any (all its processes, sampled from /proc), plus the simulator serving it, against"
                + " the harness process (simulator and client) during the baseline.\n\n");
        md.append("| scenario | source entities | idmap wall s | baseline wall s | idmap / baseline (wall) |"
                + " idmap + simulator CPU s | baseline CPU s | idmap / baseline (CPU) | idmap entities/s |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (var s : scenarios) {
            md.append(row(
                    s.title(),
                    String.format(
                            Locale.ROOT, "%,d", s.runs().getFirst().engine().sourceEntities()),
                    stats(s, r -> r.engine().wallSeconds()).format("%.1f"),
                    stats(s, r -> r.baseline().wallSeconds()).format("%.1f"),
                    stats(s, r -> ratio(r.engine().wallSeconds(), r.baseline().wallSeconds()))
                            .format("×%.2f"),
                    stats(s, r -> r.engine().totalCpuSeconds() + r.engine().simulatorCpuSeconds())
                            .format("%.1f"),
                    stats(s, r -> r.baseline().cpuSeconds()).format("%.1f"),
                    stats(
                                    s,
                                    r -> ratio(
                                            r.engine().totalCpuSeconds()
                                                    + r.engine().simulatorCpuSeconds(),
                                            r.baseline().cpuSeconds()))
                            .format("×%.2f"),
                    stats(s, r -> r.engine().sourceEntities() / r.engine().wallSeconds())
                            .format("%.0f")));
        }
        md.append('\n');
    }

    private void memory(StringBuilder md) {
        md.append("## 4. Peak RSS of the engine and of the service (target ≤ 512 MiB and flat)\n\n");
        md.append("Peak resident set (`VmHWM`) of the `idmap map` process (`--heap`, by default `-Xmx256m` as"
                + " `./idmap` gives `map`; runs of commit 776ac23 and earlier had `-Xmx512m`, runs of 433d0ce and"
                + " earlier `-Xmx384m`) and of the `idmap serve` process"
                + " running the same job (`--service-heap`, by default `-Xmx512m`); growth is from the smaller to the larger size of a product. Beside"
                + " the engine, its database: the peak of the summed proportional set size (`Pss` of"
                + " `/proc/PID/smaps_rollup`) of its child processes (an embedded database server) or of the"
                + " database server it was given, so that memory moved out of the JVM is not hidden.\n\n");
        md.append(
                "| scenario | engine MiB | engine's database | engine's database PSS MiB | service MiB | engine growth"
                        + " | service growth |\n|---|---|---|---|---|---|---|\n");
        ScenarioResult previous = null;
        for (var s : scenarios) {
            var engine = stats(s, r -> (double) r.engine().peakRssMiB());
            var service =
                    stats(s.runs().stream().filter(r -> r.service() != null).toList(), r ->
                            (double) r.service().peakRssMiB());
            String engineGrowth = "—";
            String serviceGrowth = "—";
            if (previous != null && previous.product().equals(s.product())) {
                engineGrowth = growth(stats(previous, r -> (double) r.engine().peakRssMiB()), engine);
                serviceGrowth = growth(
                        stats(
                                previous.runs().stream()
                                        .filter(r -> r.service() != null)
                                        .toList(),
                                r -> (double) r.service().peakRssMiB()),
                        service);
            }
            md.append(row(
                    s.title(),
                    engine.format("%.0f"),
                    Objects.requireNonNullElse(s.runs().getFirst().engine().database(), "embedded"),
                    stats(s, r -> (double) r.engine().databasePeakPssMiB()).format("%.0f"),
                    service.format("%.0f"),
                    engineGrowth,
                    serviceGrowth));
            previous = s;
        }
        md.append('\n');
    }

    private void reports(StringBuilder md) {
        md.append("## 5. Report production and download against PostgreSQL's `COPY … TO`\n\n");
        md.append("Production: the job's REPORT and PUBLISH phases together (ordered read of the decisions, three"
                + " files written, reports stored, lookup table filled from the decisions), seen by polling every 100"
                + " ms. Download: the report fetched through its link. `COPY`: the same rows loaded"
                + " into a PostgreSQL table on this machine, then `COPY report_rows TO STDOUT (FORMAT csv)` to a client"
                + " that only counts the bytes.\n\n");
        md.append("| scenario | report | rows | MiB | production s | download s | COPY TO s | download / COPY |"
                + " production / COPY of both |\n|---|---|---|---|---|---|---|---|---|\n");
        for (var s : scenarios) {
            var runs = s.runs().stream().filter(r -> r.service() != null).toList();
            if (runs.isEmpty()) {
                continue;
            }
            for (var name : runs.getFirst().service().downloads().keySet()) {
                Function<Run, ServiceBench.Download> d =
                        r -> r.service().downloads().get(name);
                md.append(row(
                        s.title(),
                        name,
                        String.format(
                                Locale.ROOT, "%,d", d.apply(runs.getFirst()).rows()),
                        String.format(
                                Locale.ROOT, "%.1f", d.apply(runs.getFirst()).bytes() / 1048576.0),
                        stats(runs, r -> r.service().reportSeconds()).format("%.2f"),
                        stats(runs, r -> d.apply(r).downloadSeconds()).format("%.2f"),
                        stats(runs, r -> d.apply(r).copySeconds()).format("%.2f"),
                        stats(
                                        runs,
                                        r -> ratio(
                                                d.apply(r).downloadSeconds(),
                                                d.apply(r).copySeconds()))
                                .format("×%.2f"),
                        stats(
                                        runs,
                                        r -> ratio(
                                                r.service().reportSeconds(),
                                                r.service().downloads().values().stream()
                                                        .mapToDouble(ServiceBench.Download::copySeconds)
                                                        .sum()))
                                .format("×%.2f")));
            }
        }
        md.append('\n');
    }

    private void load(StringBuilder md) {
        md.append("## 6. The service under load (wrk, 200 connections, loopback)\n\n");
        md.append("Each endpoint loaded on its own against the server that ran the job, after the job; errors are"
                + " non-2xx answers plus socket errors (they must be zero). The ratio is the endpoint's requests/s"
                + " over `/actuator/health`'s on the same server.\n\n");
        md.append(
                "| scenario | endpoint | requests/s | p99 ms | errors | req/s vs health |\n|---|---|---|---|---|---|\n");
        for (var s : scenarios) {
            var runs = s.runs().stream().filter(r -> r.service() != null).toList();
            if (runs.isEmpty()) {
                continue;
            }
            for (var endpoint : runs.getFirst().service().load().keySet()) {
                Function<Run, Wrk.Result> w = r -> r.service().load().get(endpoint);
                md.append(row(
                        s.title(),
                        endpoint,
                        stats(runs, r -> w.apply(r).requestsPerSecond()).format("%.0f"),
                        stats(runs, r -> w.apply(r).p99Millis()).format("%.1f"),
                        String.valueOf(runs.stream()
                                .mapToLong(r -> w.apply(r).errors())
                                .sum()),
                        stats(
                                        runs,
                                        r -> ratio(
                                                w.apply(r).requestsPerSecond(),
                                                r.service().load().get("health").requestsPerSecond()))
                                .format("×%.2f")));
            }
        }
        md.append('\n');
    }

    private void runs(StringBuilder md) {
        md.append("## Runs\n\n| scenario | started | load average at start → end |\n|---|---|---|\n");
        for (var s : scenarios) {
            for (var r : s.runs()) {
                md.append(row(s.title(), r.startedAt(), r.loadAverageAtStart() + " → " + r.loadAverageAtEnd()));
            }
        }
        md.append('\n');
    }

    private static String growth(Stats smaller, Stats larger) {
        if (smaller.runs() == 0 || larger.runs() == 0) {
            return "—";
        }
        return String.format(
                Locale.ROOT,
                "%+.0f MiB (×%.2f)",
                larger.median() - smaller.median(),
                larger.median() / smaller.median());
    }

    private static Stats stats(ScenarioResult scenario, Function<Run, Double> figure) {
        return stats(scenario.runs(), figure);
    }

    private static Stats stats(List<Run> runs, Function<Run, Double> figure) {
        var values = new ArrayList<Double>();
        for (var run : runs) {
            var value = figure.apply(run);
            if (value != null && !value.isNaN() && !value.isInfinite()) {
                values.add(value);
            }
        }
        return Stats.of(values);
    }

    private static double ratio(double value, double yardstick) {
        return yardstick <= 0 ? Double.NaN : value / yardstick;
    }

    private static String row(String... cells) {
        return "| "
                + String.join(
                        " | ",
                        java.util.Arrays.stream(cells).map(Objects::toString).toList()) + " |\n";
    }
}
