package dev.idmap.sim.http;

/**
 * A burst limit applied per endpoint (method + template), as Atlassian Cloud's token buckets are: {@code burst}
 * requests at once, refilled at {@code refillPerSecond}.
 */
public record RateLimit(int burst, double refillPerSecond) {

    public RateLimit {
        if (burst < 1 || refillPerSecond <= 0) {
            throw new IllegalArgumentException("burst must be >= 1 and refillPerSecond > 0");
        }
    }
}
