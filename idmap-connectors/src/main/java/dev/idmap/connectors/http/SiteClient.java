package dev.idmap.connectors.http;

import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.SiteConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;

/**
 * Reads JSON from one Atlassian site over {@link HttpClient}: authenticates every request, bounds the requests in
 * flight per site and per endpoint, waits out 429 as the site asks, retries 5xx and dropped connections with
 * backoff, counts requests per endpoint template, and turns anything else into a {@link CrawlFailure} that names
 * the site, the endpoint, the HTTP status and Atlassian's own message — never the credentials.
 *
 * <p>Thread-safe. The {@link HttpClient} is shared and not closed here.
 */
public final class SiteClient {

    private final String site;
    private final SiteConnection connection;
    private final HttpClient http;
    private final ClientSettings settings;
    private final String permissionAdvice;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Semaphore sitePermits;
    private final Map<String, Semaphore> endpointPermits = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> requestCounts = new ConcurrentHashMap<>();
    /** Whether the site has answered anything yet: before that, a refused or timed-out connection is not retried. */
    private final java.util.concurrent.atomic.AtomicBoolean answeredOnce =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param site how messages name the site, e.g. {@code "Jira source site http://jira.example.com"}
     * @param permissionAdvice what to grant when the site answers 403, in the product's own words
     */
    public SiteClient(
            String site,
            String permissionAdvice,
            SiteConnection connection,
            HttpClient http,
            ClientSettings settings,
            InstantSource clock,
            Sleeper sleeper,
            RandomGenerator random) {
        this.site = site;
        this.permissionAdvice = permissionAdvice;
        this.connection = connection;
        this.http = http;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.sitePermits = new Semaphore(settings.maxInFlightPerSite(), true);
    }

    public String site() {
        return site;
    }

    /**
     * GET {@code path} and return its JSON; any non-2xx answer is a {@link CrawlFailure}: a 404 one of kind
     * {@link CrawlFailure.Kind#NOT_OFFERED} (the site does not offer this listing).
     */
    public JsonNode get(String template, String path, Query query) {
        return success(template, send(template, path, query)).body();
    }

    /** The answer when it is a success; else the failure {@link #get} documents. */
    private JsonResponse success(String template, JsonResponse response) {
        if (response.status() == 404) {
            throw failure(
                    CrawlFailure.Kind.NOT_OFFERED,
                    template,
                    response,
                    "; this site does not offer the endpoint (an older version, or the app that provides it is not"
                            + " installed)");
        }
        if (response.status() / 100 != 2) {
            throw failure(CrawlFailure.Kind.UNEXPECTED, template, response, "");
        }
        return response;
    }

    /**
     * Like {@link #get} for a page whose items, the elements of its top-level array member {@code itemsField}, go to
     * {@code each} one at a time as they are parsed, so that only one item's tree is held, never the page's. The
     * page returned holds that member as an empty array, and how many items it had.
     *
     * <p>{@code each} runs while the answer is read, holding this request's permits; a request sent from it would
     * wait for permits that the requests in flight may all hold, so it fails instead ({@link IllegalStateException}):
     * work that needs requests is done after the page.
     */
    public StreamedPage getStreamed(
            String template, String path, Query query, String itemsField, Consumer<JsonNode> each) {
        var items = new StreamedItems(itemsField, each);
        return streamedPage(template, success(template, send(template, path, query, true, items)), items);
    }

    /** Like {@link #getStreamed} for an endpoint a site may not have: a 404 is an empty answer (no item handed on). */
    public Optional<StreamedPage> getStreamedIfFound(
            String template, String path, Query query, String itemsField, Consumer<JsonNode> each) {
        var items = new StreamedItems(itemsField, each);
        var response = send(template, path, query, true, items);
        if (response.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(streamedPage(template, success(template, response), items));
    }

    private StreamedPage streamedPage(String template, JsonResponse response, StreamedItems items) {
        if (!response.body().isObject()) {
            throw failure(
                    CrawlFailure.Kind.UNEXPECTED,
                    template,
                    response,
                    "; the answer is not a JSON object: "
                            + response.rawStart().strip().replaceAll("\\s+", " "));
        }
        return new StreamedPage(response.body(), items.inAnswer());
    }

    /** A page whose items were handed on as they were parsed: the rest of it, and how many items it had. */
    public record StreamedPage(JsonNode rest, int items) {}

    /** Like {@link #get} but a 404 is an empty answer (an optional endpoint, or an entity gone meanwhile). */
    public Optional<JsonNode> getIfFound(String template, String path, Query query) {
        var response = send(template, path, query);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (response.status() / 100 != 2) {
            throw failure(CrawlFailure.Kind.UNEXPECTED, template, response, "");
        }
        return Optional.of(response.body());
    }

    /**
     * Like {@link #getIfFound} for details that only some entities let the account read (e.g. a board's
     * configuration needs board admin on Cloud): a 403 or 404 is an empty answer, not a failed crawl.
     */
    public Optional<JsonNode> getIfPermitted(String template, String path, Query query) {
        return getIfPermitted(template, path, query, refused -> {});
    }

    /** Like {@link #getIfPermitted(String, String, Query)}, telling {@code refused} about a 403 or 404. */
    public Optional<JsonNode> getIfPermitted(
            String template, String path, Query query, Consumer<CrawlFailure.Exchange> refused) {
        var response = send(template, path, query, false);
        if (response.status() == 403 || response.status() == 404) {
            refused.accept(new CrawlFailure.Exchange(
                    "GET " + template, response.request(), response.status(), response.atlassianMessage()));
            return Optional.empty();
        }
        if (response.status() / 100 != 2) {
            throw failure(CrawlFailure.Kind.UNEXPECTED, template, response, "");
        }
        return Optional.of(response.body());
    }

    /**
     * Sends one GET, retrying what is retryable. Returns any final answer other than 401/403 (which fail fast):
     * the caller decides what a 400 or 404 means for its endpoint.
     */
    public JsonResponse send(String template, String path, Query query) {
        return send(template, path, query, true);
    }

    private JsonResponse send(String template, String path, Query query, boolean forbiddenFailsFast) {
        return send(template, path, query, forbiddenFailsFast, null);
    }

    private JsonResponse send(
            String template, String path, Query query, boolean forbiddenFailsFast, StreamedItems items) {
        if (StreamedItems.handingOnHere()) {
            throw new IllegalStateException("GET " + template + " sent while the items of a page are handed on: it"
                    + " would wait for the permits the pages in flight hold; send it after the page");
        }
        var relative = path + (query.encoded().isEmpty() ? "" : "?" + query.encoded());
        var uri = URI.create(connection.baseUrl() + relative);
        var request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(settings.requestTimeout())
                .header("Authorization", connection.auth().header())
                .header("Accept", "application/json")
                .build();
        var retry = settings.retry();
        int failures = 0;
        int rateLimited = 0;
        while (true) {
            Attempt attempt = attempt(template, "GET " + relative, request, items);
            switch (attempt) {
                case Answered(var response)
                when response.status() == 429 -> {
                    rateLimited++;
                    if (rateLimited > retry.maxRateLimitRetries()) {
                        throw failure(
                                CrawlFailure.Kind.UNAVAILABLE,
                                template,
                                response,
                                " after waiting out " + retry.maxRateLimitRetries()
                                        + " rate limits; ask the site admin for a rate-limit exemption for this"
                                        + " account or run with fewer requests in flight");
                    }
                    var backoff = retry.backoff(rateLimited, random);
                    pause(retry.rateLimitWait(response.waitAskedFor(clock).orElse(backoff), random));
                }
                case Answered(var response)
                when response.status() == 401 ->
                    throw failure(
                            CrawlFailure.Kind.AUTHENTICATION,
                            template,
                            response,
                            "; the credentials configured for this site were rejected: check the user name and"
                                    + " password, API token (Cloud: account email + API token) or personal access"
                                    + " token (Data Center)");
                case Answered(var response)
                when response.status() == 403 && forbiddenFailsFast ->
                    throw failure(
                            CrawlFailure.Kind.PERMISSION,
                            template,
                            response,
                            "; the account configured for this site lacks a permission: " + permissionAdvice);
                case Answered(var response)
                when response.status() / 100 == 5 -> {
                    failures++;
                    if (failures >= retry.maxAttempts()) {
                        throw failure(
                                CrawlFailure.Kind.UNAVAILABLE, template, response, " after " + failures + " attempts");
                    }
                    var backoff = retry.backoff(failures, random);
                    pause(response.waitAskedFor(clock).orElse(backoff));
                }
                case Answered(var response) -> {
                    return response;
                }
                case Dropped(var error) -> {
                    failures++;
                    var unreachable =
                            Unreachable.explain(error, uri, connection.connectsElsewhere(), answeredOnce.get());
                    if (unreachable.isPresent()) {
                        throw new CrawlFailure(
                                CrawlFailure.Kind.UNREACHABLE,
                                site + ": GET " + connection.knownAs() + path + " failed: " + unreachable.get(),
                                error);
                    }
                    if (failures >= retry.maxAttempts()) {
                        throw new CrawlFailure(
                                CrawlFailure.Kind.UNAVAILABLE,
                                site + ": GET " + template + " failed after " + failures + " attempts: "
                                        + describe(error),
                                error);
                    }
                    pause(retry.backoff(failures, random));
                }
            }
        }
    }

    /** The failure for an answer the caller cannot use, naming site, endpoint, status and Atlassian's message. */
    public CrawlFailure unexpected(String template, JsonResponse response) {
        return failure(CrawlFailure.Kind.UNEXPECTED, template, response, "");
    }

    /** Requests issued so far per endpoint template, e.g. {@code GET /rest/api/2/search}, sorted by template. */
    public Map<String, Long> requestCounts() {
        var counts = new TreeMap<String, Long>();
        requestCounts.forEach((template, count) -> counts.put("GET " + template, count.sum()));
        return counts;
    }

    private sealed interface Attempt permits Answered, Dropped {}

    private record Answered(JsonResponse response) implements Attempt {}

    private record Dropped(IOException error) implements Attempt {}

    private Attempt attempt(String template, String requestLine, HttpRequest request, StreamedItems items) {
        var endpoint =
                endpointPermits.computeIfAbsent(template, t -> new Semaphore(settings.maxInFlightPerEndpoint(), true));
        acquire(endpoint);
        try {
            acquire(sitePermits);
            try {
                requestCounts.computeIfAbsent(template, t -> new LongAdder()).increment();
                var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                answeredOnce.set(true);
                try (var body = response.body()) {
                    return new Answered(
                            JsonResponse.read(requestLine, response.statusCode(), response.headers(), body, items));
                }
            } catch (IOException e) {
                return new Dropped(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CrawlFailure(CrawlFailure.Kind.UNAVAILABLE, site + ": interrupted during GET " + template, e);
            } finally {
                sitePermits.release();
            }
        } finally {
            endpoint.release();
        }
    }

    private void acquire(Semaphore permits) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrawlFailure(CrawlFailure.Kind.UNAVAILABLE, site + ": interrupted while waiting to send", e);
        }
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrawlFailure(CrawlFailure.Kind.UNAVAILABLE, site + ": interrupted while backing off", e);
        }
    }

    private CrawlFailure failure(CrawlFailure.Kind kind, String template, JsonResponse response, String advice) {
        var message = new StringBuilder()
                .append(site)
                .append(": GET ")
                .append(template)
                .append(" answered HTTP ")
                .append(response.status());
        var atlassian = response.atlassianMessage();
        if (!atlassian.isEmpty()) {
            message.append(" (").append(atlassian).append(')');
        }
        return new CrawlFailure(
                kind,
                message.append(advice).toString(),
                new CrawlFailure.Exchange("GET " + template, response.request(), response.status(), atlassian));
    }

    private static String describe(IOException error) {
        var text = error.getMessage();
        return error.getClass().getSimpleName() + (text == null ? "" : " " + text);
    }
}
