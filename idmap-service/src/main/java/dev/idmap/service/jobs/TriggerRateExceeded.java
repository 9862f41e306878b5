package dev.idmap.service.jobs;

import java.time.Duration;

/** A caller triggered more jobs than its rate allows. */
public final class TriggerRateExceeded extends RuntimeException {
    private final Duration retryAfter;
    private final int perMinute;

    public TriggerRateExceeded(Duration retryAfter, int perMinute) {
        super("Too many trigger requests: at most " + perMinute + " per minute per caller. Retry after "
                + retryAfter.toSeconds() + " seconds.");
        this.retryAfter = retryAfter;
        this.perMinute = perMinute;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public int perMinute() {
        return perMinute;
    }
}
