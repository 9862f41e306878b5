package dev.idmap.sim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One simulated site on a loopback ephemeral port: routes under a context path (e.g. {@code /jira}), authentication,
 * the site's error bodies and its operating conditions. Each request goes through, in order: counting, latency, fault
 * injection, the per-endpoint burst limit, authentication (401) and authorisation (403), then the handler.
 *
 * <p>Admin endpoints, outside the context path and never counted, limited or authenticated (loopback only):
 * {@code GET /__admin/requests} answers {@code {"METHOD template": count}}; {@code POST /__admin/requests/reset}
 * clears the counts.
 */
public final class HttpSite implements AutoCloseable {

    public static final String ADMIN_REQUESTS = "/__admin/requests";

    private static final DateTimeFormatter RESET_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    private final String name;
    private final String contextPath;
    private final List<Route> routes;
    private final SiteAuthenticator authenticator;
    private final ErrorBodies errors;
    private final OperatingConditions conditions;
    private final Optional<String> rateLimitReason;
    private final InstantSource clock;
    private final RequestCounter counter = new RequestCounter();
    /** Every routed request's method and raw URI, while recording (benchmarks replay them); null when not. */
    private volatile Queue<String> recorded;

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Random faults;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer server;
    private final URI baseUrl;

    private HttpSite(Builder builder) {
        this.name = builder.name;
        this.contextPath = builder.contextPath;
        this.routes = builder.routes.stream()
                .sorted(Comparator.comparingInt((Route r) -> r.path().literalCount())
                        .reversed())
                .toList();
        this.authenticator = builder.authenticator;
        this.errors = builder.errors;
        this.conditions = builder.conditions;
        this.rateLimitReason = builder.rateLimitReason;
        this.clock = builder.clock;
        this.faults = new Random(conditions.seed());
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for site " + name, e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        this.baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + contextPath);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The site's base URL, including its context path, without a trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The server root, where the admin endpoints live. */
    public URI rootUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String name() {
        return name;
    }

    public Map<String, Long> requestCounts() {
        return counter.snapshot();
    }

    public void resetRequestCounts() {
        counter.reset();
    }

    /**
     * Starts recording every routed request as {@code METHOD rawPath[?rawQuery]} (from now on, replacing what was
     * recorded before). A benchmark replays them to measure what merely reading the same pages costs; a long-running
     * simulator never records, so its memory stays flat.
     */
    public void startRecording() {
        recorded = new ConcurrentLinkedQueue<>();
    }

    /** The requests recorded since {@link #startRecording()}, in arrival order; empty when not recording. */
    public List<String> recordedRequests() {
        var log = recorded;
        return log == null ? List.of() : List.copyOf(log);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (path.startsWith(ADMIN_REQUESTS)) {
                send(exchange, admin(method, path));
                return;
            }
            Optional<SimResponse> response = dispatch(exchange, method, path);
            if (response.isPresent()) {
                send(exchange, response.get());
            }
            // An empty response is a dropped connection: closing the exchange without headers closes the socket.
        } catch (IOException | RuntimeException clientGone) {
            // The client closed the connection, or a handler failed after headers were sent: nothing left to answer.
        }
    }

    private SimResponse admin(String method, String path) {
        if (method.equals("GET") && path.equals(ADMIN_REQUESTS)) {
            var body = Json.object();
            counter.snapshot().forEach(body::put);
            return SimResponse.json(body);
        }
        if (method.equals("POST") && path.equals(ADMIN_REQUESTS + "/reset")) {
            counter.reset();
            return SimResponse.empty(204);
        }
        return SimResponse.json(404, Json.object().put("message", "No admin endpoint " + method + " " + path));
    }

    private Optional<SimResponse> dispatch(HttpExchange exchange, String method, String rawPath) throws IOException {
        if (!rawPath.startsWith(contextPath)) {
            return Optional.of(errors.render(404, "Not found: " + rawPath));
        }
        String path = rawPath.substring(contextPath.length());
        Route route = null;
        Map<String, String> pathParams = Map.of();
        boolean pathKnown = false;
        for (Route candidate : routes) {
            Optional<Map<String, String>> match = candidate.path().match(path);
            if (match.isPresent()) {
                pathKnown = true;
                if (candidate.method().equals(method)) {
                    route = candidate;
                    pathParams = match.get();
                    break;
                }
            }
        }
        if (route == null) {
            counter.record(method + " (no route)");
            return Optional.of(
                    pathKnown
                            ? errors.render(405, "Method " + method + " is not allowed here.")
                            : errors.render(404, "No endpoint " + method + " " + path));
        }
        counter.record(route.endpoint());
        var log = recorded;
        if (log != null) {
            var uri = exchange.getRequestURI();
            log.add(method + " " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        }
        sleep(conditions.latency());
        switch (nextFault()) {
            case NONE -> {}
            case SERVER_ERROR -> {
                return Optional.of(errors.render(500, "Internal server error (injected fault)."));
            }
            case BAD_GATEWAY -> {
                return Optional.of(errors.render(502, "Bad gateway (injected fault)."));
            }
            case UNAVAILABLE -> {
                return Optional.of(errors.render(503, "Service unavailable (injected fault).")
                        .withHeader("Retry-After", "1"));
            }
            case DROPPED_CONNECTION -> {
                return Optional.empty();
            }
        }
        Optional<SimResponse> limited = rateLimit(route);
        if (limited.isPresent()) {
            return limited;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Optional<Principal> principal = authenticator.authenticate(authorization);
        if (principal.isEmpty()) {
            return Optional.of(
                    errors.render(401, "You are not authenticated. Authentication required to perform this operation.")
                            .withHeader("WWW-Authenticate", "Basic realm=\"" + name + "\""));
        }
        if (route.access() == Access.ADMIN && !principal.get().admin()) {
            return Optional.of(errors.render(403, "You do not have permission to perform this operation."));
        }
        var request = new SimRequest(
                method,
                path,
                pathParams,
                SimRequest.parseQuery(exchange.getRequestURI().getRawQuery()),
                exchange.getRequestHeaders(),
                exchange.getRequestBody().readAllBytes(),
                principal,
                baseUrl);
        try {
            return Optional.of(route.handler().handle(request));
        } catch (SimHttpException refused) {
            return Optional.of(errors.render(refused.status(), refused.getMessage()));
        } catch (RuntimeException bug) {
            System.err.println("simulator " + name + ": handler of " + route.endpoint() + " failed: " + bug);
            bug.printStackTrace();
            return Optional.of(errors.render(500, "Internal server error."));
        }
    }

    private enum Fault {
        NONE,
        SERVER_ERROR,
        BAD_GATEWAY,
        UNAVAILABLE,
        DROPPED_CONNECTION
    }

    private Fault nextFault() {
        if (conditions.faultRate() <= 0) {
            return Fault.NONE;
        }
        synchronized (faults) {
            if (faults.nextDouble() >= conditions.faultRate()) {
                return Fault.NONE;
            }
            return Fault.values()[1 + faults.nextInt(4)];
        }
    }

    private Optional<SimResponse> rateLimit(Route route) {
        if (conditions.rateLimit().isEmpty()) {
            return Optional.empty();
        }
        RateLimit limit = conditions.rateLimit().get();
        TokenBucket bucket = buckets.computeIfAbsent(route.endpoint(), e -> new TokenBucket(limit, clock));
        TokenBucket.Decision decision = bucket.take();
        if (decision.allowed()) {
            return Optional.empty();
        }
        SimResponse response = errors.render(429, "Rate limit exceeded.")
                .withHeader("Retry-After", Long.toString(decision.retryAfterSeconds()))
                .withHeader("X-RateLimit-Limit", Integer.toString(limit.burst()))
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", RESET_FORMAT.format(resetMinute(decision.resetAt())));
        return Optional.of(rateLimitReason
                .map(r -> response.withHeader("RateLimit-Reason", r))
                .orElse(response));
    }

    private static Instant resetMinute(Instant resetAt) {
        // The header has minute precision; round up so a client never retries before the bucket refilled.
        long seconds = resetAt.getEpochSecond();
        return Instant.ofEpochSecond(((seconds + 59) / 60) * 60);
    }

    private void send(HttpExchange exchange, SimResponse response) throws IOException {
        var headers = exchange.getResponseHeaders();
        response.headers().forEach(headers::set);
        headers.set("X-Simulator-Site", name);
        if (response.body().length == 0) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        headers.set("Content-Type", response.contentType());
        exchange.sendResponseHeaders(response.status(), response.body().length);
        exchange.getResponseBody().write(response.body());
    }

    private static void sleep(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Collects routes and settings; {@link #start()} binds the port. */
    public static final class Builder {
        private final String name;
        private String contextPath = "";
        private final List<Route> routes = new ArrayList<>();
        private SiteAuthenticator authenticator = new SiteAuthenticator(List.of());
        private ErrorBodies errors =
                (status, message) -> SimResponse.json(status, Json.object().put("message", message));
        private OperatingConditions conditions = OperatingConditions.NONE;
        private Optional<String> rateLimitReason = Optional.empty();
        private InstantSource clock = InstantSource.system();

        private Builder(String name) {
            this.name = name;
        }

        /** A prefix such as {@code /jira} or {@code /wiki}; empty for a site at the root. */
        public Builder contextPath(String path) {
            if (!path.isEmpty() && (!path.startsWith("/") || path.endsWith("/"))) {
                throw new IllegalArgumentException("context path must start with '/' and not end with it: " + path);
            }
            this.contextPath = path;
            return this;
        }

        public Builder accounts(List<SiteAccount> accounts) {
            this.authenticator = new SiteAuthenticator(accounts);
            return this;
        }

        public Builder errors(ErrorBodies errorBodies) {
            this.errors = errorBodies;
            return this;
        }

        public Builder conditions(OperatingConditions operatingConditions) {
            this.conditions = operatingConditions;
            return this;
        }

        /** The {@code RateLimit-Reason} header sent with 429s, e.g. {@code jira-burst-based}. */
        public Builder rateLimitReason(String reason) {
            this.rateLimitReason = Optional.of(reason);
            return this;
        }

        public Builder clock(InstantSource instantSource) {
            this.clock = instantSource;
            return this;
        }

        public Builder get(String template, Handler handler) {
            return route("GET", template, Access.USER, handler);
        }

        public Builder getAdmin(String template, Handler handler) {
            return route("GET", template, Access.ADMIN, handler);
        }

        public Builder post(String template, Handler handler) {
            return route("POST", template, Access.USER, handler);
        }

        public Builder route(String method, String template, Access access, Handler handler) {
            routes.add(new Route(method, PathTemplate.of(template), access, handler));
            return this;
        }

        public HttpSite start() {
            return new HttpSite(this);
        }
    }
}
