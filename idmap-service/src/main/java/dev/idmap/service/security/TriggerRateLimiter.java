package dev.idmap.service.security;

import dev.idmap.service.config.ConfigurationMistake;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-caller token bucket for the trigger endpoint: {@code burst} triggers at once, refilled at {@code perMinute}.
 * In memory, per node: a limit against accidental floods, not an accounting system.
 */
public final class TriggerRateLimiter {

    private final int burst;
    private final double tokensPerSecond;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TriggerRateLimiter(int burst, int perMinute, Clock clock) {
        if (burst < 1 || perMinute < 1) {
            throw new ConfigurationMistake("idmap.api.trigger-rate: burst and per-minute must be at least 1");
        }
        this.burst = burst;
        this.tokensPerSecond = perMinute / 60.0;
        this.clock = clock;
    }

    /** Empty when allowed; otherwise how long to wait before the next trigger is allowed. */
    public java.util.Optional<Duration> acquire(String caller) {
        var now = clock.instant();
        var bucket = buckets.computeIfAbsent(caller, c -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.refill(now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return java.util.Optional.empty();
            }
            var seconds = Math.ceil((1 - bucket.tokens) / tokensPerSecond);
            return java.util.Optional.of(Duration.ofSeconds(Math.max(1, (long) seconds)));
        }
    }

    private final class Bucket {
        double tokens;
        Instant updated;

        Bucket(double tokens, Instant updated) {
            this.tokens = tokens;
            this.updated = updated;
        }

        void refill(Instant now) {
            if (now.isAfter(updated)) {
                var elapsed = Duration.between(updated, now).toNanos() / 1e9;
                tokens = Math.min(burst, tokens + elapsed * tokensPerSecond);
                updated = now;
            }
        }
    }
}
