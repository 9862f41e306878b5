package dev.idmap.cli.bench;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fetch-and-parse baseline: a minimal client that requests exactly the pages a mapping run requested (as the
 * simulator recorded them) from the same simulator, with as many requests in flight as the engine has crawl workers,
 * and parses every body into a JSON tree, as the connectors do; no staging, matching or writing. Its wall time is
 * what merely reading the sites costs on this machine, the yardstick for the engine's own overhead.
 *
 * <p>It also counts the items of every bulk listing it reads, walk by walk, which gives the minimum number of pages
 * those walks need at the documented page sizes: the API-cost yardstick.
 */
final class FetchBaseline {

    /** Query parameters that move through a walk rather than name it. */
    private static final Set<String> PAGING = Set.of("startAt", "start", "nextPageToken", "cursor");

    private static final Pattern KEYSET = Pattern.compile("(?i)\\s+AND\\s+id\\s*>\\s*\\d+");

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final int inFlight;

    FetchBaseline(int inFlight) {
        this.inFlight = inFlight;
    }

    /** One site's recorded requests and how to reach it. */
    record SiteRequests(String site, URI root, String login, String secret, List<String> requests) {}

    /** What the replay measured: wall time, per site the requests, bulk-listing pages asked and the minimum. */
    record Measured(Duration wall, long bytes, Map<String, SiteCost> costs) {}

    /** One site's requests, its bulk-listing pages and the fewest pages those listings could have taken. */
    record SiteCost(long requests, long bulkPages, long minimumBulkPages) {}

    Measured replay(List<SiteRequests> sites, List<Scenario.BulkListing> listings) throws Exception {
        var http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        var work = new ConcurrentLinkedQueue<Runnable>();
        var items = new ConcurrentHashMap<String, Map<String, LongAdder>>(); // site -> walk -> items
        var bulkPages = new ConcurrentHashMap<String, LongAdder>();
        var maxPage = new ConcurrentHashMap<String, Integer>(); // walk -> documented page size
        var bytes = new AtomicLong();
        // interleaved, as the engine crawls both sites at once
        int longest = sites.stream().mapToInt(s -> s.requests().size()).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (var site : sites) {
                if (i >= site.requests().size()) {
                    continue;
                }
                var line = site.requests().get(i);
                var authorization = "Basic "
                        + Base64.getEncoder()
                                .encodeToString((site.login() + ":" + site.secret()).getBytes(StandardCharsets.UTF_8));
                work.add(() -> fetch(http, site, line, authorization, listings, items, bulkPages, maxPage, bytes));
            }
        }
        var started = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(inFlight)) {
            var workers = new ArrayList<Future<?>>();
            for (int w = 0; w < inFlight; w++) {
                workers.add(pool.submit(() -> {
                    Runnable next;
                    while ((next = work.poll()) != null) {
                        next.run();
                    }
                }));
            }
            for (var worker : workers) {
                worker.get();
            }
        }
        var wall = Duration.ofNanos(System.nanoTime() - started);
        var costs = new java.util.TreeMap<String, SiteCost>();
        for (var site : sites) {
            long minimum = items.getOrDefault(site.site(), Map.of()).entrySet().stream()
                    .mapToLong(walk -> Math.max(1, Scenario.ceil(walk.getValue().sum(), maxPage.get(walk.getKey()))))
                    .sum();
            costs.put(
                    site.site(),
                    new SiteCost(
                            site.requests().size(),
                            bulkPages.getOrDefault(site.site(), new LongAdder()).sum(),
                            minimum));
        }
        return new Measured(wall, bytes.get(), costs);
    }

    private static void fetch(
            HttpClient http,
            SiteRequests site,
            String line,
            String authorization,
            List<Scenario.BulkListing> listings,
            Map<String, Map<String, LongAdder>> items,
            Map<String, LongAdder> bulkPages,
            Map<String, Integer> maxPage,
            AtomicLong bytes) {
        int space = line.indexOf(' ');
        var method = line.substring(0, space);
        var pathAndQuery = line.substring(space + 1);
        var request = HttpRequest.newBuilder(site.root().resolve(pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .timeout(Duration.ofMinutes(2))
                .build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            bytes.addAndGet(response.body().length);
            // the run met some error answers too (an inaccessible filter, an absent endpoint): parsed all the same
            var tree = response.body().length == 0 ? null : JSON.readTree(response.body());
            var uri = URI.create(pathAndQuery);
            for (var listing : listings) {
                if (listing.path().matcher(uri.getRawPath()).matches()) {
                    bulkPages.computeIfAbsent(site.site(), s -> new LongAdder()).increment();
                    var walk = walkOf(uri);
                    maxPage.putIfAbsent(walk, listing.maxPage());
                    long count =
                            tree == null ? 0 : tree.path(listing.itemsField()).size();
                    items.computeIfAbsent(site.site(), s -> new ConcurrentHashMap<>())
                            .computeIfAbsent(walk, w -> new LongAdder())
                            .add(count);
                    break;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("baseline request " + line + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("baseline interrupted", e);
        }
    }

    /**
     * A walk is its path and the query that names it (JQL, space, limit), without the moving paging parameters; a
     * keyset walk's {@code AND id > N} (Data Center issue search) is paging too.
     */
    static String walkOf(URI uri) {
        var query = uri.getRawQuery();
        if (query == null) {
            return uri.getRawPath();
        }
        var kept = new ArrayList<String>();
        for (var parameter : query.split("&")) {
            int eq = parameter.indexOf('=');
            var name = eq < 0 ? parameter : parameter.substring(0, eq);
            if (PAGING.contains(name)) {
                continue;
            }
            var value = eq < 0 ? "" : URLDecoder.decode(parameter.substring(eq + 1), StandardCharsets.UTF_8);
            kept.add(name + "=" + KEYSET.matcher(value).replaceAll(""));
        }
        return uri.getRawPath() + "?" + String.join("&", kept);
    }
}
