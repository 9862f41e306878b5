package dev.idmap.sim.bench;

import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimScale;
import dev.idmap.sim.SimSite;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import dev.idmap.sim.http.Json;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Not a test: serves the LARGE Jira scenario (40 projects x 25,000 = 1,000,000 issues) and crawls every issue id and key
 * through both APIs the way a crawler should: Data Center {@code /rest/api/2/search} by id ranges at 1000 a page,
 * Cloud {@code /rest/api/3/search/jql} with {@code nextPageToken} at 5000 a page, one crawler per project, 4 in
 * parallel. Then one pass of 100-issue pages with every field ({@code fields=*all}) over a slice of projects. Prints
 * pages/s, issues/s, heap after GC and peak RSS, and writes them to {@code benchmarks/results/sim-jira-*.txt}.
 *
 * <p>Run from the repository root (see idmap-sim/README.md):
 *
 * <pre>
 * ./build -B -q -pl idmap-sim test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath
 * java -Xmx256m -cp idmap-sim/target/test-classes:idmap-sim/target/classes:$(cat idmap-sim/target/test.classpath) \
 *     dev.idmap.sim.bench.JiraScaleBenchmark [scale, default large]
 * </pre>
 */
public final class JiraScaleBenchmark {

    private static final int PARALLEL = 4;

    private final HttpClient http = HttpClient.newBuilder().build();
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    private JiraScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        String scaleText = args.length > 0 ? args[0] : "large";
        new JiraScaleBenchmark().run(SimScale.parse(scaleText), scaleText);
    }

    private void run(SimScale scale, String scaleText) throws Exception {
        var lines = new ArrayList<String>() {
            @Override
            public boolean add(String line) {
                System.out.println(line);
                System.out.flush();
                return super.add(line);
            }
        };
        lines.add("Jira simulator scale benchmark, " + Instant.now());
        lines.add("JVM " + Runtime.version() + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, "
                + Runtime.getRuntime().availableProcessors() + " processors; client and server in one JVM");
        long start = System.nanoTime();
        try (SimulatedMigration sim =
                Simulator.start(SimConfig.builder(SimProduct.JIRA).scale(scale).build())) {
            lines.add(String.format("scale %s; start (generate + bind both sites): %.2f s", scaleText, seconds(start)));
            List<String> dcProjects = projectKeys(
                    sim.sourceBaseUrl() + "/rest/api/2/project",
                    sim.sourceCredentials().basicAuthorization());
            List<String> cloudProjects = projectKeys(
                    sim.destinationBaseUrl() + "/rest/api/3/project",
                    sim.destinationCredentials().basicAuthorization());

            lines.add(pass(
                    "DC /rest/api/2/search, id ranges, fields=key, 1000/page",
                    dcProjects,
                    key -> crawlDataCenter(sim, key, "key", 1000)));
            lines.add(pass(
                    "Cloud /rest/api/3/search/jql, nextPageToken, fields=key, 5000/page",
                    cloudProjects,
                    key -> crawlCloud(sim, key, "key", 5000)));
            List<String> slice = dcProjects.subList(0, Math.min(4, dcProjects.size()));
            lines.add(pass(
                    "DC /rest/api/2/search, fields=*all, 100/page (" + slice.size() + " projects)",
                    slice,
                    key -> crawlDataCenter(sim, key, "*all", 100)));
            lines.add(pass(
                    "Cloud /rest/api/3/search/jql, fields=*all, 100/page (" + slice.size() + " projects)",
                    slice,
                    key -> crawlCloud(sim, key, "*all", 100)));
            lines.add("requests served: source " + total(sim, SimSite.SOURCE) + ", destination "
                    + total(sim, SimSite.DESTINATION));
            lines.add(memory());
            long truthStart = System.nanoTime();
            Path csv = sim.groundTruthCsv();
            lines.add(String.format("ground truth written: %,d bytes in %.1f s", Files.size(csv), seconds(truthStart)));
            Files.deleteIfExists(csv);
        }
        lines.add("peak RSS (VmHWM): " + rss("VmHWM"));
        Path out = resultsDirectory()
                .resolve("sim-jira-"
                        + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                                .withZone(ZoneOffset.UTC)
                                .format(Instant.now())
                        + ".txt");
        Files.write(out, lines);
        System.out.println("written to " + out);
    }

    @FunctionalInterface
    interface ProjectCrawl {
        long crawl(String projectKey) throws Exception;
    }

    private String pass(String name, List<String> projects, ProjectCrawl crawl) throws Exception {
        long pagesBefore = pages.get();
        long bytesBefore = bytes.get();
        long start = System.nanoTime();
        long issues = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
            var futures = new ArrayList<Future<Long>>();
            for (String key : projects) {
                futures.add(pool.submit((Callable<Long>) () -> crawl.crawl(key)));
            }
            for (Future<Long> f : futures) {
                issues += f.get();
            }
        }
        double s = seconds(start);
        long passPages = pages.get() - pagesBefore;
        return String.format(
                "%s: %,d issues, %,d pages, %,d MB in %.1f s -> %.1f pages/s, %,.0f issues/s",
                name, issues, passPages, (bytes.get() - bytesBefore) >> 20, s, passPages / s, issues / s);
    }

    private long crawlDataCenter(SimulatedMigration sim, String key, String fields, int size) throws Exception {
        long lastId = 0;
        long issues = 0;
        while (true) {
            String jql = "project = " + key + " AND id > " + lastId + " ORDER BY id ASC";
            JsonNode page = get(
                    sim.sourceBaseUrl() + "/rest/api/2/search?maxResults=" + size + "&fields=" + fields + "&jql="
                            + encode(jql),
                    sim.sourceCredentials().basicAuthorization());
            JsonNode found = page.get("issues");
            issues += found.size();
            if (found.size() < page.get("maxResults").asInt() || found.isEmpty()) {
                return issues;
            }
            lastId = found.get(found.size() - 1).get("id").asLong();
        }
    }

    private long crawlCloud(SimulatedMigration sim, String key, String fields, int size) throws Exception {
        String token = null;
        long issues = 0;
        do {
            JsonNode page = get(
                    sim.destinationBaseUrl() + "/rest/api/3/search/jql?maxResults=" + size + "&fields="
                            + fields + "&jql=" + encode("project = " + key + " ORDER BY id")
                            + (token == null ? "" : "&nextPageToken=" + token),
                    sim.destinationCredentials().basicAuthorization());
            issues += page.get("issues").size();
            token = page.has("nextPageToken") ? page.get("nextPageToken").asString() : null;
        } while (token != null);
        return issues;
    }

    private List<String> projectKeys(String url, String authorization) throws Exception {
        var keys = new ArrayList<String>();
        get(url, authorization).forEach(p -> keys.add(p.get("key").asString()));
        return keys;
    }

    private JsonNode get(String url, String authorization) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", authorization)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " -> " + response.statusCode() + " " + new String(response.body()));
        }
        pages.incrementAndGet();
        bytes.addAndGet(response.body().length);
        return Json.MAPPER.readTree(response.body());
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long total(SimulatedMigration sim, SimSite site) {
        return sim.requestCounts(site).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    private static String memory() {
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return String.format("heap after GC %,d MiB, RSS %s", heap.getUsed() >> 20, rss("VmRSS"));
    }

    private static String rss(String field) {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith(field + ":"))
                    .map(l -> l.substring(field.length() + 1).trim())
                    .findFirst()
                    .orElse("n/a");
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static double seconds(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0;
    }

    private static Path resultsDirectory() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("idmap-sim"))) {
            dir = dir.getParent();
        }
        Path results = (dir == null ? Path.of("") : dir).resolve("benchmarks/results");
        Files.createDirectories(results);
        return results;
    }
}
