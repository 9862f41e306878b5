package dev.idmap.connectors.http;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to keep trying a request that failed in a way that may pass: 5xx answers and dropped connections are
 * retried with exponential backoff and jitter up to {@code maxAttempts}; 429 answers wait as long as the site
 * asks ({@code Retry-After} / {@code X-RateLimit-Reset}), at most {@code maxRateLimitWait} each time and at most
 * {@code maxRateLimitRetries} times in a row.
 *
 * @param maxAttempts attempts in total for 5xx and I/O failures (1 = no retry)
 * @param initialBackoff the first backoff; doubled after each failure
 * @param maxBackoff upper bound of one backoff
 * @param maxRateLimitRetries how many 429 answers in a row are waited out before giving up
 * @param maxRateLimitWait upper bound of one wait asked for by the site
 */
public record RetryPolicy(
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        int maxRateLimitRetries,
        Duration maxRateLimitWait) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (maxRateLimitRetries < 0) {
            throw new IllegalArgumentException("maxRateLimitRetries must not be negative, was " + maxRateLimitRetries);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
    }

    /** Six attempts from 500 ms up to 30 s; up to 50 waits of at most 5 minutes on 429. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(30), 50, Duration.ofMinutes(5));
    }

    /**
     * The wait before retry number {@code failures} (1 = after the first failure): exponential, capped, with
     * "equal jitter" — half of it fixed, half random — so that parallel clients spread out but never retry at once.
     */
    public Duration backoff(int failures, RandomGenerator random) {
        var exponent = Math.min(Math.max(failures - 1, 0), 30);
        var ceiling = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() * (1L << exponent));
        var half = ceiling / 2;
        return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }

    /** The wait the site asked for, bounded, plus up to 10% jitter so parallel clients do not return together. */
    public Duration rateLimitWait(Duration askedFor, RandomGenerator random) {
        var bounded = askedFor.compareTo(maxRateLimitWait) > 0 ? maxRateLimitWait : askedFor;
        var jitterBound = bounded.toMillis() / 10;
        return bounded.plusMillis(jitterBound > 0 ? random.nextLong(jitterBound + 1) : 0);
    }
}
