package dev.idmap.sim.http;

import java.time.Duration;
import java.util.Optional;

/**
 * The conditions a site serves under: added latency per request, an optional per-endpoint burst limit, and a rate of
 * injected faults (500, 502, 503 or a dropped connection, equally likely) drawn from a random seeded with {@code seed}.
 */
public record OperatingConditions(Duration latency, Optional<RateLimit> rateLimit, double faultRate, long seed) {

    public static final OperatingConditions NONE = new OperatingConditions(Duration.ZERO, Optional.empty(), 0, 0);

    public OperatingConditions {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        if (faultRate < 0 || faultRate > 1) {
            throw new IllegalArgumentException("faultRate must be within [0, 1]");
        }
    }

    public OperatingConditions withSeed(long newSeed) {
        return new OperatingConditions(latency, rateLimit, faultRate, newSeed);
    }
}
