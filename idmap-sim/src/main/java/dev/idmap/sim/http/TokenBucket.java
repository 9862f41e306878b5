package dev.idmap.sim.http;

import java.time.Instant;
import java.time.InstantSource;

/** A token bucket on an injected clock; thread-safe. */
final class TokenBucket {

    record Decision(boolean allowed, int remaining, long retryAfterSeconds, Instant resetAt) {}

    private final RateLimit limit;
    private final InstantSource clock;
    private double tokens;
    private long lastRefillNanos;

    TokenBucket(RateLimit limit, InstantSource clock) {
        this.limit = limit;
        this.clock = clock;
        this.tokens = limit.burst();
        this.lastRefillNanos = nanos(clock.instant());
    }

    synchronized Decision take() {
        Instant now = clock.instant();
        long nowNanos = nanos(now);
        double elapsedSeconds = Math.max(0, nowNanos - lastRefillNanos) / 1e9;
        tokens = Math.min(limit.burst(), tokens + elapsedSeconds * limit.refillPerSecond());
        lastRefillNanos = nowNanos;
        double secondsToFull = (limit.burst() - tokens) / limit.refillPerSecond();
        if (tokens >= 1) {
            tokens -= 1;
            Instant reset = now.plusNanos((long) ((limit.burst() - tokens) / limit.refillPerSecond() * 1e9));
            return new Decision(true, (int) Math.floor(tokens), 0, reset);
        }
        long retryAfter = (long) Math.ceil((1 - tokens) / limit.refillPerSecond());
        return new Decision(false, 0, Math.max(1, retryAfter), now.plusNanos((long) (secondsToFull * 1e9)));
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
