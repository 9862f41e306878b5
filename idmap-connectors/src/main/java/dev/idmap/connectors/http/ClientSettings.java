package dev.idmap.connectors.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one {@link SiteClient}.
 *
 * @param maxInFlightPerSite requests in flight to the site at once
 * @param maxInFlightPerEndpoint requests in flight to one endpoint template at once (Cloud burst limits are per
 *     endpoint and method)
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout time until the response headers arrive; a timeout is retried like a dropped connection
 * @param retry what is retried and how long
 */
public record ClientSettings(
        int maxInFlightPerSite,
        int maxInFlightPerEndpoint,
        Duration connectTimeout,
        Duration requestTimeout,
        RetryPolicy retry) {

    public ClientSettings {
        if (maxInFlightPerSite < 1 || maxInFlightPerEndpoint < 1) {
            throw new IllegalArgumentException("in-flight limits must be at least 1");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retry, "retry");
    }
}
