package dev.idmap.connectors;

import dev.idmap.connectors.http.ClientSettings;
import dev.idmap.connectors.http.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How the crawlers talk to the sites.
 *
 * @param maxInFlightPerSite requests in flight to one site at once (default 8)
 * @param maxInFlightPerEndpoint requests in flight to one endpoint of one site at once (default 4; Cloud burst
 *     limits are per endpoint and method)
 * @param connectTimeout TCP connect timeout (default 10 s)
 * @param requestTimeout time until a response starts (default 60 s); a timeout is retried like a dropped
 *     connection
 * @param retry what is retried and how long (default {@link RetryPolicy#defaults()})
 * @param jitterSeed seeds the backoff jitter, so that a run's waits are reproducible
 */
public record CrawlerSettings(
        int maxInFlightPerSite,
        int maxInFlightPerEndpoint,
        Duration connectTimeout,
        Duration requestTimeout,
        RetryPolicy retry,
        long jitterSeed) {

    public CrawlerSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retry, "retry");
        client(maxInFlightPerSite, maxInFlightPerEndpoint, connectTimeout, requestTimeout, retry);
    }

    public static CrawlerSettings defaults() {
        return new CrawlerSettings(8, 4, Duration.ofSeconds(10), Duration.ofSeconds(60), RetryPolicy.defaults(), 42L);
    }

    public CrawlerSettings withRetry(RetryPolicy retry) {
        return new CrawlerSettings(
                maxInFlightPerSite, maxInFlightPerEndpoint, connectTimeout, requestTimeout, retry, jitterSeed);
    }

    public CrawlerSettings withInFlight(int perSite, int perEndpoint) {
        return new CrawlerSettings(perSite, perEndpoint, connectTimeout, requestTimeout, retry, jitterSeed);
    }

    ClientSettings client() {
        return client(maxInFlightPerSite, maxInFlightPerEndpoint, connectTimeout, requestTimeout, retry);
    }

    private static ClientSettings client(
            int perSite, int perEndpoint, Duration connect, Duration request, RetryPolicy retry) {
        return new ClientSettings(perSite, perEndpoint, connect, request, retry);
    }
}
