package dev.idmap.sim.confluence;

import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimScale;
import dev.idmap.sim.SimulatedMigration;
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
import tools.jackson.databind.JsonNode;

/**
 * Not a test: serves the large Confluence scenario (200,000 pages) and crawls every page through both APIs (Data
 * Center {@code /content/scan} at 200 a page, Cloud v2 {@code /pages} at 250 a page), then writes the ground truth.
 * Prints pages/s, heap after GC and peak RSS, and writes them to {@code benchmarks/results/sim-confluence-*.txt}.
 *
 * <p>Run: {@code ./build -q -pl idmap-sim test-compile} then {@code java -Xmx256m -cp <test classpath>
 * dev.idmap.sim.confluence.ConfluenceScaleBenchmark [scale]}; see README-confluence.md.
 */
public final class ConfluenceScaleBenchmark {

    private ConfluenceScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        SimScale scale = SimScale.parse(args.length > 0 ? args[0] : "large");
        ConfluenceSize size = ConfluenceSize.of(scale);
        var lines = new ArrayList<String>();
        lines.add("Confluence simulator scale benchmark, " + Instant.now());
        lines.add("scale " + args0(args) + ": " + size + " -> " + size.pages() + " pages");
        lines.add("JVM " + Runtime.version() + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, "
                + Runtime.getRuntime().availableProcessors() + " processors");
        long startNanos = System.nanoTime();
        try (SimulatedMigration sim = new ConfluenceSimulator()
                .start(SimConfig.builder(SimProduct.CONFLUENCE).scale(scale).build())) {
            lines.add(String.format("start (generate + bind both sites): %.2f s", seconds(startNanos)));
            var http = HttpClient.newHttpClient();

            long t = System.nanoTime();
            long dcPages = crawl(
                    http,
                    sim.sourceCredentials().basicAuthorization(),
                    sim.sourceBaseUrl() + "/rest/api/content/scan?type=page&limit=200",
                    page -> page.path("_links").has("next")
                            ? page.get("_links").get("base").asString()
                                    + page.get("_links").get("next").asString()
                            : null);
            double dcSeconds = seconds(t);
            lines.add(String.format(
                    "DC   /rest/api/content/scan?limit=200: %,d pages in %.2f s = %,.0f pages/s (%s)",
                    dcPages, dcSeconds, dcPages / dcSeconds, memory()));

            t = System.nanoTime();
            long cloudPages = crawl(
                    http,
                    sim.destinationCredentials().basicAuthorization(),
                    sim.destinationBaseUrl() + "/wiki/api/v2/pages?limit=250",
                    page -> page.path("_links").has("next")
                            ? sim.destinationBaseUrl()
                                    + page.get("_links").get("next").asString()
                            : null);
            double cloudSeconds = seconds(t);
            lines.add(String.format(
                    "Cloud /wiki/api/v2/pages?limit=250:    %,d pages in %.2f s = %,.0f pages/s (%s)",
                    cloudPages, cloudSeconds, cloudPages / cloudSeconds, memory()));

            t = System.nanoTime();
            long parallelPages = crawlSpacesInParallel(http, sim, 4);
            double parallelSeconds = seconds(t);
            lines.add(String.format(
                    "Cloud /wiki/api/v2/spaces/{id}/pages?limit=250, 4 clients: %,d pages in %.2f s = %,.0f pages/s (%s)",
                    parallelPages, parallelSeconds, parallelPages / parallelSeconds, memory()));

            t = System.nanoTime();
            Path csv = sim.groundTruthCsv();
            long rows;
            try (var stream = Files.lines(csv)) {
                rows = stream.count() - 1;
            }
            lines.add(String.format(
                    "ground truth: %,d rows, %,d bytes written in %.2f s (%s)",
                    rows, Files.size(csv), seconds(t), memory()));
            Files.deleteIfExists(csv);
        }
        lines.add("peak RSS (VmHWM): " + peakRss());
        lines.forEach(System.out::println);
        Path out = resultsDirectory()
                .resolve("sim-confluence-"
                        + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                                .withZone(ZoneOffset.UTC)
                                .format(Instant.now())
                        + ".txt");
        Files.write(out, lines);
        System.out.println("written to " + out);
    }

    private interface NextLink {
        String of(JsonNode page);
    }

    private static long crawl(HttpClient http, String authorization, String first, NextLink next)
            throws IOException, InterruptedException {
        long pages = 0;
        String url = first;
        while (url != null) {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", authorization)
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            JsonNode page = Json.MAPPER.readTree(response.body());
            pages += page.get("results").size();
            url = next.of(page);
        }
        return pages;
    }

    /** Every Cloud space's pages, the spaces shared out over {@code clients} threads, as a crawler would. */
    private static long crawlSpacesInParallel(HttpClient http, SimulatedMigration sim, int clients) throws Exception {
        String auth = sim.destinationCredentials().basicAuthorization();
        var spaceIds = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        String next = sim.destinationBaseUrl() + "/wiki/api/v2/spaces?limit=250";
        while (next != null) {
            JsonNode page = Json.MAPPER.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(next))
                                    .header("Authorization", auth)
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray())
                    .body());
            page.get("results").forEach(space -> spaceIds.add(space.get("id").asString()));
            next = page.get("_links").has("next")
                    ? sim.destinationBaseUrl() + page.get("_links").get("next").asString()
                    : null;
        }
        var total = new java.util.concurrent.atomic.AtomicLong();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(clients)) {
            var futures = new ArrayList<java.util.concurrent.Future<?>>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    for (String id = spaceIds.poll(); id != null; id = spaceIds.poll()) {
                        total.addAndGet(crawl(
                                http,
                                auth,
                                sim.destinationBaseUrl() + "/wiki/api/v2/spaces/" + id + "/pages?limit=250",
                                page -> page.path("_links").has("next")
                                        ? sim.destinationBaseUrl()
                                                + page.get("_links").get("next").asString()
                                        : null));
                    }
                    return null;
                }));
            }
            for (var future : futures) {
                future.get();
            }
        }
        return total.get();
    }

    private static String memory() {
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return String.format("heap after GC %,d MiB, RSS %s", heap.getUsed() >> 20, rss("VmRSS"));
    }

    private static String peakRss() {
        return rss("VmHWM");
    }

    private static String rss(String field) {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
            return status.stream()
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

    private static String args0(String[] args) {
        return args.length > 0 ? args[0] : "large";
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
